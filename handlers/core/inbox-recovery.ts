// Finishes inbox rows whose process died (or gave up) before answering: at start-up and then periodically,
// on every instance. A row still `received` runs through the core again — its delivery-key claim keeps the
// effect single — and a row already `answered` only has its stored answer sent.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createInboxRepository, type InboxRow } from '../../db/inbox.repository.js';
import type { Database } from '../../db/database.js';
import type { Clock } from './context.js';
import { t, toLanguage } from '../i18n/index.js';
import type { IncomingMessage, Language, Outcome, ProcessIncoming } from './incoming.js';
import { textReply } from './reply.js';
import type { Turns } from './inbox-turns.js';
import { INBOX_LEASE_MS, isUnfinishedFailure, type InboxDeliverer } from './inbox.js';

/** Slack keeps a response_url valid for 30 minutes; after that the answer goes to the user's DM. We send it
 *  rather than drop it: the command took effect, and a user who never hears so types it again. */
export const LATE_AFTER_MS = 30 * 60_000;
/** A day-old command acting now would surprise its author more than help them: it is dropped and logged. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
/** A command that fails this often is a bug, not an outage: the user gets the apology and it stops. */
export const MAX_ATTEMPTS = 5;
const BATCH = 50;
/** Finished rows stay a week for diagnosis (what arrived, when it was answered), then go. */
const KEEP_FINISHED_MS = 7 * 24 * 60 * 60_000;

export interface InboxRecoveryDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  core: ProcessIncoming;
  /** One per platform this instance serves; rows of other platforms are left to instances that serve them. */
  deliverers: Partial<Record<string, InboxDeliverer>>;
  defaultLanguage: Language;
  leaseMs?: number;
  /** The turns live commands run in (Inbox.turns): recovered rows queue with them rather than beside them,
   *  so a recovery pass neither overruns the connection pool nor delays acknowledgements. */
  turns?: Turns;
}

export type RowResult = 'replied' | 'retry' | 'failed' | 'dropped' | 'skipped';

export function createInboxRecovery(deps: InboxRecoveryDeps) {
  const repo = createInboxRepository({ db: deps.db });
  const log = deps.logger.child({ component: 'inbox' });

  async function recoverRow(row: InboxRow): Promise<RowResult> {
    const deliver = deps.deliverers[row.platform];
    if (!deliver) return 'skipped';
    const age = deps.clock.now().getTime() - row.receivedAt.getTime();
    if (age > GIVE_UP_AFTER_MS) {
      await repo.finish(row.source, row.key, 'dropped', deps.clock.now(), 'older than a day');
      log.warn({ source: row.source, platform: row.platform, workspace: row.workspaceId, receivedAt: row.receivedAt }, 'inbox command older than a day dropped unprocessed');
      return 'dropped';
    }
    const outcome = await outcomeOf(row);
    if (outcome === 'retry') return row.attempts >= MAX_ATTEMPTS ? giveUp(row) : 'retry';
    if (outcome === 'none') {
      await repo.finish(row.source, row.key, 'failed', deps.clock.now(), 'processed before without a stored answer');
      return 'failed';
    }
    try {
      await deliver(row, outcome, age > LATE_AFTER_MS);
    } catch (error) {
      log.warn({ err: error, source: row.source, attempts: row.attempts }, 'inbox answer could not be delivered');
      await repo.noteError(row.source, row.key, String((error as Error).message ?? error));
      if (row.attempts < MAX_ATTEMPTS) return 'retry';
      await repo.finish(row.source, row.key, 'failed', deps.clock.now(), 'answer could not be delivered');
      return 'failed';
    }
    await repo.finish(row.source, row.key, 'replied', deps.clock.now());
    return 'replied';
  }

  async function outcomeOf(row: InboxRow): Promise<Outcome | 'retry' | 'none'> {
    if (row.status === 'answered' && row.outcome) return row.outcome as unknown as Outcome;
    const result = await deps.core({ ...(row.message as unknown as IncomingMessage), stored: true });
    if (result.kind === 'duplicate') {
      // Another worker committed it meanwhile; its answer was written in the same commit.
      const { row: fresh } = await repo.find(row.source, row.key);
      return fresh?.outcome ? (fresh.outcome as unknown as Outcome) : 'none';
    }
    return isUnfinishedFailure(result) ? 'retry' : result;
  }

  async function giveUp(row: InboxRow): Promise<RowResult> {
    log.error({ source: row.source, platform: row.platform, attempts: row.attempts }, 'inbox command failed too often; telling the user');
    const message = row.message as unknown as IncomingMessage;
    const language = toLanguage(message.locale) ?? deps.defaultLanguage;
    const apology: Outcome = { kind: 'reply', language, reply: { ...textReply(t(language, 'error.generic')), error: { code: 'error.generic' } } };
    await deps.deliverers[row.platform]?.(row, apology, deps.clock.now().getTime() - row.receivedAt.getTime() > LATE_AFTER_MS).catch(() => undefined);
    await repo.finish(row.source, row.key, 'failed', deps.clock.now(), 'failed too often');
    return 'failed';
  }

  /** Takes abandoned rows in batches until none is left; returns how each ended. */
  async function recoverOnce(): Promise<Record<RowResult, number>> {
    const counts: Record<RowResult, number> = { replied: 0, retry: 0, failed: 0, dropped: 0, skipped: 0 };
    for (;;) {
      const owner = `recovery:${randomUUID()}`;
      const leaseMs = deps.leaseMs ?? INBOX_LEASE_MS;
      const { rows } = await repo.claimAbandoned(deps.clock.now(), leaseMs, BATCH, owner);
      if (rows.length === 0) return counts;
      // A row that waited for its turn longer than its lease may have been taken by another instance.
      const inTurn = async (row: InboxRow): Promise<RowResult> =>
        (await repo.renewLease(row.id, owner, deps.clock.now(), leaseMs)).renewed ? recoverRow(row) : 'skipped';
      const recover = (row: InboxRow) => (deps.turns ? deps.turns.run(() => inTurn(row)) : recoverRow(row));
      const results = await Promise.all(rows.map((row) => recover(row).catch((error: unknown) => {
        log.error({ err: error, source: row.source }, 'inbox recovery of a row failed');
        return 'retry' as const;
      })));
      for (const result of results) counts[result] += 1;
      if (rows.length < BATCH) return counts;
    }
  }

  /** Recovers now and then every `intervalMs`; one pass at a time, and a failing pass (the database is
   *  away) only logs, so the next tick tries again. */
  function start(intervalMs: number): { stop(): Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    const tick = () => {
      running = running.then(async () => {
        const counts = await recoverOnce();
        await repo.purgeFinished(new Date(deps.clock.now().getTime() - KEEP_FINISHED_MS));
        return counts;
      }).then(
        (counts) => {
          if (counts.replied + counts.failed + counts.dropped > 0) log.info({ ...counts }, 'inbox recovered unfinished commands');
        },
        (error: unknown) => log.warn({ err: error }, 'inbox recovery pass failed; retrying later'),
      );
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  }

  return { recoverOnce, recoverRow, start };
}

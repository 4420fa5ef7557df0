// Delivers the outbox (db/schema/outbox.ts) through the Notifier port. Why an outbox rather than sending
// from the handler: a handler runs inside the command's transaction, so a message sent from there could
// announce something that is then rolled back, and a message sent after the reply could be lost by a crash.
// Rows written in the same transaction as their cause and delivered after the commit avoid both. Each row
// is claimed by one conditional update, so instances sharing a database never send it twice.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { OutboxMessage } from '../../db/outbox.repository.js';
import { createRepositories, type Repositories } from '../../db/repositories.js';
import type { Clock } from './context.js';
import type { Reply } from './reply.js';
import { DeliveryError, type Delivery, type Notifier, type PersonTarget } from './notifier.js';
import { personTarget } from './person-target.js';

export interface OutboxDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  /** Only these programmes (tests sharing one database); absent: every programme. */
  programmeIds?: string[];
}

// Longer than any send can take (bounded retries of a few seconds): a claim this old lost its process.
const STALE_CLAIM_MS = 15 * 60 * 1000;
// A certain failure (platform down) is tried again after this long, on a later kick or tick.
const RETRY_AFTER_MS = 5 * 60 * 1000;
const BATCH = 50;

export type OutboxOutcome = 'sent' | 'skipped' | 'failed' | 'gone' | 'unknown' | 'taken';

/** Claims and sends what is due, oldest first. Safe to run on every instance at once. */
export async function deliverOutbox(deps: OutboxDeps): Promise<Record<OutboxOutcome, number>> {
  const repos = createRepositories(deps.db);
  const now = deps.clock.now();
  await repos.outbox.markStale(new Date(now.getTime() - STALE_CLAIM_MS), now);
  const { ids } = await repos.outbox.due({ retryBefore: new Date(now.getTime() - RETRY_AFTER_MS), limit: BATCH, ...(deps.programmeIds ? { programmeIds: deps.programmeIds } : {}) });
  const counts: Record<OutboxOutcome, number> = { sent: 0, skipped: 0, failed: 0, gone: 0, unknown: 0, taken: 0 };
  for (const id of ids) counts[await deliverOne(repos, deps, id)] += 1;
  return counts;
}

async function deliverOne(repos: Repositories, deps: OutboxDeps, id: string): Promise<OutboxOutcome> {
  const { message } = await repos.outbox.claim(id, deps.clock.now());
  if (!message) return 'taken';
  const targets = await targetsOf(repos, deps.notifier, message);
  if (!targets) {
    // A console person, or a platform this deployment does not serve: they read it in `exchange list mine`.
    await repos.outbox.finish(id, 'skipped', deps.clock.now(), { detail: 'recipient not reachable from here' });
    return 'skipped';
  }
  try {
    const delivery = await send(deps.notifier, targets, message.reply as unknown as Reply);
    await repos.outbox.finish(id, 'sent', deps.clock.now(), delivery.messageId ? { messageId: delivery.messageId } : undefined);
    return 'sent';
  } catch (error) {
    const kind = error instanceof DeliveryError ? error.kind : 'unknown';
    await repos.outbox.finish(id, kind, deps.clock.now(), { detail: String(error instanceof Error ? error.message : error) });
    deps.logger.warn({ err: error, outbox: id, kind: message.kind, outcome: kind }, 'outbox message not delivered');
    return kind;
  }
}

async function targetsOf(repos: Repositories, notifier: Notifier, message: OutboxMessage): Promise<PersonTarget[] | undefined> {
  const targets: PersonTarget[] = [];
  for (const personId of message.personIds) {
    const { person } = await repos.people.findById(message.programmeId, personId);
    if (!person || !notifier.handles(person.platform)) return undefined;
    const target = await personTarget(repos, message.programmeId, person);
    if (!target) return undefined;
    targets.push(target);
  }
  return targets.length ? targets : undefined;
}

function send(notifier: Notifier, targets: PersonTarget[], reply: Reply): Promise<Delivery> {
  if (targets.length === 1) return notifier.sendDirect(targets[0]!, reply);
  if (!notifier.sendGroup) throw new DeliveryError('failed', 'this notifier cannot send to several people');
  return notifier.sendGroup(targets, reply);
}

/**
 * Runs the dispatcher right after a command commits (CoreSettings.outbox), so the other side hears at once
 * rather than at the next tick. Kicks during a run make it go round once more instead of running twice.
 */
export function createOutboxKicker(deps: OutboxDeps) {
  let running: Promise<void> | undefined;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      try {
        await deliverOutbox(deps);
      } catch (err) {
        deps.logger.error({ err }, 'outbox delivery failed');
      }
    } while (again);
    running = undefined;
  };
  return {
    kick(): void {
      if (running) again = true;
      else running = loop();
    },
    /** Resolves when nothing is being delivered (tests, shutdown). */
    idle: (): Promise<void> => running ?? Promise.resolve(),
  };
}

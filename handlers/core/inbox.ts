// The inbox: a command is stored before the platform is told "got it", and finished from the store, so a
// crash between the acknowledgement and the answer loses nothing (README "Reliability"). Platform-neutral:
// adapters say how to answer a row (InboxDeliverer); the exactly-once effect still comes from the core's
// delivery-key claim, and the core writes its answer into the row in the command's own transaction.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { admissionKey, createInboxRepository, type AdmitInput, type InboxRow } from '../../db/inbox.repository.js';
import type { Database } from '../../db/database.js';
import type { Clock } from './context.js';
import { createGroupCommit } from './inbox-batch.js';
import { createTurns } from './inbox-turns.js';
import type { IncomingMessage, Outcome } from './incoming.js';

/** A stored command, as a deliverer reads it to answer (its reply target and original message). */
export type { InboxRow };

/** Long enough for a command queued behind a burst; recovery takes a row only after its lease ran out. */
export const INBOX_LEASE_MS = 30_000;
/** Slack gives 3 s to acknowledge; storing the row must leave time to answer "try again" instead. */
export const ADMIT_TIMEOUT_MS = 2_000;

/** Stored commands one process runs at once where nothing says otherwise (tests); servers use
 *  commandsAtOnceFor. The rest wait their turn already acknowledged and stored. */
export const COMMANDS_AT_ONCE = 10;

/**
 * How many stored commands a server runs at once: as many as its connection pool can carry while one
 * connection stays free for jobs, recovery and /ready, and no more than a few per core — a command spends
 * most of its time waiting for the database, so a few per core keep the CPU busy, while more would only
 * queue for it. Acknowledgements still come first (inbox-turns.ts). A fixed 10 left a 20-connection pool
 * half idle and made a one-connection database queue ten transactions (issue 21).
 */
export function commandsAtOnceFor(poolSize: number, cores: number): number {
  const COMMANDS_PER_CORE = 4;
  return Math.max(1, Math.min(poolSize - 1, cores * COMMANDS_PER_CORE));
}
/** Commands that keep running while acknowledgements are owed (inbox-turns.ts). */
const COMMANDS_UNDER_LOAD = 1;
/** Rows per INSERT: a burst of this many costs one round trip and one WAL flush instead of as many. */
export const ADMIT_BATCH = 64;
/** Fewer than the admission pool's connections (bot/inbox-runner.ts), so a statement never queues for one. */
const ADMIT_STATEMENTS_IN_FLIGHT = 2;

export type Admission = { kind: 'admitted' } | { kind: 'duplicate' } | { kind: 'unavailable'; error: unknown };

/** How an adapter answers a row later. `late` means the original reply channel (a Slack response_url,
 *  valid 30 minutes) has expired and the answer must go to the user another way. */
export type InboxDeliverer = (row: InboxRow, outcome: Outcome, late: boolean) => Promise<void>;

export interface InboxDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  leaseMs?: number;
  admitTimeoutMs?: number;
  /** Commands stored by one statement at most. */
  admitBatch?: number;
  commandsAtOnce?: number;
}

export type Inbox = ReturnType<typeof createInbox>;

export function createInbox(deps: InboxDeps) {
  const repo = createInboxRepository({ db: deps.db });
  const leaseMs = deps.leaseMs ?? INBOX_LEASE_MS;
  const admitTimeoutMs = deps.admitTimeoutMs ?? ADMIT_TIMEOUT_MS;
  const owner = `process:${randomUUID()}`;
  const admissions = createGroupCommit<AdmitInput, boolean>({
    write: (items) => admitTogether(repo, items),
    maxBatch: deps.admitBatch ?? ADMIT_BATCH,
    maxInFlight: ADMIT_STATEMENTS_IN_FLIGHT,
  });
  const finishing = createGroupCommit<Finished, void>({
    write: async (items) => {
      for (const status of ['replied', 'failed'] as const) {
        const keys = items.filter((item) => item.status === status);
        if (keys.length > 0) await repo.finishMany(keys, status, deps.clock.now());
      }
      return items.map(() => ({ status: 'fulfilled' as const, value: undefined }));
    },
    maxBatch: deps.admitBatch ?? ADMIT_BATCH,
    maxInFlight: 1,
  });
  const turns = createTurns({ size: deps.commandsAtOnce ?? COMMANDS_AT_ONCE, floor: COMMANDS_UNDER_LOAD, urgent: () => admissions.pending });
  return {
    /** Turns for running stored commands — live ones and recovered ones alike — after the
     *  acknowledgements owed (inbox-turns.ts). */
    turns,

    /** Stores the command; `unavailable` when the database does not answer in time (the adapter then
     *  tells the user to try again, and a row stored after that is dropped so it never acts later).
     *  Commands arriving together are stored by one statement (inbox-batch.ts); each is only reported
     *  admitted once that statement has committed, and a statement that fails reports all of its commands
     *  unavailable, so none is acknowledged as stored when it was not. */
    async admit(message: IncomingMessage, replyTo: Record<string, unknown>): Promise<Admission> {
      const key = message.deliveryKey;
      if (!key) throw new Error('inbox: a message without a delivery key cannot be stored');
      const submitted = admissions.submit({
        source: key.source, key: key.key, platform: message.platform, workspaceId: message.workspaceId, userId: message.userId,
        message: { ...message }, replyTo, owner, now: deps.clock.now(), leaseMs,
      });
      const outcome = await withTimeout(submitted.result, admitTimeoutMs);
      if (outcome.kind === 'timeout') {
        // Not sent yet: it never will be. Sent: if it commits after all, it is dropped unprocessed.
        if (!submitted.withdraw()) {
          void submitted.result.then(
            async (admitted) => {
              if (admitted) await repo.finish(key.source, key.key, 'dropped', deps.clock.now(), 'stored after the user was told to try again');
            },
            () => undefined,
          );
        }
        return { kind: 'unavailable', error: new Error(`inbox: not stored within ${admitTimeoutMs} ms`) };
      }
      if (outcome.kind === 'error') return { kind: 'unavailable', error: outcome.error };
      return outcome.value ? { kind: 'admitted' } : { kind: 'duplicate' };
    },

    /** Commands being stored right now; their acknowledgements are owed to Slack within 3 s. */
    get admitting(): number {
      return admissions.pending;
    },

    /** Just before running a stored command: false when recovery took it over while it waited for a
     *  turn (then recovery answers it). A database error lets it run: the delivery key still decides.
     *  `waitedMs` since it was stored: a command whose turn came well within its lease cannot have been
     *  taken over (recovery only takes rows whose lease ran out), so it runs without asking the database. */
    async resume(message: IncomingMessage, waitedMs?: number): Promise<boolean> {
      const key = message.deliveryKey;
      if (!key) return true;
      if (waitedMs !== undefined && waitedMs < leaseMs / 3) return true;
      try {
        return (await repo.resume(key.source, key.key, owner, deps.clock.now(), leaseMs)).resumed;
      } catch (error) {
        deps.logger.warn({ err: error, source: key.source }, 'inbox row could not be resumed; running it anyway');
        return true;
      }
    },

    /** After the answer was sent (or the user was told to try again): the row is done. Rows finishing
     *  together are marked by one statement, like admissions. */
    async finished(message: IncomingMessage, outcome: Outcome): Promise<void> {
      const key = message.deliveryKey;
      if (!key) return;
      const status = isUnfinishedFailure(outcome) ? 'failed' : 'replied';
      // The answer is out. A row left unfinished would be answered again by recovery once its lease runs
      // out, so while the database is away (a restart, issue 24) the mark is tried again, well inside the
      // lease; only a database away for longer leaves the row to recovery.
      for (let attempt = 0; ; attempt++) {
        try {
          await finishing.submit({ source: key.source, key: key.key, status }).result;
          if (attempt > 0) deps.logger.info({ source: key.source, attempts: attempt + 1 }, 'inbox row marked finished after the database came back');
          return;
        } catch (error) {
          const waitMs = FINISH_RETRY_MS[attempt];
          if (waitMs === undefined) {
            deps.logger.warn({ err: error, source: key.source }, 'inbox row could not be marked finished');
            return;
          }
          if (attempt === 0) deps.logger.warn({ err: error, source: key.source }, 'inbox row not marked finished yet; trying again');
          await new Promise((resolve) => setTimeout(resolve, waitMs));
        }
      }
    },
  };
}

/** Waits between tries to mark a row finished: about 20 s in all, within the 30 s lease after which
 *  recovery would answer the row again. */
const FINISH_RETRY_MS = [250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000];

/** The core's answer when it threw (an outage, a bug): nothing was committed and the user is told to try again. */
export function isUnfinishedFailure(outcome: Outcome): boolean {
  return outcome.kind === 'reply' && outcome.reply.error?.code === 'error.generic';
}

interface Finished {
  source: string;
  key: string;
  status: 'replied' | 'failed';
}

type InboxRepository = ReturnType<typeof createInboxRepository>;

/** Stores a batch; true for each command stored now, false for a redelivery of a stored one (also within
 *  the batch: the first copy is the command). When the database refuses the statement for what one row
 *  holds, the rows are tried one by one, so one odd command cannot make its neighbours "try again". */
async function admitTogether(repo: InboxRepository, items: AdmitInput[]): Promise<PromiseSettledResult<boolean>[]> {
  let admitted: Set<string>;
  try {
    ({ admitted } = await repo.admitMany(items));
  } catch (error) {
    if (items.length === 1 || !refusedForItsData(error)) throw error;
    return Promise.all(items.map(async (item) => (await admitTogether(repo, [item]).catch((reason: unknown) => [{ status: 'rejected' as const, reason }]))[0]!));
  }
  const seen = new Set<string>();
  return items.map((item) => {
    const id = admissionKey(item.source, item.key);
    const first = !seen.has(id);
    seen.add(id);
    return { status: 'fulfilled' as const, value: first && admitted.has(id) };
  });
}

/** The server answered and rejected the statement (a SQLSTATE outside the connection, resource and
 *  shutdown classes), as opposed to a database that cannot be reached, where trying row by row only adds load. */
function refusedForItsData(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return !['08', '53', '57', '58', 'XX'].includes(code.slice(0, 2));
  }
  return false;
}

/** How late the admission timer may fire before the extra turn for waiting I/O is no longer affordable. */
const LATE_TIMER_MS = 500;

type Raced<T> = { kind: 'value'; value: T } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<Raced<T>> {
  let timer: NodeJS.Timeout | undefined;
  // Timers run before pending I/O is read: on a busy event loop an answer that arrived in time would lose
  // the race, so the timeout first lets waiting I/O through (setImmediate runs after the poll phase).
  // But when the loop is so late that the timer fires long after its time, that extra turn could outlast
  // Slack's 3 s (Bolt then answers 404 and the user sees an error instead of "try again"): time is up.
  const started = performance.now();
  const timeout = new Promise<Raced<T>>((resolve) => {
    timer = setTimeout(() => {
      if (performance.now() - started > ms + LATE_TIMER_MS) resolve({ kind: 'timeout' });
      else setImmediate(() => resolve({ kind: 'timeout' }));
    }, ms);
  });
  const settled = promise.then(
    (value): Raced<T> => ({ kind: 'value', value }),
    (error: unknown): Raced<T> => ({ kind: 'error', error }),
  );
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

// Wires the inbox on a server: which platforms store commands before acknowledging them, the recovery pass
// that finishes what a crashed process left (at start-up, then every RECOVERY_INTERVAL_MS), and the wait
// for the database that keeps an acknowledged command owed through an outage (runStored below).
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock } from '../handlers/core/context.js';
import type { Database } from '../handlers/core/database.js';
import { createInbox, isUnfinishedFailure, type Inbox } from '../handlers/core/inbox.js';
import { createInboxRecovery } from '../handlers/core/inbox-recovery.js';
import type { Outcome, ProcessIncoming } from '../handlers/core/incoming.js';
import type { Config } from './config.js';
import { createSlackInboxDeliverer, type SlackTokenLookup } from './inbox-slack.js';
import type { Logger } from './logger.js';

/** Often enough that a restarted server answers within a minute of the lease running out. */
export const RECOVERY_INTERVAL_MS = 10_000;

export interface InboxRunner {
  /** Absent where no adapter stores commands (Teams answers before it acknowledges; see README). */
  inbox?: Inbox;
  /** The core as the adapter runs stored commands (runStored below); absent where `inbox` is. */
  core?: ProcessIncoming;
  /** Shutdown: stored commands waiting for the database stop waiting and are left to recovery. */
  release(): void;
  stop(): Promise<void>;
}

/** Connections of the inbox's own pool on Postgres (see below). */
const ADMISSION_CONNECTIONS = 3;

/** Opens a second pool on the same database with at most this many connections; the composition root
 *  knows how (bot/main.ts). Absent where there is one connection only (the embedded PGlite). */
export type OpenAdmissionPool = (maxConnections: number) => Promise<{ db: Database; close(): Promise<void> }>;

export async function startInbox(deps: { config: Config; db: Database; openAdmissionPool?: OpenAdmissionPool; core: ProcessIncoming; logger: Logger; slackTokens: SlackTokenLookup; answeredSince?: (receivedAt: Date) => void; commandsAtOnce?: number; ping?: () => Promise<boolean>; clock?: Clock }): Promise<InboxRunner> {
  const { config, db, core, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const slack = config.slack;
  if (!slack) return { release: () => {}, stop: async () => {} };
  // Storing a command must not queue behind the commands already running (a burst holds every connection
  // of the main pool for whole transactions), or the 3 s acknowledgement would be missed under load.
  const side = deps.openAdmissionPool ? await deps.openAdmissionPool(ADMISSION_CONNECTIONS) : undefined;
  // OAuth mode: one token per installation, looked up when an answer goes out.
  const botToken = slack.mode === 'oauth' ? deps.slackTokens : slack.botToken;
  const delivers = createSlackInboxDeliverer({ botToken, ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}), logger });
  // A recovered answer's time runs from when its command was stored (GET /metrics).
  const deliverer: typeof delivers = async (row, outcome, late) => {
    await delivers(row, outcome, late);
    if (outcome.kind !== 'duplicate') deps.answeredSince?.(row.receivedAt);
  };
  const inbox = createInbox({ db: side?.db ?? db, clock, logger, ...(deps.commandsAtOnce ? { commandsAtOnce: deps.commandsAtOnce } : {}) });
  const recovery = createInboxRecovery({ db, clock, logger, core, deliverers: { slack: deliverer }, defaultLanguage: config.language, turns: inbox.turns });
  const running = recovery.start(RECOVERY_INTERVAL_MS);
  const stopping = new AbortController();
  return {
    inbox,
    ...(deps.ping ? { core: runStored({ core, inbox, ping: deps.ping, logger, signal: stopping.signal }) } : {}),
    release: () => stopping.abort(),
    async stop() {
      stopping.abort();
      await running.stop();
      await side?.close();
    },
  };
}

/** How long a stored command waits for the database before it is left to recovery. Within the lease, so
 *  no other instance takes it over meanwhile; a Postgres restart or a failover usually takes seconds. */
export const OUTAGE_HOLD_MS = 20_000;
/** Runs while the database answers /ready's ping and the command still fails: a bug, not an outage. */
const FAILURES_WHILE_REACHABLE = 2;
const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 3_000;

/** Left unanswered on purpose: the listener sends nothing and does not mark the row finished. */
const LEFT_TO_RECOVERY: Outcome = { kind: 'duplicate' };

/**
 * The core for commands stored before they were acknowledged (issue 24). Such a command is owed an answer:
 * when its run fails because the database is away (Postgres restarting, a failover), telling its user "try
 * again" would make them type a command LOKET already took. Instead it waits (backing off, while /ready's
 * ping fails) and runs again once the database answers; the core's transaction rolled back, so nothing ran
 * twice, and the delivery key still makes a second run a duplicate if the first commit did land. A command
 * still failing after OUTAGE_HOLD_MS is left unfinished: the recovery pass (this instance's or another's)
 * runs it once the lease has run out and answers it then — one answer either way. A command that keeps
 * failing while the database answers is a bug: its user gets the apology, as before. Refusals (the user's
 * mistake) are ordinary answers and pass straight through; unstored messages are not touched.
 */
export function runStored(deps: { core: ProcessIncoming; inbox: Pick<Inbox, 'resume'>; ping: () => Promise<boolean>; logger: Logger; holdMs?: number; signal?: AbortSignal }): ProcessIncoming {
  const holdMs = deps.holdMs ?? OUTAGE_HOLD_MS;
  return async (message) => {
    let outcome = await deps.core(message);
    if (!message.stored || !isUnfinishedFailure(outcome)) return outcome;
    const started = performance.now();
    let wait = FIRST_WAIT_MS;
    let failuresWhileReachable = (await deps.ping()) ? 1 : 0;
    const source = message.deliveryKey?.source;
    deps.logger.warn({ source, platform: message.platform }, 'stored command failed; waiting for the database to run it again');
    while (performance.now() - started < holdMs && !deps.signal?.aborted) {
      await sleep(wait, undefined, { ref: false, ...(deps.signal ? { signal: deps.signal } : {}) }).catch(() => undefined);
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
      if (!(await deps.ping())) continue;
      // Still this process's row? Recovery may have taken it over (then recovery answers it).
      if (!(await deps.inbox.resume(message))) return LEFT_TO_RECOVERY;
      outcome = await deps.core(message);
      if (!isUnfinishedFailure(outcome)) {
        deps.logger.info({ source, platform: message.platform, waitedMs: Math.round(performance.now() - started) }, 'stored command ran after the database came back');
        return outcome;
      }
      failuresWhileReachable += (await deps.ping()) ? 1 : 0;
      if (failuresWhileReachable >= FAILURES_WHILE_REACHABLE) return outcome;
    }
    deps.logger.warn({ source, platform: message.platform }, 'database still unavailable; the stored command is left to inbox recovery');
    return LEFT_TO_RECOVERY;
  };
}

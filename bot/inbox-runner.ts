// Wires the inbox on a server: which platforms store commands before acknowledging them, and the
// recovery pass that finishes what a crashed process left (at start-up, then every RECOVERY_INTERVAL_MS).
import { systemClock } from '../handlers/core/context.js';
import type { Database } from '../handlers/core/database.js';
import { createInbox, type Inbox } from '../handlers/core/inbox.js';
import { createInboxRecovery } from '../handlers/core/inbox-recovery.js';
import type { ProcessIncoming } from '../handlers/core/incoming.js';
import type { Config } from './config.js';
import { createSlackInboxDeliverer, type SlackTokenLookup } from './inbox-slack.js';
import type { Logger } from './logger.js';

/** Often enough that a restarted server answers within a minute of the lease running out. */
export const RECOVERY_INTERVAL_MS = 10_000;

export interface InboxRunner {
  /** Absent where no adapter stores commands (Teams answers before it acknowledges; see README). */
  inbox?: Inbox;
  stop(): Promise<void>;
}

/** Connections of the inbox's own pool on Postgres (see below). */
const ADMISSION_CONNECTIONS = 3;

/** Opens a second pool on the same database with at most this many connections; the composition root
 *  knows how (bot/main.ts). Absent where there is one connection only (the embedded PGlite). */
export type OpenAdmissionPool = (maxConnections: number) => Promise<{ db: Database; close(): Promise<void> }>;

export async function startInbox(deps: { config: Config; db: Database; openAdmissionPool?: OpenAdmissionPool; core: ProcessIncoming; logger: Logger; slackTokens: SlackTokenLookup; answeredSince?: (receivedAt: Date) => void; commandsAtOnce?: number }): Promise<InboxRunner> {
  const { config, db, core, logger } = deps;
  const slack = config.slack;
  if (!slack) return { stop: async () => {} };
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
  const inbox = createInbox({ db: side?.db ?? db, clock: systemClock, logger, ...(deps.commandsAtOnce ? { commandsAtOnce: deps.commandsAtOnce } : {}) });
  const recovery = createInboxRecovery({ db, clock: systemClock, logger, core, deliverers: { slack: deliverer }, defaultLanguage: config.language, turns: inbox.turns });
  const running = recovery.start(RECOVERY_INTERVAL_MS);
  return {
    inbox,
    async stop() {
      await running.stop();
      await side?.close();
    },
  };
}

import type { Logger } from 'pino';
import type { Repositories } from '../../db/repositories.js';
import type { Actor } from './actor.js';
import type { Command } from './command.js';
import type { ChannelAccess } from './channels.js';
import type { FileSink } from './files.js';
import type { DashboardLinks } from './dashboard-port.js';
import type { IncomingMessage } from './incoming.js';
import type { Reply } from './reply.js';
import type { Registry } from './registry.js';
import type { Language } from './incoming.js';
import type { PrivacySettings } from './privacy-settings.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Programme-wide settings the handlers need, taken from the configuration (handlers never read the environment). */
export interface CoreSettings {
  timezone: string;
  defaultLanguage: 'sv' | 'en';
  /** People who are project managers by configuration (LOKET_ADMINS, and the console user). */
  admins: { platform: string; userId: string }[];
  defaultProgrammeName: string;
  /** Where exports go: signed links on a server, disk in the console; in memory when absent (tests). */
  files?: FileSink;
  /** Asked by `digest here`; absent where every channel counts as reachable (the console, Teams, tests). */
  channels?: ChannelAccess;
  /** Privacy (issue 10): the retention policy `privacy` explains, and the key that hashes a forgotten
   *  person's platform id (LOKET_SECRET_KEY; absent in the console, where the programme id is used). */
  privacy?: PrivacySettings;
  /** Where `dashboard` and `status` get the web view's link; absent → the web view is not available. */
  dashboard?: DashboardLinks;
  /** Peer exchange (issue 7): told after each commit, so messages a command queued for others go out at
   *  once; absent (console, tests) they wait for the scheduler's tick. */
  outbox?: { kick(): void };
}

export interface HandlerContext<A = Record<string, unknown>> {
  /** The command's arguments, read and checked against its declaration before the handler runs. */
  args: A;
  command: Command;
  /** Every command LOKET knows (help and suggestions read it). */
  registry: Registry;
  actor: Actor;
  message: IncomingMessage;
  repos: Repositories;
  clock: Clock;
  settings: CoreSettings;
  logger: Logger;
}

export type Handler = (context: HandlerContext) => Promise<Reply>;

/** What a read-only view run for a person without a message (App Home, the Teams welcome) gets. */
export type ViewContext = Omit<HandlerContext, 'args' | 'registry'>;
export type ViewHandler = (context: ViewContext) => Promise<Reply>;

/** What `programme join` has before its workspace belongs to a programme. */
export interface WorkspaceContext<A = Record<string, unknown>> {
  args: A;
  workspace: { id: string; platform: string; externalId: string; programmeId: string | null };
  language: Language;
  repos: Repositories;
  clock: Clock;
}

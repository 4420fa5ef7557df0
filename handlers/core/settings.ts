// The clock and the programme-wide settings every use case is given (handlers never read the environment).
import type { ChannelAccess } from './channels.js';
import type { FileSink } from './files.js';
import type { DashboardLinks } from './dashboard-port.js';
import type { CalendarLinks } from './calendar-port.js';
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
  /** Calendar invitations and personal feeds (issue 22); absent → invitations as files, no feeds. */
  calendar?: CalendarLinks;
  /** Peer exchange (issue 7): told after each commit, so messages a command queued for others go out at
   *  once; absent (console, tests) they wait for the scheduler's tick. */
  outbox?: { kick(): void };
  /** Told once per command the core ran (GET /metrics counts them); absent in the console and tests. */
  commands?: CommandObserver;
}

/** What the core tells about each command: its verb (`unknown` when none matched, `none` before a
 *  workspace joined a programme), how it ended, on which platform and how long the core took. A redelivery
 *  that is answered by its first delivery is not told. */
export interface CommandObserver {
  ran(command: { platform: string; verb: string; outcome: 'ok' | 'refused' | 'error'; seconds: number }): void;
}


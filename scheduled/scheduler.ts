// The scheduled jobs and their node-cron wiring: when each job runs, nothing of what it does. What a job
// reads and writes is a use case in handlers/ (docs/architecture.md); the scheduler hands it the database
// handle and the notifier that bot/main.ts passes in.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { warmContinuityCache } from '../handlers/continuity/continuity-warm.js';
import { warmStatusFigures } from '../handlers/reports/status-warm.js';
import type { Clock } from '../handlers/core/context.js';
import type { Database } from '../handlers/core/database.js';
import { runOncePerPeriod } from '../handlers/core/job-claims.js';
import type { Notifier } from '../handlers/core/notifier.js';
import type { PrivacySettings } from '../handlers/core/privacy-settings.js';
import { purgeDeliveries } from '../handlers/core/purge-deliveries.js';
import { runExchangeTick } from '../handlers/exchange/exchange-tick.js';
import { runRetentionJob } from '../handlers/privacy/retention.js';
import type { RhythmSettings } from '../handlers/weekly/weekly-rhythm.js';
import { runWeeklyTick } from '../handlers/weekly/weekly-tick.js';

/** Every few minutes: each weekly job decides from the clock whether it is due (handlers/weekly/weekly-tick.ts). */
export const WEEKLY_TICK_CRON = '*/5 * * * *';
/** Every minute: follow-up questions that fell due, and the outbox's safety net (handlers/exchange/exchange-tick.ts). */
export const EXCHANGE_TICK_CRON = '* * * * *';

/** What a daily job is given to run with. */
export interface JobDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  timezone: string;
  privacy?: PrivacySettings;
}

export interface ScheduledJob {
  name: string;
  /** Cron expression in the programme's time zone. */
  cron: string;
  /** The period a run covers (e.g. a day or an ISO week); one run per (job, target, period). */
  period(now: Date, timezone: string): string;
  run(deps: JobDeps): Promise<unknown>;
}

export const jobs: ScheduledJob[] = [
  { name: 'purge-deliveries', cron: '17 3 * * *', period: dayInZone, run: purgeDeliveries },
  // Privacy (issue 10): pseudonymise or delete what the retention policy says is due, never what is held.
  { name: 'retention', cron: '41 2 * * *', period: dayInZone, run: runRetentionJob },
  // Continuity (issue 11): the day's first `status` should read a warm cache, not recompute every cluster.
  { name: 'continuity-warm', cron: '7 0 * * *', period: dayInZone, run: warmContinuityCache },
  // Issue 21: the figures `status` caches are the day's; the day's first overview should read them too.
  { name: 'status-warm', cron: '9 0 * * *', period: dayInZone, run: warmStatusFigures },
];

/**
 * node-cron only triggers; exactly-once comes from the database: each instance tries to claim the
 * (job, target, period) row and only the one that inserts it runs the job.
 */
export async function runJobOnce(job: ScheduledJob, deps: JobDeps) {
  const key = { job: job.name, target: 'programme', period: job.period(deps.clock.now(), deps.timezone) };
  return runOncePerPeriod(deps, key, () => job.run({ db: deps.db, clock: deps.clock, logger: deps.logger.child({ job: job.name }), timezone: deps.timezone, privacy: deps.privacy }));
}

export function startScheduler(deps: JobDeps & { weekly?: { notifier: Notifier; rhythm: RhythmSettings } }): { stop(): void } {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(job.cron, () => void runJobOnce(job, deps), { timezone: deps.timezone, name: job.name, noOverlap: true }),
  );
  // The weekly rhythm (issue 5) claims per (job, target, ISO week) itself, so it bypasses runJobOnce's
  // per-programme claim and just ticks; each tick is cheap when nothing is due.
  const weekly = deps.weekly;
  if (weekly) {
    const tick = () => runWeeklyTick({ db: deps.db, clock: deps.clock, logger: deps.logger.child({ job: 'weekly' }), ...weekly }).catch((err) => deps.logger.error({ err }, 'weekly tick failed'));
    tasks.push(cron.schedule(WEEKLY_TICK_CRON, tick, { timezone: deps.timezone, name: 'weekly-rhythm', noOverlap: true }));
  }
  // Peer exchange (issue 7): follow-up questions that are due, and the outbox's safety net for messages a
  // command queued but could not deliver right after its commit. Uses the weekly rhythm's notifier.
  if (weekly) {
    const exchange = { db: deps.db, clock: deps.clock, logger: deps.logger.child({ job: 'exchange' }), notifier: weekly.notifier, timezone: weekly.rhythm.timezone, defaultLanguage: weekly.rhythm.defaultLanguage };
    const exchangeTick = () => runExchangeTick(exchange).catch((err) => deps.logger.error({ err }, 'exchange tick failed'));
    tasks.push(cron.schedule(EXCHANGE_TICK_CRON, exchangeTick, { timezone: deps.timezone, name: 'exchange', noOverlap: true }));
  }
  return { stop: () => tasks.forEach((task) => void task.stop()) };
}

function dayInZone(now: Date, timezone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

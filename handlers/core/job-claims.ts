// A scheduled job runs once per period however many instances tick: each instance tries to claim the
// (job, target, period) row, and only the one that inserts it runs the job and records how it ended. The
// scheduler decides when to try (scheduled/scheduler.ts); the claim is data, so it lives here.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { RunKey } from '../../db/job-runs.repository.js';
import { createRepositories } from '../../db/repositories.js';
import type { Clock } from './context.js';

/** Runs `work` if this instance claims `key`. A failure is recorded and logged, not thrown: the cron
 *  trigger has nobody to tell, and the next period claims afresh. */
export async function runOncePerPeriod(deps: { db: Database; clock: Clock; logger: Logger }, key: RunKey, work: () => Promise<unknown>): Promise<{ ran: boolean }> {
  const repos = createRepositories(deps.db);
  const { claimed } = await repos.jobRuns.claim(key, deps.clock.now());
  if (!claimed) return { ran: false };
  try {
    const result = await work();
    await repos.jobRuns.finish(key, 'done', deps.clock.now(), JSON.stringify(result ?? null));
  } catch (err) {
    await repos.jobRuns.finish(key, 'failed', deps.clock.now(), String(err));
    deps.logger.error({ err, job: key.job }, 'scheduled job failed');
  }
  return { ran: true };
}

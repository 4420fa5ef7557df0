// The figures `status` reads from report_cache (db/report-cache.repository.ts) are keyed by the day, so
// without this nightly job (scheduled/scheduler.ts) the first programme overview of each day paid their whole
// computation (about 180 ms at a million rows, docs/benchmarks.md). Shortly after midnight it computes the
// overview's figures for the new day and the current quarter, as `status` with no arguments asks for them. It
// also consumes the change log of programmes nobody reads, which would otherwise only grow.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/repositories.js';
import type { Clock } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { quarterOf } from '../core/period.js';

export interface StatusWarmDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The programme time zone: `status` takes its "today" and its quarter in it, so the job must too. */
  timezone: string;
  /** Limits the run to these programmes: tests share one Postgres database with other tests. */
  only?: string[];
}

export async function warmStatusFigures({ db, clock, logger, timezone, only }: StatusWarmDeps) {
  const today = dayIn(timezone, clock.now());
  const period = quarterOf(today);
  const { ids } = await createRepositories(db).programmes.ids();
  const programmes = ids.filter((id) => !only || only.includes(id));
  for (const programmeId of programmes) {
    // One transaction per programme: a refresh holds the programme's lock until its commit.
    await db.transaction(async (tx) => {
      const repos = createRepositories(tx as unknown as Database);
      // The inputs of the whole programme's overview (handlers/reports/status.ts, status-totals.ts).
      await Promise.all([
        repos.status.clusters({ programmeId, scope: undefined, ...period, today }),
        repos.indicators.figures({ programmeId, scope: undefined, ...period, timezone }),
        repos.actionItems.countOpen({ programmeId, today }),
      ]);
    });
  }
  logger.info({ today, programmes: programmes.length }, 'status figures computed for the day');
  return { today, programmes: programmes.length };
}

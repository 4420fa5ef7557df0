// The continuity cache (db/continuity-cache.repository.ts) is kept per 12-month window, and the window moves
// by a day at midnight: without this nightly job (scheduled/scheduler.ts) the first `status` of each day found every cluster stale and paid
// the whole recomputation (about 1.3 s at a million rows, docs/benchmarks.md). Shortly after midnight it
// brings every programme's cache up to the new day. It also consumes the change log of programmes nobody
// reads, which would otherwise only grow.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/repositories.js';
import { warmContinuity } from './continuity.js';
import type { Clock } from '../core/context.js';
import { dayIn } from '../core/dates.js';

export interface ContinuityWarmDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The programme time zone: `status` takes its "today" in it, so the job must too. */
  timezone: string;
  /** Limits the run to these programmes: tests share one Postgres database with other tests. */
  only?: string[];
}

export async function warmContinuityCache({ db, clock, logger, timezone, only }: ContinuityWarmDeps) {
  const today = dayIn(timezone, clock.now());
  const { ids } = await createRepositories(db).programmes.ids();
  const programmes = ids.filter((id) => !only || only.includes(id));
  let recomputed = 0;
  for (const programmeId of programmes) {
    // One transaction per programme: a refresh holds the programme's lock until its commit, and a large
    // programme should not keep the others waiting.
    recomputed += await db.transaction(async (tx) => warmContinuity(createRepositories(tx as unknown as Database), programmeId, today));
  }
  logger.info({ today, programmes: programmes.length, recomputed }, 'continuity cache brought up to date');
  return { today, programmes: programmes.length, recomputed };
}

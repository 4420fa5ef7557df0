// Claims on the shared job_runs table for the weekly rhythm, plus the few cross-programme lookups the
// scheduled jobs need. job-runs.repository.ts's plain claim never retries; the weekly jobs must retry
// runs that certainly failed, so the claim here also takes over a 'failed' row — in one statement, so
// exactly one instance wins it.
import { and, eq, inArray, lt, notLike, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import type { RunKey } from './job-runs.repository.js';
import { jobRuns, people, programmeRoles, programmes } from './schema/index.js';

export function createWeeklyRunsRepository({ db }: { db: Database }) {
  return {
    /** True for exactly one caller per (job, target, period); a run that certainly failed can be claimed again. */
    async claim(key: RunKey, now: Date) {
      const rows = await db
        .insert(jobRuns)
        .values({ ...key, status: 'claimed', claimedAt: now })
        .onConflictDoUpdate({
          target: [jobRuns.job, jobRuns.target, jobRuns.period],
          set: { status: 'claimed', claimedAt: now, finishedAt: null, detail: sql`${jobRuns.detail}` },
          // A 'gone' failure (bot removed) is final: retrying it every tick would only fail again.
          setWhere: and(eq(jobRuns.status, 'failed'), notLike(sql`coalesce(${jobRuns.detail}, '')`, 'gone:%')),
        })
        .returning({ job: jobRuns.job });
      return { claimed: rows.length > 0 };
    },

    async finish(key: RunKey, status: 'done' | 'failed' | 'unknown', now: Date, detail?: string) {
      await db
        .update(jobRuns)
        .set({ status, finishedAt: now, detail: detail ?? null })
        .where(and(eq(jobRuns.job, key.job), eq(jobRuns.target, key.target), eq(jobRuns.period, key.period)));
    },

    /** A claim still open long after it was taken means its process died mid-send: whether the message
     *  went out cannot be known, so it is marked unknown (shown to the PM) and never re-posted. */
    async markStale(jobs: string[], olderThan: Date, now: Date) {
      const rows = await db
        .update(jobRuns)
        .set({ status: 'unknown', finishedAt: now, detail: 'process stopped while sending' })
        .where(and(inArray(jobRuns.job, jobs), eq(jobRuns.status, 'claimed'), lt(jobRuns.claimedAt, olderThan)))
        .returning({ target: jobRuns.target });
      return { marked: rows.length };
    },

    /** Targets already settled for a period (sent, in flight, unknown, or gone): a tick skips them
     *  with one query instead of one losing claim per target. */
    async settledTargets(job: string, period: string) {
      const rows = await db
        .select({ target: jobRuns.target })
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period), sql`not (${jobRuns.status} = 'failed' and coalesce(${jobRuns.detail}, '') not like 'gone:%')`));
      return { targets: new Set(rows.map((r) => r.target)) };
    },

    async runs(job: string, target: string) {
      const rows = await db.select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.target, target)));
      return { runs: rows };
    },

    async programmeIds() {
      const rows = await db.select({ id: programmes.id }).from(programmes);
      return { ids: rows.map((r) => r.id) };
    },

    async managersOf(programmeId: string) {
      const rows = await db
        .select({ person: people })
        .from(programmeRoles)
        .innerJoin(people, eq(people.id, programmeRoles.personId))
        .where(and(eq(programmeRoles.programmeId, programmeId), eq(programmeRoles.role, 'manager')));
      return { managers: rows.map((r) => r.person) };
    },
  };
}

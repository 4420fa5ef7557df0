import { and, eq } from 'drizzle-orm';
import type { Database } from './database.js';
import { jobRuns } from './schema/index.js';

export interface RunKey {
  job: string;
  target: string;
  period: string;
}

export function createJobRunsRepository({ db }: { db: Database }) {
  return {
    /** True for exactly one caller per (job, target, period), across every instance. */
    async claim(key: RunKey, now: Date) {
      const inserted = await db.insert(jobRuns).values({ ...key, status: 'claimed', claimedAt: now }).onConflictDoNothing().returning();
      return { claimed: inserted.length > 0 };
    },

    async finish(key: RunKey, status: 'done' | 'failed' | 'unknown', now: Date, detail?: string) {
      await db
        .update(jobRuns)
        .set({ status, finishedAt: now, detail: detail ?? null })
        .where(and(eq(jobRuns.job, key.job), eq(jobRuns.target, key.target), eq(jobRuns.period, key.period)));
    },
  };
}

import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per (job, target, period): inserting it is how an instance claims a scheduled run, so two
 *  instances never both run it (docs/architecture.md "Scaling out"). */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    target: text('target').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['claimed', 'done', 'failed', 'unknown'] }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    detail: text('detail'),
  },
  (t) => [primaryKey({ name: 'job_runs_pk', columns: [t.job, t.target, t.period] })],
);

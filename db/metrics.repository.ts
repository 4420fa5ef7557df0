// What GET /metrics reads from the database when Prometheus scrapes it (README "Metrics"). Every figure
// spans all programmes and all instances sharing the database: these are the deployment's queues, not one
// process's. Each query is a single aggregate that an index answers, so a scrape costs little.
import { count, eq, inArray, min } from 'drizzle-orm';
import type { Database } from './database.js';
import { DIGEST_JOB, inbox, jobRuns, outboxMessages } from './schema/index.js';

/** Inbox rows still owed an answer: stored and not yet run (`received`), or run and not yet delivered (`answered`). */
const WAITING = ['received', 'answered'] as const;

export function createMetricsRepository({ db }: { db: Database }) {
  return {
    /** Commands acknowledged but not yet answered, and when the oldest of them was stored. */
    async inboxWaiting(): Promise<{ depth: number; oldestReceivedAt: Date | null }> {
      const [row] = await db.select({ depth: count(), oldest: min(inbox.receivedAt) }).from(inbox).where(inArray(inbox.status, [...WAITING]));
      return { depth: Number(row?.depth ?? 0), oldestReceivedAt: row?.oldest ? new Date(row.oldest) : null };
    },

    /** Messages of the outbox (exchange proposals, introductions, follow-ups) by status. */
    async outboxByStatus(): Promise<Record<string, number>> {
      const rows = await db.select({ status: outboxMessages.status, n: count() }).from(outboxMessages).groupBy(outboxMessages.status);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    },

    /** Weekly digest posts (one job run per channel and week) by status: done, failed, unknown, claimed. */
    async digestRunsByStatus(): Promise<Record<string, number>> {
      const rows = await db.select({ status: jobRuns.status, n: count() }).from(jobRuns).where(eq(jobRuns.job, DIGEST_JOB)).groupBy(jobRuns.status);
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    },
  };
}

export type MetricsRepository = ReturnType<typeof createMetricsRepository>;

import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { inbox, type InboxStatus } from './schema/index.js';

export type InboxRow = typeof inbox.$inferSelect;

export interface AdmitInput {
  source: string;
  key: string;
  platform: string;
  workspaceId: string;
  owner: string;
  userId: string;
  message: Record<string, unknown>;
  replyTo: Record<string, unknown>;
  now: Date;
  leaseMs: number;
}

export function createInboxRepository({ db }: { db: Database }) {
  return {
    /** Stores commands before they are acknowledged, several in one statement (group commit: one round
     *  trip, one WAL flush). Returns the delivery keys stored now; a key already stored (a redelivery; a
     *  concurrent one waits on the unique index and then sees the first row) or repeated within `inputs`
     *  is stored once. */
    async admitMany(inputs: AdmitInput[]) {
      if (inputs.length === 0) return { admitted: new Set<string>() };
      const values = inputs.map(({ now, leaseMs, ...row }) => ({
        ...row, status: 'received' as const, attempts: 1, leaseUntil: new Date(now.getTime() + leaseMs), receivedAt: now,
      }));
      const inserted = await db.insert(inbox).values(values).onConflictDoNothing().returning({ source: inbox.source, key: inbox.key });
      return { admitted: new Set(inserted.map((row) => admissionKey(row.source, row.key))) };
    },

    /** The owner starts on its row: true when the row is still its own (recovery has not taken it over
     *  while it waited for a turn), and then its lease starts again. */
    async resume(source: string, key: string, owner: string, now: Date, leaseMs: number) {
      const updated = await db
        .update(inbox)
        .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
        .where(and(eq(inbox.source, source), eq(inbox.key, key), eq(inbox.owner, owner), eq(inbox.status, 'received')))
        .returning({ id: inbox.id });
      return { resumed: updated.length > 0 };
    },

    /** A recoverer whose row waited for a turn: true when the row is still its own and unfinished (no other
     *  instance took it over meanwhile), and then its lease starts again. */
    async renewLease(id: string, owner: string, now: Date, leaseMs: number) {
      const updated = await db
        .update(inbox)
        .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
        .where(and(eq(inbox.id, id), eq(inbox.owner, owner), inArray(inbox.status, ['received', 'answered'])))
        .returning({ id: inbox.id });
      return { renewed: updated.length > 0 };
    },

    /** Called inside the command's transaction: the answer commits together with what the command wrote. */
    async answer(source: string, key: string, outcome: Record<string, unknown>, now: Date) {
      await db
        .update(inbox)
        .set({ status: 'answered', outcome, answeredAt: now })
        .where(and(eq(inbox.source, source), eq(inbox.key, key), eq(inbox.status, 'received')));
    },

    /** Ends a row; only a row that is still unfinished changes, so two finishers cannot both win. */
    async finish(source: string, key: string, status: Exclude<InboxStatus, 'received' | 'answered'>, now: Date, error?: string) {
      const updated = await db
        .update(inbox)
        .set({ status, finishedAt: now, ...(error ? { lastError: error.slice(0, 500) } : {}) })
        .where(and(eq(inbox.source, source), eq(inbox.key, key), inArray(inbox.status, ['received', 'answered'])))
        .returning({ id: inbox.id });
      return { finished: updated.length > 0 };
    },

    /** Ends several rows at once (see finish). */
    async finishMany(keys: { source: string; key: string }[], status: 'replied' | 'failed', now: Date) {
      if (keys.length === 0) return { finished: 0 };
      const updated = await db
        .update(inbox)
        .set({ status, finishedAt: now })
        // The keys as two arrays: one statement text whatever their number, so it is prepared once per
        // connection, and no condition per key for Drizzle to build and Postgres to plan (issue 21).
        .where(and(inArray(inbox.status, ['received', 'answered']), sql`(${inbox.source}, ${inbox.key}) in (select * from unnest(${sql.param(keys.map((k) => k.source))}::text[], ${sql.param(keys.map((k) => k.key))}::text[]))`))
        .returning({ id: inbox.id });
      return { finished: updated.length };
    },

    /** Takes up to `limit` unfinished rows whose lease ran out (their process died or gave up) and leases
     *  them to the caller. SKIP LOCKED lets several instances recover side by side without sharing a row. */
    async claimAbandoned(now: Date, leaseMs: number, limit: number, owner: string) {
      const abandoned = db
        .select({ id: inbox.id })
        .from(inbox)
        .where(and(inArray(inbox.status, ['received', 'answered']), lt(inbox.leaseUntil, now)))
        .orderBy(inbox.receivedAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(inbox)
        .set({ owner, leaseUntil: new Date(now.getTime() + leaseMs), attempts: sql`${inbox.attempts} + 1` })
        .where(inArray(inbox.id, abandoned))
        .returning();
      return { rows };
    },

    async noteError(source: string, key: string, error: string) {
      await db.update(inbox).set({ lastError: error.slice(0, 500) }).where(and(eq(inbox.source, source), eq(inbox.key, key)));
    },

    async find(source: string, key: string) {
      const [row] = await db.select().from(inbox).where(and(eq(inbox.source, source), eq(inbox.key, key)));
      return { row };
    },

    /** Finished rows are kept a while for diagnosis, then removed. */
    async purgeFinished(before: Date) {
      const deleted = await db
        .delete(inbox)
        .where(and(inArray(inbox.status, ['replied', 'failed', 'dropped']), lt(inbox.receivedAt, before)))
        .returning({ id: inbox.id });
      return { purged: deleted.length };
    },
  };
}

/** The identity of a command in the inbox, as one unambiguous string (see admitMany). */
export function admissionKey(source: string, key: string): string {
  return JSON.stringify([source, key]);
}

// The outbox of proactive messages (db/schema/outbox.ts): queued inside a command's transaction,
// claimed and delivered after the commit by handlers/core/outbox-dispatcher.ts.
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { outboxMessages, type OutboxStatus } from './schema/index.js';

export type OutboxMessage = typeof outboxMessages.$inferSelect;

export interface QueuedMessage {
  programmeId: string;
  kind: string;
  key: string;
  personIds: string[];
  reply: Record<string, unknown>;
  at: Date;
}

/** A certain failure is tried again this many times in all (a platform outage), then left as failed. */
export const OUTBOX_MAX_ATTEMPTS = 5;

export function createOutboxRepository({ db }: { db: Database }) {
  return {
    /** Queues a message once per (programme, key): seeing the same event again queues nothing. */
    async enqueue(message: QueuedMessage) {
      const { at, ...values } = message;
      const rows = await db.insert(outboxMessages).values({ ...values, createdAt: at }).onConflictDoNothing().returning({ id: outboxMessages.id });
      return { queued: rows.length > 0 };
    },

    /** Rows to deliver, oldest first: new ones, and certain failures whose last try is older than `retryBefore`. */
    async due(input: { retryBefore: Date; limit: number; programmeIds?: string[] }) {
      const rows = await db
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(
          and(
            or(
              eq(outboxMessages.status, 'pending'),
              and(eq(outboxMessages.status, 'failed'), lt(outboxMessages.attempts, OUTBOX_MAX_ATTEMPTS), lt(outboxMessages.finishedAt, input.retryBefore)),
            ),
            input.programmeIds ? inArray(outboxMessages.programmeId, input.programmeIds) : undefined,
          ),
        )
        .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id))
        .limit(input.limit);
      return { ids: rows.map((r) => r.id) };
    },

    /** One conditional update: exactly one dispatcher (of any instance) gets the row. */
    async claim(id: string, now: Date) {
      const [row] = await db
        .update(outboxMessages)
        .set({ status: 'sending', claimedAt: now, attempts: sql`${outboxMessages.attempts} + 1` })
        .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['pending', 'failed']), lt(outboxMessages.attempts, OUTBOX_MAX_ATTEMPTS)))
        .returning();
      return { message: row ?? null };
    },

    async finish(id: string, status: Exclude<OutboxStatus, 'pending' | 'sending'>, now: Date, detail?: { messageId?: string; detail?: string }) {
      await db
        .update(outboxMessages)
        .set({ status, finishedAt: now, messageId: detail?.messageId ?? null, detail: detail?.detail ?? null })
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'sending')));
    },

    /** A claim this old lost its process mid-send: whether it went out cannot be known, so it is not re-sent
     *  (neither Slack nor Teams takes an idempotency key). */
    async markStale(olderThan: Date, now: Date) {
      const rows = await db
        .update(outboxMessages)
        .set({ status: 'unknown', finishedAt: now, detail: 'process stopped while sending' })
        .where(and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.claimedAt, olderThan)))
        .returning({ id: outboxMessages.id });
      return { marked: rows.length };
    },

    /** A programme's queued messages, oldest first (the follow-up job and tests read them). */
    async list(programmeId: string, kind?: string) {
      const rows = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.programmeId, programmeId), kind ? eq(outboxMessages.kind, kind) : undefined))
        .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.key));
      return { messages: rows };
    },
  };
}

import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed', 'unknown', 'gone', 'skipped'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * Messages LOKET sends to people because of something another person did (an exchange proposal, an
 * introduction, a follow-up question). A row is written in the same transaction as the change that causes
 * it, so a rolled-back command sends nothing, and it is delivered after the commit by the outbox
 * dispatcher, which claims each row once — so a crash after the commit still delivers, and two instances
 * never both send it.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    /** What the message is, e.g. `exchange.proposal`; for logs and tests. */
    kind: text('kind').notNull(),
    /** Unique per programme: the same event queues its message once, however often it is seen
     *  (e.g. `exchange.follow_up:<proposal>:need` is also the follow-up job's claim). */
    key: text('key').notNull(),
    /** One person (a 1:1 message) or several in one Slack workspace (a group DM). Not foreign keys:
     *  people are pseudonymised, never deleted. */
    personIds: uuid('person_ids').array().notNull(),
    /** The message as a Reply, rendered at queue time in the recipient's language. */
    reply: jsonb('reply').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    messageId: text('message_id'),
    detail: text('detail'),
  },
  (t) => [
    uniqueIndex('outbox_messages_key_idx').on(t.programmeId, t.key),
    // The dispatcher's only scan: rows still to send (a handful), never the delivered history.
    index('outbox_messages_due_idx').on(t.createdAt).where(sql`${t.status} in ('pending', 'failed', 'sending')`),
  ],
);

import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const inboxStatuses = ['received', 'answered', 'replied', 'failed', 'dropped'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];

/**
 * Commands persisted before they are acknowledged, so a command Slack was told "got it" survives a crash
 * of the process that took it (README "Reliability"). `received` → the core committed the command and its
 * answer in one transaction (`answered`, `outcome` set) → the answer reached the user (`replied`).
 * Not programme-owned: a row is written before the core knows which programme the workspace belongs to.
 */
export const inbox = pgTable(
  'inbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The delivery key the core claims (processed_deliveries): the same (source, key) is one command.
    source: text('source').notNull(),
    key: text('key').notNull(),
    platform: text('platform').notNull(),
    workspaceId: text('workspace_id').notNull(),
    userId: text('user_id').notNull(),
    /** The IncomingMessage as the adapter built it, to run the core again after a crash. */
    message: jsonb('message').$type<Record<string, unknown>>().notNull(),
    /** What the adapter needs to answer later: a Slack response_url and channel, a Teams reference. */
    replyTo: jsonb('reply_to').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: inboxStatuses }).notNull(),
    /** The core's answer, written in the command's own transaction, so a crash after the commit still
     *  lets a restart send the answer instead of running the command twice. */
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
    attempts: integer('attempts').notNull().default(0),
    // Whoever holds an unexpired lease is working on the row; recovery only takes rows whose lease ran out,
    // and takes them over by writing its own owner, so the process that queued the command skips it.
    owner: text('owner').notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('inbox_delivery_idx').on(t.source, t.key),
    // Recovery scans unfinished rows by lease; finished rows are the bulk and stay out of this index's way.
    index('inbox_pending_idx').on(t.status, t.leaseUntil),
    index('inbox_received_idx').on(t.receivedAt),
  ],
);

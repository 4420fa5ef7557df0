import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';

/** Where LOKET can post later without being asked: Teams needs the stored conversation reference
 *  (service URL + conversation id) for every proactive message; Slack needs only the channel id. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    workspaceExternalId: text('workspace_external_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    // personal (1:1), channel or groupChat
    conversationType: text('conversation_type').notNull(),
    // The user a personal conversation is with, so reminders can find a person's 1:1 chat.
    userId: text('user_id'),
    serviceUrl: text('service_url'),
    reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversations_platform_conversation_idx').on(t.platform, t.conversationId)],
);

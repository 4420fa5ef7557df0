import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from './people.js';
import { programmes } from './programmes.js';
import { platforms } from './workspaces.js';

/** What a saved chat message became (`save`, issue 22): the record's own table holds its text. */
export const savedSubjects = ['note', 'decision', 'action_item', 'exchange_post'] as const;
export type SavedSubject = (typeof savedSubjects)[number];

/**
 * Where a record saved from a chat message came from: the link to the original message and who wrote it.
 * One table beside the records rather than two columns on each of four tables: the records keep their own
 * author (the saver, who answers for it) and most of them were never a chat message. The original author
 * is a person LOKET knows or, when the platform named someone LOKET never met, a named guest.
 */
export const messageSources = pgTable(
  'message_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    subjectType: text('subject_type', { enum: savedSubjects }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    platform: text('platform', { enum: platforms }).notNull(),
    /** Slack's permalink or Teams' message link; null only for the console, which has none. */
    link: text('link'),
    authorId: uuid('author_id').references(() => people.id),
    authorName: text('author_name'),
    savedBy: uuid('saved_by').notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('message_sources_subject_idx').on(t.subjectType, t.subjectId),
    // `export me` and erasure look up what a person wrote that others saved.
    index('message_sources_author_idx').on(t.programmeId, t.authorId),
    check('message_sources_author_check', sql`${t.authorId} is not null or ${t.authorName} is not null`),
  ],
);

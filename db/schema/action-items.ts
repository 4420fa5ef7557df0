import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { meetings } from './meetings.js';
import { people } from './people.js';
import { programmes } from './programmes.js';
import { searchIndexOptions, swedishVector } from './search-vector.js';

/**
 * An action item agreed at a meeting, open until done. Its clusters are its meeting's clusters (a meeting
 * may span several), so there is no cluster column to drift out of step with meeting_clusters.
 */
export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    /** The short id users type (A34), unique per programme. */
    number: integer('number').notNull(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    ownerId: uuid('owner_id').notNull().references(() => people.id),
    text: text('text').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => people.id),
    doneNote: text('done_note'),
    // The closing note is searchable too: "how did we solve X" is often answered there.
    searchVector: swedishVector('text', 'done_note'),
  },
  (t) => [
    uniqueIndex('action_items_programme_number_idx').on(t.programmeId, t.number),
    index('action_items_meeting_idx').on(t.meetingId),
    // `actions mine` and the weekly reminder read open items per owner.
    index('action_items_open_owner_idx').on(t.programmeId, t.ownerId).where(sql`${t.doneAt} is null`),
    // Continuity's windows (docs/continuity.md): an item counts from the day it was closed, or written if open.
    index('action_items_touched_idx').on(t.programmeId, sql`coalesce(${t.doneAt}, ${t.createdAt})`),
    index('action_items_search_idx').using('gin', t.searchVector).with(searchIndexOptions),
  ],
);

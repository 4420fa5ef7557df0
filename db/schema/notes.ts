import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { meetings } from './meetings.js';
import { people } from './people.js';
import { programmes } from './programmes.js';
import { searchIndexOptions, swedishVector } from './search-vector.js';

/**
 * A knowledge entry: `note <cluster> <text>` (owned by the cluster) or a `note:` line of a meeting (owned
 * by the meeting, whose clusters it shares). Owned by a cluster or meeting, never by its author, so it
 * outlives the author's time in the programme.
 */
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    /** The short id users type (N5), unique per programme. */
    number: integer('number').notNull(),
    clusterId: uuid('cluster_id').references(() => clusters.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    authorId: uuid('author_id').notNull().references(() => people.id),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: swedishVector('text'),
    // Knowledge freshness (issue 11): who keeps the entry true (null: its author) and how often it is
    // checked. An entry not reviewed within the interval is stale and its owner is asked to look at it.
    ownerId: uuid('owner_id').references(() => people.id),
    reviewMonths: integer('review_months').notNull().default(6),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notes_programme_number_idx').on(t.programmeId, t.number),
    index('notes_cluster_idx').on(t.clusterId),
    index('notes_meeting_idx').on(t.meetingId),
    // Continuity's windows: notes written since a day.
    index('notes_programme_created_idx').on(t.programmeId, t.createdAt),
    index('notes_search_idx').using('gin', t.searchVector).with(searchIndexOptions),
    check('notes_owner_check', sql`${t.clusterId} is not null or ${t.meetingId} is not null`),
  ],
);

import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { people } from './people.js';
import { programmes } from './programmes.js';

export const moods = ['green', 'yellow', 'red'] as const;
export type Mood = (typeof moods)[number];

/** One weekly note per author, cluster and ISO week: a leader and a deputy each keep their own note, shown
 *  together (agreed with `status`: do not rename columns). A note whose author was forgotten (author_id null)
 *  stays and never collides with a new one. */
export const progressNotes = pgTable(
  'progress_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    // '2026-W09': the ISO week in the programme time zone, so a note written late Sunday evening in
    // Stockholm belongs to the week the writer sees, not to the UTC week.
    isoWeek: text('iso_week').notNull(),
    authorId: uuid('author_id').references(() => people.id),
    done: text('done'),
    next: text('next'),
    blockers: text('blockers'),
    need: text('need'),
    mood: text('mood', { enum: moods }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Posting again the same week updates the writer's own note in place (ON CONFLICT on this index); its
    // (cluster, week) prefix still serves "latest week of a cluster" probes.
    uniqueIndex('progress_notes_cluster_week_author_idx').on(t.clusterId, t.isoWeek, t.authorId),
    index('progress_notes_programme_week_idx').on(t.programmeId, t.isoWeek),
  ],
);

/** `away <from> <to>`: no reminders, and the weeks it covers do not count as silent. */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    // Calendar days in the programme time zone, both inclusive.
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('absences_person_idx').on(t.programmeId, t.personId, t.toDate)],
);

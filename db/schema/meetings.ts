import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { organisations } from './organisations.js';
import { people } from './people.js';
import { programmes } from './programmes.js';
import { searchIndexOptions, swedishVector } from './search-vector.js';

/** Machine names stay English; labels and Swedish aliases live in the handlers' catalogs. */
export const meetingKinds = ['cluster', 'network', 'board', 'study-trip', 'workshop', 'training', 'member', 'external'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    /** The short id users type (M12), unique per programme. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    // A calendar day in the programme's time zone, not an instant: "the meeting on 2 March".
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    authorId: uuid('author_id').notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Soft delete: public-sector records must not vanish; the audit log says who and why.
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => people.id),
    searchVector: swedishVector('title'),
  },
  (t) => [
    uniqueIndex('meetings_programme_number_idx').on(t.programmeId, t.number),
    index('meetings_programme_held_on_idx').on(t.programmeId, t.heldOn),
    // Who recorded lately (continuity): meetings written since a day.
    index('meetings_programme_created_idx').on(t.programmeId, t.createdAt),
    index('meetings_search_idx').using('gin', t.searchVector).with(searchIndexOptions),
  ],
);

/** A meeting may span several clusters (a network meeting), or none (an advisory board meeting). */
export const meetingClusters = pgTable(
  'meeting_clusters',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
  },
  (t) => [
    primaryKey({ name: 'meeting_clusters_pk', columns: [t.meetingId, t.clusterId] }),
    index('meeting_clusters_cluster_idx').on(t.clusterId),
  ],
);

/** A person known to LOKET, or a named guest with their organisation (a registered one or free text). */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    personId: uuid('person_id').references(() => people.id),
    guestName: text('guest_name'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    // A guest's organisation as typed when it is not a registered org number, e.g. "LTU".
    guestOrganisation: text('guest_organisation'),
  },
  (t) => [
    index('meeting_participants_meeting_idx').on(t.meetingId),
    uniqueIndex('meeting_participants_person_idx').on(t.meetingId, t.personId).where(sql`${t.personId} is not null`),
    check('meeting_participants_who_check', sql`${t.personId} is not null or ${t.guestName} is not null`),
  ],
);

/** Organisations that took part (`orgs:`), counted by org number for the funder's indicators. */
export const meetingOrganisations = pgTable(
  'meeting_organisations',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  },
  (t) => [primaryKey({ name: 'meeting_organisations_pk', columns: [t.meetingId, t.organisationId] })],
);

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    /** Order as written in the meeting. */
    position: integer('position').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: swedishVector('text'),
  },
  (t) => [
    index('decisions_meeting_idx').on(t.meetingId),
    index('decisions_search_idx').using('gin', t.searchVector).with(searchIndexOptions),
  ],
);

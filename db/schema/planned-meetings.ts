import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { meetingKinds, meetings } from './meetings.js';
import { people } from './people.js';
import { programmes } from './programmes.js';

export const plannedMeetingStatuses = ['planned', 'held', 'cancelled'] as const;
export type PlannedMeetingStatus = (typeof plannedMeetingStatuses)[number];

/**
 * A meeting that has not happened yet (issue 22). It lives beside `meetings`, not in it, so no count of
 * activities (status, indicators, exports, continuity, the dashboard) can include a meeting before it is
 * logged. Its short id (M12) is drawn from the same counter as logged meetings and is kept by the
 * `meetings` row `meeting log M12` writes (`meeting_id`): one id for the plan and the record.
 */
export const plannedMeetings = pgTable(
  'planned_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    // An instant: a planned meeting has an hour, and the calendar needs it across DST changes.
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    status: text('status', { enum: plannedMeetingStatuses }).notNull().default('planned'),
    // iCalendar SEQUENCE: bumped on every move and on cancel, so calendars replace the older copy.
    sequence: integer('sequence').notNull().default(0),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    authorId: uuid('author_id').notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('planned_meetings_programme_number_idx').on(t.programmeId, t.number),
    // `meetings upcoming`, the feeds and the day-before reminder read planned meetings by start.
    index('planned_meetings_programme_starts_idx').on(t.programmeId, t.startsAt).where(sql`${t.status} = 'planned'`),
    check('planned_meetings_duration_check', sql`${t.durationMinutes} > 0`),
  ],
);

export const plannedMeetingClusters = pgTable(
  'planned_meeting_clusters',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    plannedMeetingId: uuid('planned_meeting_id').notNull().references(() => plannedMeetings.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
  },
  (t) => [
    primaryKey({ name: 'planned_meeting_clusters_pk', columns: [t.plannedMeetingId, t.clusterId] }),
    index('planned_meeting_clusters_cluster_idx').on(t.clusterId),
  ],
);

/** Who is invited (`with:`): a person LOKET knows, or a named guest. */
export const plannedMeetingInvitees = pgTable(
  'planned_meeting_invitees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    plannedMeetingId: uuid('planned_meeting_id').notNull().references(() => plannedMeetings.id),
    personId: uuid('person_id').references(() => people.id),
    guestName: text('guest_name'),
    guestOrganisation: text('guest_organisation'),
  },
  (t) => [
    index('planned_meeting_invitees_meeting_idx').on(t.plannedMeetingId),
    index('planned_meeting_invitees_person_idx').on(t.personId),
    check('planned_meeting_invitees_who_check', sql`${t.personId} is not null or ${t.guestName} is not null`),
  ],
);

export const agendaOutcomes = ['discussed', 'carried'] as const;
export type AgendaOutcome = (typeof agendaOutcomes)[number];

/**
 * A topic on a planned meeting's shared agenda. When the meeting is logged each topic is discussed or
 * carried forward; a carried topic is copied onto the next planned meeting of the same clusters and kind
 * (`carried_from_id` points at the topic it continues), now or when that meeting is planned.
 */
export const agendaTopics = pgTable(
  'agenda_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    plannedMeetingId: uuid('planned_meeting_id').notNull().references(() => plannedMeetings.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    addedBy: uuid('added_by').notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    outcome: text('outcome', { enum: agendaOutcomes }),
    carriedFromId: uuid('carried_from_id').references((): AnyPgColumn => agendaTopics.id),
  },
  (t) => [
    uniqueIndex('agenda_topics_meeting_position_idx').on(t.plannedMeetingId, t.position),
    // A topic is carried into one later meeting at most.
    uniqueIndex('agenda_topics_carried_from_idx').on(t.carriedFromId).where(sql`${t.carriedFromId} is not null`),
  ],
);

/**
 * A person's private calendar subscription (`calendar`). Only a hash of the random token is stored, so a
 * database copy cannot be used to read anyone's calendar; `calendar revoke` retires it at once.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_idx').on(t.tokenHash),
    index('calendar_feeds_person_idx').on(t.programmeId, t.personId).where(sql`${t.revokedAt} is null`),
  ],
);

import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { meetings } from './meetings.js';
import { people } from './people.js';
import type { PlanArea } from './plans.js';
import { programmes } from './programmes.js';

/**
 * A cluster's self-assessment in the development plan's seven areas (issue 23), one row per submission:
 * a new assessment never overwrites an earlier one, so `assess show` and the funder can compare the latest
 * with the first. Seven columns, not a row per area: a submission is always scored whole (a benchmark
 * compares every area), and status reads the latest and first rows of every cluster in one pass.
 */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    authorId: uuid('author_id').notNull().references(() => people.id),
    // A calendar day in the programme's time zone, like meeting days.
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    structure: integer('structure').notNull(),
    governance: integer('governance').notNull(),
    financing: integer('financing').notNull(),
    services: integer('services').notNull(),
    cooperation: integer('cooperation').notNull(),
    recognition: integer('recognition').notNull(),
    strategy: integer('strategy').notNull(),
    /** One line of evidence per area, where given; cluster knowledge, not the author's. */
    evidence: jsonb('evidence').$type<Partial<Record<PlanArea, string>>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assessments_cluster_idx').on(t.programmeId, t.clusterId, t.createdAt),
    check(
      'assessments_scores_check',
      sql`${t.structure} between 1 and 5 and ${t.governance} between 1 and 5 and ${t.financing} between 1 and 5 and ${t.services} between 1 and 5 and ${t.cooperation} between 1 and 5 and ${t.recognition} between 1 and 5 and ${t.strategy} between 1 and 5`,
    ),
  ],
);

/**
 * One participant's evaluation of a meeting (issue 23): the row is written when `evaluate` asks them (so
 * nobody is asked twice) and filled in by their answer, which may change until `closes_at`. The answer is
 * personal data: `export me` includes it; after `forget-me` it points at the pseudonym. Who asked is in the
 * audit log, not here, so one person's `export me` never carries other people's answers.
 */
export const meetingEvaluations = pgTable(
  'meeting_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    usefulness: integer('usefulness'),
    comment: text('comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('meeting_evaluations_meeting_person_idx').on(t.meetingId, t.personId),
    index('meeting_evaluations_programme_idx').on(t.programmeId, t.answeredAt),
    index('meeting_evaluations_person_idx').on(t.personId),
    check('meeting_evaluations_usefulness_check', sql`${t.usefulness} is null or ${t.usefulness} between 1 and 5`),
  ],
);

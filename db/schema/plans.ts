import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { people } from './people.js';
import { programmes } from './programmes.js';

/** The European cluster excellence assessment's areas (plus strategy). Machine names stay English;
 *  labels and Swedish aliases live in handlers/plans/plan-areas.ts and the catalogs. */
export const planAreas = ['structure', 'governance', 'financing', 'services', 'cooperation', 'recognition', 'strategy'] as const;
export type PlanArea = (typeof planAreas)[number];

/** A gap or development potential in a cluster's development plan (AP1), short id G3. */
export const planGaps = pgTable(
  'plan_gaps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    number: integer('number').notNull(),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    area: text('area', { enum: planAreas }).notNull(),
    text: text('text').notNull(),
    authorId: uuid('author_id').notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plan_gaps_programme_number_idx').on(t.programmeId, t.number),
    index('plan_gaps_cluster_idx').on(t.clusterId),
  ],
);

/** An action that closes a gap, short id P9. cluster_id is copied from the gap so that status can count a
 *  cluster's plan progress without joining through the gaps (the bench's hot path). */
export const planActions = pgTable(
  'plan_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    number: integer('number').notNull(),
    gapId: uuid('gap_id').notNull().references(() => planGaps.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    ownerId: uuid('owner_id').notNull().references(() => people.id),
    text: text('text').notNull(),
    // A calendar day in the programme's time zone, like meeting days.
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => people.id),
  },
  (t) => [
    uniqueIndex('plan_actions_programme_number_idx').on(t.programmeId, t.number),
    index('plan_actions_cluster_idx').on(t.clusterId),
    index('plan_actions_gap_idx').on(t.gapId),
    index('plan_actions_open_idx').on(t.programmeId, t.dueOn).where(sql`${t.doneAt} is null`),
  ],
);

/** A dated review of a cluster's plan; the latest one is "last reviewed" in plan and status. */
export const planReviews = pgTable(
  'plan_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    reviewerId: uuid('reviewer_id').notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_reviews_cluster_idx').on(t.clusterId, t.reviewedOn)],
);

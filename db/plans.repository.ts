import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { allocateNumbers } from './counters.repository.js';
import { people, planActions, planGaps, planReviews, type CounterKind, type PlanArea } from './schema/index.js';

export type PlanGap = typeof planGaps.$inferSelect;
export type PlanAction = typeof planActions.$inferSelect;

// The shared counter table stores kind as plain text (no database constraint), so G and P reuse it; the
// TypeScript union in programme-counters.ts is a colleague's and lists only M, A and N so far.
const GAP: CounterKind = 'G';
const ACTION: CounterKind = 'P';

export function createPlansRepository({ db }: { db: Database }) {
  return {
    async addGap(input: { programmeId: string; clusterId: string; area: PlanArea; text: string; authorId: string; at: Date }) {
      const number = await allocateNumbers(db, input.programmeId, GAP, 1);
      const { at, ...values } = input;
      const [gap] = await db.insert(planGaps).values({ ...values, number, createdAt: at }).returning();
      return { gap: gap! };
    },

    async findGap(programmeId: string, number: number) {
      const [gap] = await db.select().from(planGaps).where(and(eq(planGaps.programmeId, programmeId), eq(planGaps.number, number)));
      return { gap };
    },

    async addAction(input: { programmeId: string; gap: PlanGap; ownerId: string; text: string; dueOn: string; at: Date }) {
      const number = await allocateNumbers(db, input.programmeId, ACTION, 1);
      const values = { programmeId: input.programmeId, number, gapId: input.gap.id, clusterId: input.gap.clusterId, ownerId: input.ownerId, text: input.text, dueOn: input.dueOn, createdAt: input.at };
      const [action] = await db.insert(planActions).values(values).returning();
      return { action: action! };
    },

    async findAction(programmeId: string, number: number) {
      const [action] = await db.select().from(planActions).where(and(eq(planActions.programmeId, programmeId), eq(planActions.number, number)));
      return { action };
    },

    /** Only an open action is closed; a second `plan done` changes nothing and says so. */
    async completeAction(input: { programmeId: string; id: string; by: string; at: Date }) {
      const [action] = await db
        .update(planActions)
        .set({ doneAt: input.at, doneBy: input.by })
        .where(and(eq(planActions.programmeId, input.programmeId), eq(planActions.id, input.id), isNull(planActions.doneAt)))
        .returning();
      return { action };
    },

    async addReview(input: { programmeId: string; clusterId: string; reviewedOn: string; reviewerId: string; at: Date }) {
      const { at, ...values } = input;
      const [review] = await db.insert(planReviews).values({ ...values, createdAt: at }).returning();
      return { review: review! };
    },

    /** The whole plan of one cluster: gaps in order, their actions with owner names, and the last review. */
    async planOf(programmeId: string, clusterId: string) {
      const gaps = await db.select().from(planGaps).where(and(eq(planGaps.programmeId, programmeId), eq(planGaps.clusterId, clusterId))).orderBy(asc(planGaps.number));
      const actions = await db
        .select({ action: planActions, ownerName: people.displayName })
        .from(planActions)
        .innerJoin(people, eq(people.id, planActions.ownerId))
        .where(and(eq(planActions.programmeId, programmeId), eq(planActions.clusterId, clusterId)))
        .orderBy(asc(planActions.number));
      const [last] = await db
        .select({ reviewedOn: sql<string | null>`max(${planReviews.reviewedOn})` })
        .from(planReviews)
        .where(and(eq(planReviews.programmeId, programmeId), eq(planReviews.clusterId, clusterId)));
      return { gaps, actions, lastReview: last?.reviewedOn ?? null };
    },
  };
}

// Cluster self-assessments (db/schema/assessments.ts): every submission is a new row, read back as the
// cluster's history, its latest/previous/first, and the programme's latest-against-first per cluster.
import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { assessments, clusters, people, planAreas, planGaps, type PlanArea } from './schema/index.js';

export type Assessment = typeof assessments.$inferSelect;
export type AreaScores = Record<PlanArea, number>;

export function scoresOf(row: Assessment): AreaScores {
  return Object.fromEntries(planAreas.map((area) => [area, row[area]])) as AreaScores;
}

export function createAssessmentsRepository({ db }: { db: Database }) {
  return {
    async add(input: { programmeId: string; clusterId: string; authorId: string; assessedOn: string; scores: AreaScores; evidence: Partial<Record<PlanArea, string>>; at: Date }) {
      const { at, scores, ...values } = input;
      const [row] = await db.insert(assessments).values({ ...values, ...scores, createdAt: at }).returning();
      return { assessment: row! };
    },

    /** A cluster's assessments, oldest first, with their authors' names. */
    async historyOf(programmeId: string, clusterId: string) {
      const rows = await db
        .select({ assessment: assessments, authorName: people.displayName })
        .from(assessments)
        .innerJoin(people, eq(people.id, assessments.authorId))
        .where(and(eq(assessments.programmeId, programmeId), eq(assessments.clusterId, clusterId)))
        .orderBy(asc(assessments.createdAt), asc(assessments.id));
      return { history: lastOfEachDay(rows, (r) => r.assessment.assessedOn) };
    },

    /** Per open cluster that has been assessed: its first and latest assessment (the same row when once). */
    async firstAndLatest(programmeId: string, until?: string) {
      const rows = await db
        .select({ assessment: assessments, clusterName: clusters.name })
        .from(assessments)
        .innerJoin(clusters, eq(clusters.id, assessments.clusterId))
        .where(and(eq(assessments.programmeId, programmeId), isNull(clusters.retiredAt), until ? lte(assessments.assessedOn, until) : undefined))
        .orderBy(asc(clusters.name), asc(assessments.createdAt), asc(assessments.id));
      const byCluster = new Map<string, { clusterId: string; clusterName: string; first: Assessment; latest: Assessment; count: number }>();
      for (const { assessment, clusterName } of rows) {
        const seen = byCluster.get(assessment.clusterId);
        // A second assessment on the first day corrects the first: it is the baseline, so a same-day
        // re-scoring never counts as improvement (nor reaches the funder's indicator).
        if (seen && seen.first.assessedOn === assessment.assessedOn) Object.assign(seen, { first: assessment, latest: assessment });
        else if (seen) Object.assign(seen, { latest: assessment, count: seen.count + 1 });
        else byCluster.set(assessment.clusterId, { clusterId: assessment.clusterId, clusterName, first: assessment, latest: assessment, count: 1 });
      }
      return { clusters: [...byCluster.values()] };
    },

    /** The areas of a cluster's plan that have a gap without every action done (or with no action yet). */
    async openGapAreas(programmeId: string, clusterId: string) {
      const rows = await db
        .selectDistinct({ area: planGaps.area })
        .from(planGaps)
        .where(
          and(
            eq(planGaps.programmeId, programmeId),
            eq(planGaps.clusterId, clusterId),
            sql`(not exists (select 1 from plan_actions a where a.gap_id = ${planGaps.id}) or exists (select 1 from plan_actions a where a.gap_id = ${planGaps.id} and a.done_at is null))`,
          ),
        );
      return { areas: new Set(rows.map((r) => r.area)) };
    },

    /** The latest assessment of a cluster, for the plan's area scores. */
    async latestOf(programmeId: string, clusterId: string) {
      const [row] = await db
        .select()
        .from(assessments)
        .where(and(eq(assessments.programmeId, programmeId), eq(assessments.clusterId, clusterId)))
        .orderBy(desc(assessments.createdAt), desc(assessments.id))
        .limit(1);
      return { assessment: row };
    },
  };
}

/**
 * Every submission is stored and never overwritten, but one day holds one assessment: a second one the same
 * day (a leader correcting a score, or a deputy scoring after the leader) replaces the first in every
 * comparison, so re-scoring within minutes cannot show up as improvement. Rows come oldest first.
 */
function lastOfEachDay<T>(rows: T[], dayOf: (row: T) => string): T[] {
  const kept: T[] = [];
  for (const row of rows) {
    if (kept.length > 0 && dayOf(kept[kept.length - 1]!) === dayOf(row)) kept[kept.length - 1] = row;
    else kept.push(row);
  }
  return kept;
}

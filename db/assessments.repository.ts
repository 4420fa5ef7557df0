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
      return { clusters: firstAndLatestOf(rows) };
    },

    /**
     * `status all`'s column: every cluster of the programme, retired ones too, with whether it is retired and,
     * when it has been assessed, its first and latest assessment (as firstAndLatest). Which clusters are
     * listed is the listing's to decide (db/status.repository.ts): the column answers for whichever it
     * shows, so a retired cluster is never called unassessed for want of a row. One statement for them all.
     */
    async ofEveryCluster(programmeId: string) {
      const rows = await db
        .select({ clusterId: clusters.id, clusterName: clusters.name, retiredAt: clusters.retiredAt, assessment: assessments })
        .from(clusters)
        .leftJoin(assessments, and(eq(assessments.clusterId, clusters.id), eq(assessments.programmeId, programmeId)))
        .where(eq(clusters.programmeId, programmeId))
        .orderBy(asc(clusters.name), asc(assessments.createdAt), asc(assessments.id));
      const assessed = new Map(firstAndLatestOf(rows.flatMap(({ assessment, clusterName }) => (assessment ? [{ assessment, clusterName }] : []))).map((c) => [c.clusterId, c]));
      const seen = new Map<string, { clusterId: string; retired: boolean; first?: Assessment; latest?: Assessment }>();
      for (const { clusterId, retiredAt } of rows) {
        const of = assessed.get(clusterId);
        seen.set(clusterId, { clusterId, retired: retiredAt !== null, ...(of ? { first: of.first, latest: of.latest } : {}) });
      }
      return { clusters: [...seen.values()] };
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

/** Per cluster, from its assessments oldest first: the first and the latest, and how many days were scored. */
function firstAndLatestOf(rows: { assessment: Assessment; clusterName: string }[]) {
  const byCluster = new Map<string, { clusterId: string; clusterName: string; first: Assessment; latest: Assessment; count: number }>();
  for (const { assessment, clusterName } of rows) {
    const seen = byCluster.get(assessment.clusterId);
    // A second assessment on the first day corrects the first: it is the baseline, so a same-day
    // re-scoring never counts as improvement (nor reaches the funder's indicator).
    if (seen && seen.first.assessedOn === assessment.assessedOn) Object.assign(seen, { first: assessment, latest: assessment });
    else if (seen) Object.assign(seen, { latest: assessment, count: seen.count + 1 });
    else byCluster.set(assessment.clusterId, { clusterId: assessment.clusterId, clusterName, first: assessment, latest: assessment, count: 1 });
  }
  return [...byCluster.values()];
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

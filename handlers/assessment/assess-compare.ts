// How two assessments compare, area by area: the benchmark counts the areas that improved.
import { scoresOf, type Assessment } from '../../db/assessments.repository.js';
import type { Repositories } from '../../db/repositories.js';
import { planAreas, type PlanArea } from '../../db/schema/index.js';
import type { ClusterScope } from '../../db/status.repository.js';

export type Trend = 'up' | 'same' | 'down';

export interface Comparison {
  trends: Record<PlanArea, Trend>;
  improved: number;
  same: number;
  fell: number;
}

export function compare(from: Assessment, to: Assessment): Comparison {
  const a = scoresOf(from);
  const b = scoresOf(to);
  const trends = Object.fromEntries(planAreas.map((area) => [area, b[area] > a[area] ? 'up' : b[area] < a[area] ? 'down' : 'same'])) as Record<PlanArea, Trend>;
  const count = (trend: Trend) => planAreas.filter((area) => trends[area] === trend).length;
  return { trends, improved: count('up'), same: count('same'), fell: count('down') };
}

/** Areas that improved from the first to the latest assessment (0 with one assessment). */
export function improvedSinceFirst(first: Assessment, latest: Assessment): number {
  return first.id === latest.id ? 0 : compare(first, latest).improved;
}

/** The label's condition: at least three areas improved between two assessments. */
export const IMPROVED_AREAS_GOAL = 3;

/** The funder's indicator: of the clusters in `scope` assessed by `until`, those with at least three
 *  areas improved from their first to their latest assessment. */
export async function assessmentProgress(repos: Repositories, programmeId: string, scope: ClusterScope, until: string): Promise<{ assessedClusters: number; improvedClusters: number }> {
  const { clusters } = await repos.assessments.firstAndLatest(programmeId, until);
  const inScope = scope ? clusters.filter((c) => scope.includes(c.clusterId)) : clusters;
  return { assessedClusters: inScope.length, improvedClusters: inScope.filter((c) => improvedSinceFirst(c.first, c.latest) >= IMPROVED_AREAS_GOAL).length };
}

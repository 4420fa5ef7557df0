// The programme-wide figures at the top of `status` and the dashboard. Each is counted once over the whole
// scope by the query behind the list it summarises, never summed from the clusters' rows: a meeting of four
// clusters is in each of their rows, but it is one activity and its action items are one item each.
import type { Repositories } from '../../db/repositories.js';
import type { ClusterScope } from '../../db/status.repository.js';

export interface ProgrammeTotals {
  /** Clusters at work in scope. */
  clusters: number;
  /** Retired clusters listed for their records in the period (db/status.repository.ts, clustersOf). */
  retiredClusters: number;
  /** Clusters in scope with at least one reason to look at them. */
  attention: number;
  /** Live meetings of the period (the indicators' activities, the export's activity rows). */
  meetings: number;
  /** Open action items of live meetings, as `actions all` (or the leader's clusters) lists them. */
  openActions: number;
  overdueActions: number;
  planTotal: number;
  planDone: number;
  planOverdue: number;
}

export async function loadProgrammeTotals(
  repos: Repositories,
  input: { programmeId: string; scope: ClusterScope; today: string; from: string; to: string; meetings: number; clusters: { reasons: unknown[]; retiredOn: string | null }[] },
): Promise<ProgrammeTotals> {
  const { programmeId, scope, today, from, to } = input;
  const [actions, plan] = await Promise.all([
    repos.actionItems.countOpen({ programmeId, ...(scope ? { clusterIds: scope } : {}), today }),
    repos.status.planTotals({ programmeId, scope, today, from, to }),
  ]);
  return {
    clusters: input.clusters.filter((c) => !c.retiredOn).length,
    retiredClusters: input.clusters.filter((c) => c.retiredOn).length,
    attention: input.clusters.filter((c) => c.reasons.length > 0).length,
    meetings: input.meetings,
    openActions: actions.open,
    overdueActions: actions.overdue,
    planTotal: plan.total,
    planDone: plan.done,
    planOverdue: plan.overdue,
  };
}

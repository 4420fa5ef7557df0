// Which cluster a progress command is about, shared by `progress`, `progress show` and the form.
import type { Cluster } from '../../db/clusters.repository.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireCluster, retiredCluster } from '../core/lookups.js';
import { list } from '../i18n/index.js';

/** The named cluster, else the one cluster the asker leads or deputises (most leaders have exactly one). */
export async function progressCluster(ctx: HandlerContext, name: string | undefined, example: string): Promise<Cluster> {
  if (name) return requireCluster(ctx, name, example);
  const own = ownClusters(ctx);
  if (own.length === 1) {
    // The actor's own clusters came with the actor: no second read (issue 21).
    const known = ctx.actor.openClusters?.find((c) => c.id === own[0]!.clusterId);
    if (known) return known;
    const { cluster } = await ctx.repos.clusters.findByName(ctx.actor.programmeId, own[0]!.clusterName);
    if (cluster) return cluster;
  }
  const names = list(ctx.actor.language, own.map((m) => m.clusterName));
  throw new LoketError('progress.cluster_needed', { clusters: names || 'cluster.none_yet' }, example);
}

/** Without cluster:, a form can be pre-filled only when the asker has exactly one cluster. */
export async function defaultCluster(ctx: HandlerContext): Promise<Cluster | undefined> {
  const own = ownClusters(ctx);
  if (own.length !== 1) return undefined;
  return (await ctx.repos.clusters.findByName(ctx.actor.programmeId, own[0]!.clusterName)).cluster;
}

/** Leaders and deputies write the cluster's note; a manager may write for any cluster. A retired cluster takes
 *  no weekly note from anyone, and its leader is told that rather than that only leaders may write. */
export function assertMayWrite(ctx: HandlerContext, cluster: Cluster, example: string): void {
  if (cluster.retiredAt) throw retiredCluster(ctx, cluster);
  if (ctx.actor.programmeRoles.includes('manager')) return;
  const ok = ctx.actor.clusterRoles.some((m) => m.clusterId === cluster.id && (m.role === 'leader' || m.role === 'deputy'));
  if (!ok) throw new LoketError('progress.not_allowed', { cluster: cluster.name }, example);
}

function ownClusters(ctx: HandlerContext) {
  return ctx.actor.clusterRoles.filter((m) => m.role === 'leader' || m.role === 'deputy');
}

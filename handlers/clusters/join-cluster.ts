import type { HandlerContext } from '../core/context.js';
import { requireOpenCluster } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'join Rymd';

export async function joinCluster(ctx: HandlerContext<{ cluster: string }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const cluster = await requireOpenCluster(ctx, args.cluster, example);
  const lang = actor.language;
  const existing = actor.clusterRoles.find((m) => m.clusterId === cluster.id);
  if (existing) return textReply(t(lang, 'join.already', { cluster: cluster.name, role: t(lang, `role.${existing.role}`) }));
  const now = clock.now();
  await repos.clusters.join({ programmeId: actor.programmeId, clusterId: cluster.id, personId: actor.personId, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.join', subjectType: 'cluster', subjectId: cluster.id, at: now });
  return textReply(t(lang, 'join.ok', { cluster: cluster.name }));
}

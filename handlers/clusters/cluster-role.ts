import { clusterRoles, type ClusterRole } from '../../db/schema/index.js';
import { people as mentioned, positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { mayManageCluster } from '../core/access.js';
import { LoketError } from '../core/errors.js';
import { requireCluster, resolvePerson } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'cluster role Rymd @anna leader';

/** `cluster role <cluster> @x leader|deputy|member` — by a project manager or the cluster's leader. */
export async function clusterRole(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  const [clusterName, requested] = positional(command);
  const cluster = await requireCluster(ctx, clusterName, example);
  if (!mayManageCluster(actor, cluster.id)) throw new LoketError('cluster.role_not_allowed', { cluster: cluster.name }, example);
  const person = await resolvePerson(ctx, mentioned(command)[0], example);
  const role = requested?.toLowerCase();
  if (!role) throw new LoketError('cluster.role_invalid', { role: '' }, example);
  if (!clusterRoles.includes(role as ClusterRole)) throw new LoketError('cluster.role_invalid', { role: requested ?? '' }, example);
  const now = clock.now();
  const result = await repos.clusters.setRole({ programmeId: actor.programmeId, clusterId: cluster.id, personId: person.id, role: role as ClusterRole, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.role', subjectType: 'membership', subjectId: `${cluster.id}:${person.id}`, detail: { role, previousLeaderId: result.previousLeaderId }, at: now });
  const lang = actor.language;
  const lines = [t(lang, 'cluster.role_ok', { person: person.displayName, role: t(lang, `role.${role as ClusterRole}`), cluster: cluster.name })];
  if (result.previousLeaderId) {
    const { person: previous } = await repos.people.findById(actor.programmeId, result.previousLeaderId);
    lines.push(t(lang, 'cluster.role_previous_leader', { person: previous?.displayName ?? '' }));
  }
  return textReply(lines.join('\n'));
}

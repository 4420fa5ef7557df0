import type { ClusterRole } from '../../db/schema/index.js';
import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { mayManageCluster } from '../core/access.js';
import { LoketError } from '../core/errors.js';
import { requireOpenCluster, resolvePerson } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'cluster role Rymd @anna leader';

/** `cluster role <cluster> @x leader|deputy|member` — by a project manager or the cluster's leader. */
export async function clusterRole(ctx: HandlerContext<{ cluster: string; person: PersonRef; role: ClusterRole }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const { role } = args;
  const cluster = await requireOpenCluster(ctx, args.cluster, example);
  if (!mayManageCluster(actor, cluster.id)) throw new LoketError('cluster.role_not_allowed', { cluster: cluster.name }, example);
  const person = await resolvePerson(ctx, args.person, example);
  const now = clock.now();
  const result = await repos.clusters.setRole({ programmeId: actor.programmeId, clusterId: cluster.id, personId: person.id, role, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.role', subjectType: 'membership', subjectId: `${cluster.id}:${person.id}`, detail: { role, previousLeaderId: result.previousLeaderId }, at: now });
  const lang = actor.language;
  const lines = [t(lang, 'cluster.role_ok', { person: person.displayName, role: t(lang, `role.${role}`), cluster: cluster.name })];
  if (result.previousLeaderId) {
    const { person: previous } = await repos.people.findById(actor.programmeId, result.previousLeaderId);
    lines.push(t(lang, 'cluster.role_previous_leader', { person: previous?.displayName ?? '' }));
  }
  return textReply(lines.join('\n'));
}

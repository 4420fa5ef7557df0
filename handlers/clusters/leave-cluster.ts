import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { commandRef, textReply, type Reply } from '../core/reply.js';
import type { Bilingual } from '../core/spec.js';
import { t } from '../i18n/index.js';

export const leaveExample: Bilingual = { sv: 'lämna Rymd', en: 'leave Rymd' };

const quoteIfSpaced = (name: string) => (/\s/.test(name) ? `"${name}"` : name);

/**
 * `leave <cluster>`: a member or deputy leaves. The leader is refused — a cluster always has someone who
 * answers for it — and told to hand over first (`handover` makes them deputy, who may then leave). What the
 * person stated for the cluster stays with it: open needs move to the leader, open offers close.
 */
export async function leaveCluster(ctx: HandlerContext<{ cluster: string }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const lang = actor.language;
  const cluster = await requireCluster(ctx, args.cluster, leaveExample[lang]);
  const now = clock.now();
  const { role } = await repos.clusters.leave({ programmeId: actor.programmeId, clusterId: cluster.id, personId: actor.personId });
  if (!role) throw new LoketError('leave.not_member', { cluster: cluster.name }, 'cluster list');
  // The refusal rolls the membership's deletion back with the rest of the message's transaction.
  if (role === 'leader') {
    const handover = `handover ${quoteIfSpaced(cluster.name)} ${lang === 'sv' ? 'till' : 'to'}:@…`;
    throw new LoketError('leave.leader', { cluster: cluster.name, command: commandRef(handover, lang) }, handover);
  }
  const { leader } = await repos.clusters.leaderOf(actor.programmeId, cluster.id);
  const moved = leader
    ? await repos.exchanges.moveOpenPosts({ programmeId: actor.programmeId, clusterId: cluster.id, fromId: actor.personId, toId: leader.id, closeOffers: true, at: now })
    : { needs: [], closedOffers: [] };
  await repos.audit.record({
    programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.leave', subjectType: 'membership', subjectId: `${cluster.id}:${actor.personId}`,
    detail: { role, needsTo: leader?.id ?? null, needs: moved.needs.map((p) => p.id), closedOffers: moved.closedOffers.map((p) => p.id) }, at: now,
  });
  const lines = [t(lang, 'leave.ok', { cluster: cluster.name })];
  if (leader && moved.needs.length) lines.push(t(lang, 'leave.moved_needs', { leader: leader.displayName, needs: moved.needs.map((p) => `”${p.topic}”`).join(', ') }));
  if (moved.closedOffers.length) lines.push(t(lang, 'leave.closed_offers', { offers: moved.closedOffers.map((p) => `”${p.topic}”`).join(', ') }));
  return textReply(lines.join('\n'));
}

import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { mayEditPlan } from '../core/plan-access.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'plan review Rymd';

/** `plan review <cluster>`: records that the plan was reviewed today (programme time zone). */
export async function planReview(ctx: HandlerContext<{ cluster: string | undefined }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const own = actor.clusterRoles.filter((m) => m.role === 'leader' || m.role === 'deputy');
  const cluster = await requireCluster(ctx, args.cluster ?? (own.length === 1 ? own[0]!.clusterName : undefined), example);
  if (!mayEditPlan(actor, cluster.id)) throw new LoketError('plan.not_allowed', { cluster: cluster.name }, example);
  const now = clock.now();
  const reviewedOn = dayIn(settings.timezone, now);
  await repos.plans.addReview({ programmeId: actor.programmeId, clusterId: cluster.id, reviewedOn, reviewerId: actor.personId, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'plan.review', subjectType: 'cluster', subjectId: cluster.id, detail: { reviewedOn }, at: now });
  return textReply(t(actor.language, 'plan.reviewed', { cluster: cluster.name, date: reviewedOn }));
}

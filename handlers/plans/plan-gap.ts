import type { PlanArea } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireOpenCluster } from '../core/lookups.js';
import { mayEditPlan } from '../core/plan-access.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { areaLabel } from './plan-areas.js';

export const planGapExample = 'plan gap Rymd area:financing Ingen långsiktig basfinansiering efter 2027';

/** `plan gap <cluster> area:<area> <text>`: a gap or development potential in the cluster's plan. */
export async function planGap(ctx: HandlerContext<{ cluster: string; text: string; area: PlanArea }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const { area, text } = args;
  const cluster = await requireOpenCluster(ctx, args.cluster, planGapExample);
  if (!mayEditPlan(actor, cluster.id)) throw new LoketError('plan.not_allowed', { cluster: cluster.name }, planGapExample);
  const now = clock.now();
  const { gap } = await repos.plans.addGap({ programmeId: actor.programmeId, clusterId: cluster.id, area, text, authorId: actor.personId, at: now });
  const id = shortId('G', gap.number);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'plan.gap', subjectType: 'plan_gap', subjectId: gap.id, detail: { area, cluster: cluster.name }, at: now });
  return textReply(t(actor.language, 'plan.gap_added', { id, cluster: cluster.name, area: areaLabel(actor.language, area) }));
}

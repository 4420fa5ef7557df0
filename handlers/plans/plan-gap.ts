import { option, positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { mayEditPlan } from '../core/plan-access.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { areaChoices, areaLabel, parseArea } from './plan-areas.js';

export const planGapExample = 'plan gap Rymd area:financing Ingen långsiktig basfinansiering efter 2027';

/** `plan gap <cluster> area:<area> <text>`: a gap or development potential in the cluster's plan. */
export async function planGap(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  const [clusterName, ...words] = positional(command);
  const cluster = await requireCluster(ctx, clusterName, planGapExample);
  if (!mayEditPlan(actor, cluster.id)) throw new LoketError('plan.not_allowed', { cluster: cluster.name }, planGapExample);
  const typedArea = option(command, 'area');
  const area = parseArea(typedArea);
  if (!area) throw new LoketError('plan.area_invalid', { area: typedArea ?? '', areas: areaChoices(actor.language) }, planGapExample);
  const text = words.join(' ').trim();
  if (!text) throw new LoketError('args.missing', { what: 'plan.gap_text_what' }, planGapExample);
  const now = clock.now();
  const { gap } = await repos.plans.addGap({ programmeId: actor.programmeId, clusterId: cluster.id, area, text, authorId: actor.personId, at: now });
  const id = shortId('G', gap.number);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'plan.gap', subjectType: 'plan_gap', subjectId: gap.id, detail: { area, cluster: cluster.name }, at: now });
  return textReply(t(actor.language, 'plan.gap_added', { id, cluster: cluster.name, area: areaLabel(actor.language, area) }));
}

import type { PlanArea } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { nearestKey } from '../core/bind.js';
import { LoketError } from '../core/errors.js';
import { rawOf } from '../core/parse.js';
import { requireOpenCluster } from '../core/lookups.js';
import { mayEditPlan } from '../core/plan-access.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { areaLabel } from './plan-areas.js';

const planGapExamples = { sv: 'plan gap Rymd area:financing Ingen långsiktig basfinansiering efter 2027', en: 'plan gap Rymd area:financing No long-term core funding after 2027' } as const;

/** `plan gap [cluster] area:<area> <text>`: a gap or development potential in the cluster's plan. */
export async function planGap(ctx: HandlerContext<{ cluster: string | undefined; text: string | undefined; area: PlanArea }>): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const { area } = ctx.args;
  const planGapExample = planGapExamples[actor.language];
  const { clusterName, text } = await clusterAndText(ctx);
  if (!clusterName) throw new LoketError('args.missing', { what: 'cluster.name_what' }, planGapExample);
  if (!text) throw new LoketError('args.missing', { what: 'plan.gap_text_what' }, planGapExample);
  const cluster = await requireOpenCluster(ctx, clusterName, planGapExample);
  if (!mayEditPlan(actor, cluster.id)) throw new LoketError('plan.not_allowed', { cluster: cluster.name }, planGapExample);
  const now = clock.now();
  const { gap } = await repos.plans.addGap({ programmeId: actor.programmeId, clusterId: cluster.id, area, text, authorId: actor.personId, at: now });
  const id = shortId('G', gap.number);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'plan.gap', subjectType: 'plan_gap', subjectId: gap.id, detail: { ref: id, area, clusterId: cluster.id }, at: now });
  return textReply(t(actor.language, 'plan.gap_added', { id, cluster: cluster.name, area: areaLabel(actor.language, area) }));
}

/** The first word is the cluster's name unless the asker leads (or deputises) exactly one cluster and the
 *  word names no cluster of the programme, nor nearly one (a misspelt name is still refused as one): then
 *  the plan is their cluster's and the word begins the description. */
async function clusterAndText(ctx: HandlerContext<{ cluster: string | undefined; text: string | undefined }>): Promise<{ clusterName?: string; text?: string }> {
  const { cluster: named, text } = ctx.args;
  const own = ctx.actor.clusterRoles.filter((m) => m.role === 'leader' || m.role === 'deputy');
  if (own.length !== 1) return { clusterName: named, text };
  const only = own[0]!.clusterName;
  if (!named) return { clusterName: only, text };
  if (await namesACluster(ctx, named)) return { clusterName: named, text };
  // The description as typed, its own quote characters included (`Ingen “D”`), not the values read from it.
  const typed = ctx.command.args.filter((t) => t.type !== 'option').map(rawOf).join(' ');
  return { clusterName: only, text: typed || [named, text].filter(Boolean).join(' ') };
}

async function namesACluster(ctx: HandlerContext, word: string): Promise<boolean> {
  const { cluster } = await ctx.repos.clusters.findByName(ctx.actor.programmeId, word);
  if (cluster) return true;
  const { clusters } = await ctx.repos.clusters.list(ctx.actor.programmeId);
  return nearestKey(word.toLowerCase(), clusters.map((c) => c.cluster.name.toLowerCase())) !== undefined;
}

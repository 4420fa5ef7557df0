import type { PlanAction, PlanGap } from '../../db/plans.repository.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { commandArg } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import { requireCluster } from '../core/lookups.js';
import type { Reply, ReplyBlock } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { areaLabel } from './plan-areas.js';

const example = 'plan Rymd';

export interface PlanProgress {
  done: number;
  total: number;
  overdue: number;
}

export function planProgress(actions: PlanAction[], today: string): PlanProgress {
  const done = actions.filter((a) => a.doneAt).length;
  const overdue = actions.filter((a) => !a.doneAt && a.dueOn < today).length;
  return { done, total: actions.length, overdue };
}

/** `plan [cluster]`: the cluster's gaps with their actions, progress and last review. Everyone may read a
 *  plan (shared knowledge); without a cluster, the asker's own first cluster. */
export async function planShow(ctx: HandlerContext<{ cluster?: string }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const name = args.cluster ?? ownPlanCluster(actor.clusterRoles);
  const cluster = await requireCluster(ctx, name, example);
  const plan = await repos.plans.planOf(actor.programmeId, cluster.id);
  // Each gap shows its area's latest self-assessment score (`assess`), so the plan reads against it.
  const { assessment } = await repos.assessments.latestOf(actor.programmeId, cluster.id);
  const lang = actor.language;
  const today = dayIn(settings.timezone, clock.now());
  const progress = planProgress(plan.actions.map((a) => a.action), today);
  const blocks: ReplyBlock[] = [
    {
      type: 'fields',
      fields: [
        { label: t(lang, 'plan.progress_label'), value: t(lang, 'plan.progress_value', { ...progress }) },
        { label: t(lang, 'plan.last_review_label'), value: plan.lastReview ?? t(lang, 'plan.never_reviewed') },
      ],
    },
  ];
  if (plan.gaps.length === 0) blocks.push({ type: 'text', text: t(lang, 'plan.empty', { cluster: cluster.name, arg: commandArg(cluster.name) }) });
  for (const gap of plan.gaps) blocks.push(gapBlock(lang, gap, plan.actions, today, assessment?.[gap.area]));
  return { title: t(lang, 'plan.title', { cluster: cluster.name }), blocks, visibility: 'private' };
}

function gapBlock(lang: Language, gap: PlanGap, actions: { action: PlanAction; ownerName: string }[], today: string, score: number | undefined): ReplyBlock {
  const items = actions
    .filter((a) => a.action.gapId === gap.id)
    .map(({ action, ownerName }) => {
      const state = action.doneAt ? t(lang, 'plan.state_done') : action.dueOn < today ? t(lang, 'plan.state_overdue') : t(lang, 'plan.state_open');
      return `${shortId('P', action.number)} ${action.text} – ${ownerName} – ${action.dueOn} – ${state}`;
    });
  const area = score === undefined ? areaLabel(lang, gap.area) : `${areaLabel(lang, gap.area)} ${score}/5`;
  const title = `${shortId('G', gap.number)} [${area}] ${gap.text}`;
  return { type: 'list', title, items: items.length ? items : [t(lang, 'plan.no_actions')] };
}

const ROLE_ORDER = { leader: 0, deputy: 1, member: 2 } as const;

/** A leader's or deputy's plan is the one they work on: a member of one cluster and deputy of another means
 *  the second. */
function ownPlanCluster(roles: { clusterName: string; role: keyof typeof ROLE_ORDER }[]): string | undefined {
  return [...roles].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])[0]?.clusterName;
}

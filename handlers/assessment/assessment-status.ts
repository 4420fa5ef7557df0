// What `status` shows of self-assessments and evaluations (issue 23): kept here, so status.ts only asks.
import type { HandlerContext } from '../core/context.js';
import type { Language } from '../core/incoming.js';
import type { Period } from '../core/period.js';
import type { ReplyField } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { kindLabel } from '../meetings/meeting-kinds.js';
import { improvedSinceFirst } from './assess-compare.js';
import { formatAverage } from './evaluation-views.js';

type StatusContext = Pick<HandlerContext, 'actor' | 'repos'>;

/** The overview's one line: clusters with three improved areas, of those assessed (none when nobody has). */
export function improvedClustersField(lang: Language, figures: { assessedClusters: number; improvedClusters: number }): ReplyField[] {
  if (!figures.assessedClusters) return [];
  return [{ label: t(lang, 'indicator.improved_clusters'), value: t(lang, 'assess.indicator_value', { count: figures.improvedClusters, total: figures.assessedClusters }) }];
}

/** `status <cluster>`: the date of the last assessment and the areas improved since the first. */
export async function clusterAssessmentField(ctx: StatusContext, clusterId: string): Promise<ReplyField> {
  const lang = ctx.actor.language;
  const { history } = await ctx.repos.assessments.historyOf(ctx.actor.programmeId, clusterId);
  const first = history[0]?.assessment;
  const latest = history.at(-1)?.assessment;
  const value = first && latest ? t(lang, 'assess.status_value', { date: latest.assessedOn, improved: improvedSinceFirst(first, latest) }) : t(lang, 'assess.status_never');
  return { label: t(lang, 'assess.status_label'), value };
}

/** The full view: the programme's average usefulness per meeting kind for meetings held in the period. */
export async function evaluationsByKindField(ctx: StatusContext, period: Period): Promise<ReplyField[]> {
  const lang = ctx.actor.language;
  const { kinds } = await ctx.repos.evaluations.byKind(ctx.actor.programmeId, period.from, period.to);
  if (!kinds.length) return [];
  const value = kinds.map((k) => `${kindLabel(lang, k.kind)} ${formatAverage(lang, k.average)} (${k.answers})`).join(', ');
  return [{ label: t(lang, 'eval.by_kind_title'), value }];
}

// What `status` shows of self-assessments and evaluations (issue 23): kept here, so status.ts only asks.
import type { MeetingKind } from '../../db/schema/index.js';
import type { ClusterScope } from '../../db/status.repository.js';
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

/** `status all`: per cluster of the page, its last assessment and the areas improved since the first, short
 *  enough to follow the cluster's line. One statement for every cluster, whatever the page holds. «ej
 *  skattad» is a task still open, so only a cluster at work is called that: a retired one shows its last
 *  assessment, or nothing (its line already says «avvecklat <datum>»), so the empty string. */
export async function clusterAssessmentLines(ctx: StatusContext): Promise<(clusterId: string) => string> {
  const lang = ctx.actor.language;
  const { clusters } = await ctx.repos.assessments.ofEveryCluster(ctx.actor.programmeId);
  const byCluster = new Map(
    clusters.map((c) => [
      c.clusterId,
      c.first && c.latest
        ? t(lang, 'assess.status_line', { date: c.latest.assessedOn, improved: improvedSinceFirst(c.first, c.latest) })
        : c.retired ? '' : t(lang, 'assess.status_line_never'),
    ]),
  );
  return (clusterId) => byCluster.get(clusterId) ?? t(lang, 'assess.status_line_never');
}

/** The overview's one field: the average usefulness per meeting kind in the period over the clusters the
 *  overview covers (`scope`, as `statusScopeOf` in handlers/reports/status.ts: every meeting for the whole
 *  programme, a leader's own clusters' meetings for a leader), with the answers behind it; none when nobody
 *  answered (`status indicators` has the fuller view below). */
export async function evaluationsShortField(ctx: StatusContext, period: Period, scope: ClusterScope): Promise<ReplyField[]> {
  const lang = ctx.actor.language;
  const { kinds } = await ctx.repos.evaluations.byKind(ctx.actor.programmeId, period.from, period.to, scope);
  if (!kinds.length) return [];
  return [{ label: t(lang, 'eval.by_kind_short'), value: kindAverages(lang, kinds, ' · ') }];
}

/** The full view: the average usefulness per meeting kind for meetings held in the period, over the
 *  clusters the view covers (`scope`, as the short field). */
export async function evaluationsByKindField(ctx: StatusContext, period: Period, scope: ClusterScope): Promise<ReplyField[]> {
  const lang = ctx.actor.language;
  const { kinds } = await ctx.repos.evaluations.byKind(ctx.actor.programmeId, period.from, period.to, scope);
  if (!kinds.length) return [];
  return [{ label: t(lang, 'eval.by_kind_title'), value: kindAverages(lang, kinds, ', ') }];
}

/** `utbildning 4,5 (2)`: each kind's average usefulness and the answers behind it. */
function kindAverages(lang: Language, kinds: { kind: MeetingKind; average: number | null; answers: number }[], separator: string): string {
  return kinds.map((k) => `${kindLabel(lang, k.kind)} ${formatAverage(lang, k.average)} (${k.answers})`).join(separator);
}

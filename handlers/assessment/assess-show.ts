import type { Assessment } from '../../db/assessments.repository.js';
import { planAreas } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { requireCluster } from '../core/lookups.js';
import type { Reply, ReplyBlock } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { areaLabel } from '../plans/plan-areas.js';
import { compare, type Trend } from './assess-compare.js';

const example = 'assess show Rymd';

/** `assess show [cluster]`: the latest scores beside the previous and the first, and what moved since the
 *  first. Everyone may read it, like the plan. */
export async function assessShow(ctx: HandlerContext<{ cluster?: string }>): Promise<Reply> {
  const { actor, repos } = ctx;
  const lang = actor.language;
  const cluster = await requireCluster(ctx, ctx.args.cluster ?? actor.clusterRoles[0]?.clusterName, example);
  const { history } = await repos.assessments.historyOf(actor.programmeId, cluster.id);
  const title = t(lang, 'assess.show_title', { cluster: cluster.name });
  const last = history.at(-1);
  if (!last) return { visibility: 'private', title, blocks: [{ type: 'text', text: t(lang, 'assess.show_none', { cluster: cluster.name }) }] };
  const latest = last.assessment;
  const first = history[0]!.assessment;
  const previous = history.at(-2)?.assessment;
  const none = t(lang, 'assess.none');
  const sinceFirst = compare(first, latest);
  const trendWord: Record<Trend, string> = { up: t(lang, 'assess.trend_up'), same: t(lang, 'assess.trend_same'), down: t(lang, 'assess.trend_down') };
  // The first assessment has nothing to compare with: its scores alone, not seven «(förra –, första –)».
  const only = history.length === 1;
  const rows = planAreas.map((area) =>
    only ? t(lang, 'assess.show_row_only', { area: areaLabel(lang, area), latest: latest[area] }) : t(lang, 'assess.show_row', {
      area: areaLabel(lang, area),
      latest: latest[area],
      previous: previous ? previous[area] : none,
      first: history.length > 1 ? first[area] : none,
      trend: history.length > 1 ? `– ${trendWord[sinceFirst.trends[area]]}` : '',
    }).trimEnd(),
  );
  const blocks: ReplyBlock[] = [
    { type: 'text', text: only ? t(lang, 'assess.show_dates_only', { latest: latest.assessedOn, author: last.authorName }) : t(lang, 'assess.show_dates', { latest: latest.assessedOn, author: last.authorName, previous: previous?.assessedOn ?? none, first: first.assessedOn }) },
    { type: 'list', items: rows },
  ];
  if (history.length > 1) blocks.push({ type: 'text', text: t(lang, 'assess.show_summary', { improved: sinceFirst.improved, same: sinceFirst.same, fell: sinceFirst.fell }) });
  const evidence = evidenceLines(lang, latest);
  if (evidence.length) blocks.push({ type: 'list', title: t(lang, 'assess.show_evidence', { date: latest.assessedOn }), items: evidence });
  return { visibility: 'private', title, blocks };
}

function evidenceLines(lang: 'sv' | 'en', assessment: Assessment): string[] {
  return planAreas.flatMap((area) => (assessment.evidence[area] ? [`${areaLabel(lang, area)}: ${assessment.evidence[area]}`] : []));
}

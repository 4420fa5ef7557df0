// What the web view shows, read through the same repositories and functions as `status` (status.repository,
// indicators.repository via computeIndicators, toFacts, indicatorFields), so the page and the chat reply give
// the same numbers for the same period. Platform-neutral: bot/dashboard renders it as HTML.
import { upcomingSectionLine } from '../agenda/planned-views.js';
import { instantOf } from '../agenda/planned-time.js';
import type { Repositories } from '../../db/repositories.js';
import { loadEvaluatedMeetings, loadEvaluationKinds, type EvaluatedMeetingData, type EvaluationKindData } from '../assessment/assessment-dashboard.js';
import { improvedClustersField } from '../assessment/assessment-status.js';
import type { IndicatorName } from '../../db/schema/index.js';
import { addDays } from '../core/dates.js';
import type { Language } from '../core/incoming.js';
import type { Period } from '../core/period.js';
import type { ReplyField } from '../core/reply.js';
import { daysOfWeek, isoWeekOfDay } from '../core/weeks.js';
import { t } from '../i18n/index.js';
import { computeIndicators, indicatorFields, indicatorValues, type Indicators } from '../reports/indicators.js';
import { statusTotals, toFacts, type ClusterFacts } from '../reports/status-views.js';
import { loadProgrammeTotals, type ProgrammeTotals } from '../reports/status-totals.js';

export interface IndicatorPoint {
  /** The last day the cumulative figures count. */
  until: string;
  values: Record<IndicatorName, number>;
  byGender: Record<string, number>;
}

export interface ProgrammeView {
  programmeName: string;
  period: Period;
  clusters: ClusterFacts[];
  weeks: string[];
  /** Activities per cluster id and ISO week. */
  activity: Map<string, Map<string, number>>;
  indicators: Indicators;
  targets: Map<string, number>;
  /** The programme-wide figures `totals` shows, as numbers. */
  summary: ProgrammeTotals;
  totals: ReplyField[];
  fields: ReplyField[];
  series: IndicatorPoint[];
  /** The period's evaluations per meeting kind (issue 23). */
  evaluations: EvaluationKindData[];
  /** The period's evaluated meetings with their comments, without names (issue 23). */
  evaluatedMeetings: EvaluatedMeetingData[];
  /** Planned meetings from today on (issue 22): shown, never counted. */
  upcoming?: string[];
}

export interface ViewInput {
  repos: Repositories;
  programmeId: string;
  period: Period;
  today: string;
  timezone: string;
  language: Language;
}

// A year of weekly columns still reads as a heat map; longer periods are for the export.
const MAX_WEEKS = 106;
// Monthly points up to two years, then quarterly, so the line chart stays readable.
const MAX_MONTHLY_POINTS = 24;

export async function loadProgrammeView(input: ViewInput): Promise<ProgrammeView> {
  const { repos, programmeId, period, today, timezone, language } = input;
  const { programme } = await repos.programmes.findById(programmeId);
  const { clusters: rows } = await repos.status.clusters({ programmeId, scope: undefined, ...period, today });
  const clusters = rows.map((row) => toFacts(row, today));
  const indicators = await computeIndicators(repos, programmeId, undefined, period, timezone);
  const summary = await loadProgrammeTotals(repos, { programmeId, scope: undefined, today, ...period, meetings: indicators.activities, clusters });
  const { targets } = await repos.targets.list(programmeId);
  const { weeks: weekRows } = await repos.dashboard.activityWeeks({ programmeId, scope: undefined, ...period });
  const activity = new Map<string, Map<string, number>>();
  for (const row of weekRows) {
    const perWeek = activity.get(row.clusterId) ?? new Map<string, number>();
    perWeek.set(row.isoWeek, row.n);
    activity.set(row.clusterId, perWeek);
  }
  const series: IndicatorPoint[] = [];
  for (const until of pointsOf(period, today)) {
    const cumulative = until === period.to ? indicators : await computeIndicators(repos, programmeId, undefined, { from: period.from, to: until }, timezone);
    series.push({ until, values: indicatorValues(cumulative), byGender: cumulative.byGender });
  }
  return {
    programmeName: programme?.name ?? 'LOKET',
    period,
    clusters,
    weeks: weeksOf(period),
    activity,
    indicators,
    targets,
    summary,
    // The overview's line on self-assessments, as status gives it, when any cluster has been assessed.
    totals: [...statusTotals(language, summary), ...improvedClustersField(language, indicators)],
    fields: indicatorFields(language, indicators, targets),
    evaluations: await loadEvaluationKinds(repos, programmeId, period, language),
    evaluatedMeetings: await loadEvaluatedMeetings(repos, programmeId, period, language),
    upcoming: await upcomingLines(input),
    series,
  };
}

/** The ISO weeks the period touches, oldest first (the last MAX_WEEKS of them). */
export function weeksOf(period: Period): string[] {
  const weeks: string[] = [];
  for (let week = isoWeekOfDay(period.from); ; ) {
    weeks.push(week);
    const next = addDays(daysOfWeek(week).monday, 7);
    if (next > period.to) break;
    week = isoWeekOfDay(next);
  }
  return weeks.slice(-MAX_WEEKS);
}

/** Month ends inside the period up to today, then the period's end: the last point is `status`'s figure. */
export function pointsOf(period: Period, today: string): string[] {
  const ends: string[] = [];
  for (let month = period.from.slice(0, 7); ; ) {
    const [year, m] = month.split('-').map(Number) as [number, number];
    const end = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
    if (end >= period.to || end > today) break;
    ends.push(end);
    month = new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 7);
  }
  // Past two years, keep only quarter ends, so the chart stays readable.
  const kept = ends.length > MAX_MONTHLY_POINTS ? ends.filter((end) => Number(end.slice(5, 7)) % 3 === 0) : ends;
  return [...kept, period.to];
}

const DASHBOARD_UPCOMING = 10;

/** The programme's next planned meetings, one line each, as `status` and the digest show them. */
async function upcomingLines({ repos, programmeId, today, timezone, language }: ViewInput): Promise<string[]> {
  const { planned } = await repos.plannedMeetings.listUpcoming({ programmeId, from: instantOf(today, '00:00', timezone, ''), limit: DASHBOARD_UPCOMING });
  return planned.map((p) => upcomingSectionLine(language, p, timezone));
}

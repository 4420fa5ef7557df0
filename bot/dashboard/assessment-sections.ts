// The web view's self-assessment charts (a cluster's radar, latest against first, and its scores over
// time) and the programme's evaluations per meeting kind (issue 23), each with its data table.
import type { AssessmentChartData, EvaluatedMeetingData, EvaluationKindData } from '../../handlers/assessment/assessment-dashboard.js';
import type { Language } from '../../handlers/core/incoming.js';
import { t } from '../../handlers/i18n/index.js';
import { linesSvg, radarSvg, stackedBarsSvg } from './charts.js';
import { esc, figure, table, type Cell } from './html.js';

const MAX_SCORE = 5;

function section(id: string, heading: string, body: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${esc(heading)}</h2>${body}</section>`;
}

export function assessmentSection(lang: Language, data: AssessmentChartData): string {
  const heading = t(lang, 'dashboard.assessment_heading');
  const first = data.points[0];
  const latest = data.points.at(-1);
  if (!first || !latest) return section('assessment', heading, `<p>${esc(t(lang, 'dashboard.no_assessment'))}</p>`);
  const radarHeading = t(lang, 'dashboard.assessment_radar', { latest: latest.date, first: first.date });
  const latestName = `${t(lang, 'dashboard.latest_column')} ${latest.date}`;
  const firstName = `${t(lang, 'dashboard.first_column')} ${first.date}`;
  const radar = figure({
    id: 'assessment-radar',
    heading: radarHeading,
    level: 3,
    svg: radarSvg({ axes: data.areas, max: MAX_SCORE, series: [{ name: latestName, values: latest.values }, { name: firstName, values: first.values }] }),
    table: table(t(lang, 'dashboard.table_caption', { chart: radarHeading }), [t(lang, 'dashboard.area_column'), latestName, firstName], data.areas.map((area, i): Cell[] => [area, latest.values[i]!, first.values[i]!])),
  });
  const overHeading = t(lang, 'dashboard.assessment_over_time');
  const dates = data.points.map((p) => p.date);
  const overTime = figure({
    id: 'assessment-over-time',
    heading: overHeading,
    level: 3,
    svg: linesSvg({ x: dates, series: data.areas.map((name, i) => ({ name, values: data.points.map((p) => p.values[i]!) })) }),
    table: table(t(lang, 'dashboard.table_caption', { chart: overHeading }), [t(lang, 'dashboard.area_column'), ...dates], data.areas.map((area, i): Cell[] => [area, ...data.points.map((p) => p.values[i]!)])),
  });
  return section('assessment', heading, radar + overTime);
}

/** The evaluated meetings: count, average and comments, never who answered. */
function meetingsTable(lang: Language, meetings: EvaluatedMeetingData[], decimal: (n: number) => string): string {
  const heading = t(lang, 'dashboard.evaluated_meetings_heading');
  const head = [t(lang, 'dashboard.meeting_column'), t(lang, 'dashboard.date_column'), t(lang, 'dashboard.kind_column'), t(lang, 'dashboard.asked_column'), t(lang, 'dashboard.answers_column'), t(lang, 'dashboard.average_column'), t(lang, 'dashboard.comments_column')];
  const rows = meetings.map((m): Cell[] => [m.meeting, m.date, m.kind, m.asked, m.answers, m.average === null ? '–' : decimal(m.average), { html: m.comments.map((c) => esc(c)).join('<br>') || '–' }]);
  return table(heading, head, rows);
}

export function evaluationsSection(lang: Language, kinds: EvaluationKindData[], meetings: EvaluatedMeetingData[] = []): string {
  const heading = t(lang, 'dashboard.evaluations_heading');
  const answered = kinds.filter((k) => k.average !== null);
  const decimal = (n: number) => new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
  const list = meetings.length ? meetingsTable(lang, meetings, decimal) : '';
  if (!answered.length) return section('evaluations', heading, `<p>${esc(t(lang, 'dashboard.no_evaluations'))}</p>${list}`);
  const chartHeading = t(lang, 'dashboard.evaluations_chart');
  const average = t(lang, 'dashboard.average_column');
  const chart = figure({
    id: 'evaluations-chart',
    heading: chartHeading,
    level: 3,
    svg: stackedBarsSvg({ categories: answered.map((k) => k.kind), parts: [{ name: average, values: answered.map((k) => k.average!) }], horizontal: true }),
    table: table(
      t(lang, 'dashboard.table_caption', { chart: chartHeading }),
      [t(lang, 'dashboard.kind_column_eval'), average, t(lang, 'dashboard.answers_column'), t(lang, 'dashboard.evaluated_meetings_column')],
      answered.map((k): Cell[] => [k.kind, decimal(k.average!), k.answers, k.meetings]),
    ),
  });
  return section('evaluations', heading, chart + list);
}

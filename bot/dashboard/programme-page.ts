import type { Language } from '../../handlers/core/incoming.js';
import type { ProgrammeView } from '../../handlers/dashboard/dashboard-data.js';
import { t, type MessageKey } from '../../handlers/i18n/index.js';
import { heatmapSvg, linesSvg, stackedBarsSvg } from './charts.js';
import { esc, fieldList, figure, table, type Cell } from './html.js';
import type { PageLinks } from './page-frame.js';
import { evaluationsSection } from './assessment-sections.js';

const GENDERS = ['woman', 'man', 'other', 'unspecified', 'unknown'] as const;
const ROLES = ['manager', 'board', 'leader', 'deputy', 'member', 'participant', 'guest'] as const;
// The issue names these three as the indicators to follow over time.
const OVER_TIME = ['organisations', 'participants', 'exchanges'] as const;

/** A row label that marks a silent cluster in the chart as well as in the tables, and a retired one (listed for
 *  its records in the period, as `status all` lists it). */
function rowLabel(lang: Language, c: ProgrammeView['clusters'][number]): string {
  if (c.retiredOn) return `${c.name} (${t(lang, 'status.retired_on', { date: c.retiredOn })})`;
  return c.reasons.includes('status.reason_silent') ? t(lang, 'dashboard.silent_label', { cluster: c.name, weeks: c.silentWeeks }) : c.name;
}

function activity(lang: Language, view: ProgrammeView): string {
  const cells: [number, number, number][] = [];
  let max = 0;
  view.clusters.forEach((c, row) => {
    const perWeek = view.activity.get(c.id);
    view.weeks.forEach((week, col) => {
      const n = perWeek?.get(week) ?? 0;
      max = Math.max(max, n);
      cells.push([col, row, n]);
    });
  });
  const svg = heatmapSvg({ weeks: view.weeks, rows: view.clusters.map((c) => rowLabel(lang, c)), cells, max });
  const heading = t(lang, 'dashboard.activity_heading');
  const rows: Cell[][] = view.clusters.map((c) => {
    const weeks = [...(view.activity.get(c.id) ?? new Map<string, number>())].map(([w, n]) => `${w}: ${n}`).join(', ');
    return [rowLabel(lang, c), c.meetings, weeks || '–'];
  });
  const head = [t(lang, 'dashboard.cluster_column'), t(lang, 'dashboard.total_column'), t(lang, 'dashboard.activity_heading')];
  return figure({ id: 'activity', heading, caption: t(lang, 'dashboard.activity_caption'), svg, table: table(t(lang, 'dashboard.table_caption', { chart: heading }), head, rows) });
}

function silent(lang: Language, view: ProgrammeView): string {
  const names = view.clusters.filter((c) => c.reasons.includes('status.reason_silent'));
  const body = names.length ? `<ul>${names.map((c) => `<li class="silent">${esc(rowLabel(lang, c))}</li>`).join('')}</ul>` : `<p>${esc(t(lang, 'dashboard.no_silent'))}</p>`;
  return `<section aria-labelledby="silent"><h2 id="silent">${esc(t(lang, 'dashboard.silent_heading'))}</h2>${body}</section>`;
}

/** Planned meetings (issue 22): listed, not counted in any figure above. */
function upcoming(lang: Language, view: ProgrammeView): string {
  if (!view.upcoming?.length) return '';
  return `<section aria-labelledby="upcoming"><h2 id="upcoming">${esc(t(lang, 'upcoming.section'))}</h2><ul>${view.upcoming.map((line) => `<li>${esc(line)}</li>`).join('')}</ul></section>`;
}

function overTime(lang: Language, view: ProgrammeView): string {
  const x = view.series.map((p) => p.until);
  const series = OVER_TIME.map((name) => ({ name: t(lang, `indicator.${name}`), values: view.series.map((p) => p.values[name]), target: view.targets.get(name) }));
  const heading = t(lang, 'dashboard.over_time_heading');
  const head = [t(lang, 'dashboard.until_column'), ...series.map((s) => s.name)];
  const rows: Cell[][] = view.series.map((p, i) => [p.until, ...series.map((s) => s.values[i]!)]);
  rows.push([t(lang, 'dashboard.target_row'), ...series.map((s) => (s.target === undefined ? '–' : s.target))]);
  return figure({ id: 'over-time', heading, caption: t(lang, 'dashboard.over_time_caption'), svg: linesSvg({ x, series }), table: table(t(lang, 'dashboard.table_caption', { chart: heading }), head, rows) });
}

function genders(lang: Language, view: ProgrammeView): string {
  const parts = GENDERS.map((g) => ({ name: t(lang, `status.gender.${g}` as MessageKey), values: view.series.map((p) => p.byGender[g] ?? 0) })).filter((p) => p.values.some((v) => v > 0));
  const heading = t(lang, 'dashboard.gender_heading');
  const head = [t(lang, 'dashboard.until_column'), ...parts.map((p) => p.name)];
  const rows: Cell[][] = view.series.map((p, i) => [p.until, ...parts.map((part) => part.values[i]!)]);
  const svg = stackedBarsSvg({ categories: view.series.map((p) => p.until), parts });
  return figure({ id: 'gender', heading, svg, table: table(t(lang, 'dashboard.table_caption', { chart: heading }), head, rows) });
}

function roles(lang: Language, view: ProgrammeView): string {
  const present = ROLES.filter((r) => view.indicators.byRole[r]);
  const names = present.map((r) => t(lang, `status.role.${r}` as MessageKey));
  const values = present.map((r) => view.indicators.byRole[r] ?? 0);
  const heading = t(lang, 'dashboard.role_heading');
  const svg = stackedBarsSvg({ categories: names, parts: [{ name: t(lang, 'dashboard.count_column'), values }], horizontal: true });
  const rows: Cell[][] = names.map((n, i) => [n, values[i]!]);
  return figure({ id: 'roles', heading, svg, table: table(t(lang, 'dashboard.table_caption', { chart: heading }), [t(lang, 'dashboard.role_heading'), t(lang, 'dashboard.count_column')], rows) });
}

function clusters(lang: Language, view: ProgrammeView, links: PageLinks): string {
  const head = [t(lang, 'dashboard.cluster_column'), t(lang, 'dashboard.leader_column'), t(lang, 'status.meetings'), t(lang, 'status.actions'), t(lang, 'plan.progress_label'), t(lang, 'dashboard.attention_column')];
  const rows: Cell[][] = view.clusters.map((c) => [
    { html: `<a href="${esc(links.cluster(c.id))}">${esc(rowLabel(lang, c))}</a>` },
    c.leader ?? t(lang, 'status.nobody'),
    c.meetings,
    t(lang, 'status.actions_value', { open: c.openActions, overdue: c.overdueActions }),
    t(lang, 'plan.progress_value', { done: c.planDone, total: c.planTotal, overdue: c.planOverdue }),
    c.reasons.map((r) => t(lang, r, { weeks: c.silentWeeks })).join(', ') || '–',
  ]);
  const heading = t(lang, 'dashboard.clusters_heading');
  return `<section aria-labelledby="clusters"><h2 id="clusters">${esc(heading)}</h2>${table(heading, head, rows)}</section>`;
}

export function renderProgrammeBody(lang: Language, view: ProgrammeView, links: PageLinks): string {
  return [
    `<section aria-labelledby="summary"><h2 id="summary">${esc(t(lang, 'dashboard.summary_heading'))}</h2>${fieldList(view.totals)}</section>`,
    activity(lang, view),
    silent(lang, view),
    upcoming(lang, view),
    `<section aria-labelledby="indicators"><h2 id="indicators">${esc(t(lang, 'dashboard.indicators_heading'))}</h2>${fieldList(view.fields)}</section>`,
    overTime(lang, view),
    evaluationsSection(lang, view.evaluations, view.evaluatedMeetings),
    genders(lang, view),
    roles(lang, view),
    clusters(lang, view, links),
  ].join('\n');
}

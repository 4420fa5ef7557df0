import type { Language } from '../../handlers/core/incoming.js';
import { shortId } from '../../handlers/core/short-ids.js';
import type { ClusterView } from '../../handlers/dashboard/dashboard-cluster-data.js';
import { t, type MessageKey } from '../../handlers/i18n/index.js';
import { areaLabel } from '../../handlers/plans/plan-areas.js';
import { stackedBarsSvg } from './charts.js';
import { assessmentSection } from './assessment-sections.js';
import { esc, fieldList, figure, table, type Cell } from './html.js';

function section(id: string, heading: string, body: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${esc(heading)}</h2>${body}</section>`;
}

function plan(lang: Language, view: ClusterView, today: string): string {
  const heading = t(lang, 'dashboard.plan_heading');
  if (view.gaps.length === 0) return section('plan', heading, `<p>${esc(t(lang, 'dashboard.no_plan'))}</p>`);
  const state = (a: ClusterView['actions'][number]['action']) => (a.doneAt ? 'done' : a.dueOn < today ? 'overdue' : 'open');
  const gapNames = view.gaps.map((g) => `${shortId('G', g.number)} ${areaLabel(lang, g.area)}`);
  const count = (gapId: string, s: string) => view.actions.filter((a) => a.action.gapId === gapId && state(a.action) === s).length;
  const kinds = [['done', 'dashboard.done_column'], ['open', 'dashboard.open_column'], ['overdue', 'dashboard.overdue_column']] as const;
  const parts = kinds.map(([s, key]) => ({ name: t(lang, key), values: view.gaps.map((g) => count(g.id, s)) }));
  const chartHeading = t(lang, 'dashboard.plan_chart');
  const chartRows: Cell[][] = view.gaps.map((g, i) => [`${gapNames[i]}: ${g.text}`, ...parts.map((p) => p.values[i]!)]);
  const chart = figure({
    id: 'plan-chart',
    heading: chartHeading,
    level: 3,
    svg: stackedBarsSvg({ categories: gapNames, parts, horizontal: true }),
    table: table(t(lang, 'dashboard.table_caption', { chart: chartHeading }), [t(lang, 'dashboard.gap_column'), ...parts.map((p) => p.name)], chartRows),
  });
  const label = { done: 'plan.state_done', open: 'plan.state_open', overdue: 'plan.state_overdue' } as const;
  const actionRows: Cell[][] = view.actions.map(({ action, ownerName }) => [
    `${shortId('P', action.number)} ${action.text}`,
    gapNames[view.gaps.findIndex((g) => g.id === action.gapId)] ?? '–',
    ownerName,
    action.dueOn,
    t(lang, label[state(action)]),
  ]);
  const head = [t(lang, 'dashboard.action_column'), t(lang, 'dashboard.gap_column'), t(lang, 'dashboard.owner_column'), t(lang, 'dashboard.due_column'), t(lang, 'dashboard.state_column')];
  return section('plan', heading, chart + table(heading, head, actionRows));
}

function meetings(lang: Language, view: ClusterView): string {
  const heading = t(lang, 'dashboard.meetings_heading');
  if (view.meetings.length === 0) return section('meetings', heading, `<p>${esc(t(lang, 'dashboard.no_meetings'))}</p>`);
  const head = [t(lang, 'dashboard.date_column'), t(lang, 'dashboard.title_column'), t(lang, 'dashboard.kind_column'), t(lang, 'dashboard.decisions_column'), t(lang, 'dashboard.open_actions_column')];
  const rows: Cell[][] = view.meetings.map((m) => [m.heldOn, `${shortId('M', m.number)} ${m.title}`, t(lang, `meeting.kind.${m.kind}` as MessageKey), m.decisions, m.openActions]);
  return section('meetings', heading, table(heading, head, rows));
}

/** Weekly notes as a timeline, oldest first: an ordered list reads as one to a screen reader too. */
function progress(lang: Language, view: ClusterView): string {
  const heading = t(lang, 'dashboard.progress_heading');
  if (view.notes.length === 0) return section('progress', heading, `<p>${esc(t(lang, 'dashboard.no_progress'))}</p>`);
  const fields = [['done', 'dashboard.progress_done'], ['next', 'dashboard.progress_next'], ['blockers', 'dashboard.progress_blockers'], ['need', 'dashboard.progress_need']] as const;
  const items = view.notes.map((n) => {
    const mood = n.mood ? ` – ${esc(t(lang, `dashboard.mood.${n.mood}` as MessageKey))}` : '';
    const parts = fields.filter(([k]) => n[k]).map(([k, key]) => `<div><strong>${esc(t(lang, key))}:</strong> ${esc(n[k]!)}</div>`);
    const by = n.author ? `<p class="by">${esc(n.author)}</p>` : '';
    return `<li><h3>${esc(n.isoWeek)}${mood}</h3>${by}${parts.join('')}</li>`;
  });
  return section('progress', heading, `<ol class="timeline">${items.join('')}</ol>`);
}

export function renderClusterBody(lang: Language, view: ClusterView, today: string): string {
  return [
    section('summary', t(lang, 'dashboard.summary_heading'), fieldList(view.fields)),
    section('bus-factor', t(lang, 'dashboard.bus_factor_heading'), `<p>${esc(view.busFactor)}</p>`),
    plan(lang, view, today),
    assessmentSection(lang, view.assessment),
    meetings(lang, view),
    progress(lang, view),
    section('indicators', t(lang, 'dashboard.indicators_heading'), fieldList(view.indicatorFields)),
  ].join('\n');
}

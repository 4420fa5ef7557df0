import type { ClusterStatusRow } from '../../db/status.repository.js';
import { daysBetween } from '../core/dates.js';
import type { Language } from '../core/incoming.js';
import { isoWeekOfDay, weeksBetween } from '../core/weeks.js';
import type { ReplyField } from '../core/reply.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { ProgrammeTotals } from './status-totals.js';

// Two completed weeks without a note is "silent": one missed week is a holiday, two is a pattern.
const SILENT_WEEKS = 2;
// A plan not reviewed in a quarter has stopped steering the work.
const STALE_PLAN_DAYS = 92;

export interface ClusterFacts extends ClusterStatusRow {
  silentWeeks: number;
  reasons: MessageKey[];
}

/** Completed ISO weeks since the last note (the week in progress does not count yet); without any note,
 *  since the cluster was added. */
export function silentWeeks(row: Pick<ClusterStatusRow, 'lastWeek' | 'createdOn'>, today: string): number {
  const current = isoWeekOfDay(today);
  if (row.lastWeek) return Math.max(0, weeksBetween(row.lastWeek, current) - 1);
  return Math.max(0, weeksBetween(isoWeekOfDay(row.createdOn), current));
}

export function toFacts(row: ClusterStatusRow, today: string): ClusterFacts {
  const silent = silentWeeks(row, today);
  const reasons: MessageKey[] = [];
  // A retired cluster takes no new work: it is listed for its records, never as one needing attention.
  if (row.retiredOn) return { ...row, silentWeeks: silent, reasons };
  if (silent >= SILENT_WEEKS) reasons.push('status.reason_silent');
  if (row.overdueActions + row.planOverdue > 0) reasons.push('status.reason_overdue');
  if (!row.lastReview || daysBetween(row.lastReview, today) > STALE_PLAN_DAYS) reasons.push('status.reason_stale_plan');
  return { ...row, silentWeeks: silent, reasons };
}

/** One line per cluster, for the attention list and `status all`. */
export function clusterLine(lang: Language, c: ClusterFacts): string {
  const said = c.retiredOn ? [t(lang, 'status.retired_on', { date: c.retiredOn })] : c.reasons.map((r) => t(lang, r, { weeks: c.silentWeeks }));
  const reasons = said.length ? ` – ${said.join(', ')}` : '';
  return t(lang, 'status.cluster_line', {
    cluster: c.name,
    leader: c.leader ?? t(lang, 'status.nobody'),
    meetings: c.meetings,
    open: c.openActions,
    overdue: c.overdueActions,
    done: c.planDone,
    total: c.planTotal,
  }) + reasons;
}

/** The in-depth fields of `status <cluster>`. */
export function clusterFields(lang: Language, c: ClusterFacts, openNeeds: number): ReplyField[] {
  const week = c.lastWeek ? t(lang, 'status.last_week_value', { week: c.lastWeek, weeks: c.silentWeeks }) : t(lang, 'status.no_progress', { weeks: c.silentWeeks });
  return [
    { label: t(lang, 'status.leader'), value: c.leader ?? t(lang, 'status.nobody') },
    { label: t(lang, 'status.deputies'), value: c.deputies ?? t(lang, 'status.nobody') },
    { label: t(lang, 'status.last_progress'), value: week },
    { label: t(lang, 'status.meetings'), value: String(c.meetings) },
    { label: t(lang, 'status.actions'), value: t(lang, 'status.actions_value', { open: c.openActions, overdue: c.overdueActions }) },
    { label: t(lang, 'status.exchange_needs'), value: String(openNeeds) },
    { label: t(lang, 'plan.progress_label'), value: t(lang, 'plan.progress_value', { done: c.planDone, total: c.planTotal, overdue: c.planOverdue }) },
    { label: t(lang, 'plan.last_review_label'), value: c.lastReview ?? t(lang, 'plan.never_reviewed') },
  ];
}

export function helixMix(lang: Language, organisations: { helixType: string }[]): string {
  const counts = new Map<string, number>();
  for (const o of organisations) counts.set(o.helixType, (counts.get(o.helixType) ?? 0) + 1);
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `${t(lang, `helix.${type}` as MessageKey)} ${n}`);
  return parts.join(', ') || '–';
}

/** The four totals at the top of `status` and of the dashboard, from one place so the two cannot disagree.
 *  The figures are programme-wide counts (status-totals.ts), never sums of the clusters' rows: a network
 *  meeting of two clusters is one meeting, and its action items are one item each. */
export function statusTotals(lang: Language, totals: ProgrammeTotals): ReplyField[] {
  return [
    { label: t(lang, 'status.clusters'), value: t(lang, totals.retiredClusters ? 'status.clusters_value_retired' : 'status.clusters_value', { n: totals.clusters, attention: totals.attention, retired: totals.retiredClusters }) },
    { label: t(lang, 'status.meetings'), value: String(totals.meetings) },
    { label: t(lang, 'status.actions'), value: t(lang, 'status.actions_value', { open: totals.openActions, overdue: totals.overdueActions }) },
    { label: t(lang, 'plan.progress_label'), value: t(lang, 'plan.progress_value', { done: totals.planDone, total: totals.planTotal, overdue: totals.planOverdue }) },
  ];
}

import type { Repositories } from '../../db/repositories.js';
import type { ClusterScope } from '../../db/status.repository.js';
import { indicatorNames, type IndicatorName } from '../../db/schema/index.js';
import type { Language } from '../core/incoming.js';
import type { Period } from '../core/period.js';
import type { ReplyField } from '../core/reply.js';
import { t, type MessageKey } from '../i18n/index.js';
import { assessmentProgress } from '../assessment/assess-compare.js';

export interface Indicators {
  period: Period;
  activities: number;
  byKind: { kind: string; n: number }[];
  organisations: { reached: number; companies: number; others: number; participated: number };
  participants: number;
  byGender: Record<string, number>;
  byRole: Record<string, number>;
  exchanges: number;
  /** Open exchange needs per cluster id. */
  openNeeds: Map<string, number>;
  competence: number;
  /** Clusters assessed by the period's end, and those with at least three areas improved since their first. */
  assessedClusters: number;
  improvedClusters: number;
}

// Trainings and study trips are the programme's competence activities (AP2).
const COMPETENCE_KINDS = new Set(['training', 'study-trip']);

export async function computeIndicators(repos: Repositories, programmeId: string, scope: ClusterScope, period: Period, timezone: string): Promise<Indicators> {
  const input = { programmeId, scope, ...period, timezone };
  // Independent reads, sent together: one round trip (issue 21).
  const [{ byKind, organisations, rows }, { completed, openNeeds }, assessed] = await Promise.all([
    repos.indicators.figures(input),
    repos.indicators.exchangesCompleted(input),
    assessmentProgress(repos, programmeId, scope, period.to),
  ]);
  const byGender: Record<string, number> = {};
  const byRole: Record<string, number> = {};
  for (const row of rows) {
    byGender[row.gender] = (byGender[row.gender] ?? 0) + row.n;
    byRole[row.role] = (byRole[row.role] ?? 0) + row.n;
  }
  return {
    period,
    activities: byKind.reduce((sum, k) => sum + k.n, 0),
    byKind,
    organisations,
    participants: rows.reduce((sum, r) => sum + r.n, 0),
    byGender,
    byRole,
    exchanges: completed,
    openNeeds,
    competence: byKind.filter((k) => COMPETENCE_KINDS.has(k.kind)).reduce((sum, k) => sum + k.n, 0),
    ...assessed,
  };
}

/** The figures `target` can be set for, by indicator name. */
export function indicatorValues(i: Indicators): Record<IndicatorName, number> {
  return {
    activities: i.activities,
    organisations: i.organisations.reached,
    companies: i.organisations.companies,
    participants: i.participants,
    women: i.byGender.woman ?? 0,
    men: i.byGender.man ?? 0,
    exchanges: i.exchanges,
    competence: i.competence,
    improved_clusters: i.improvedClusters,
  };
}

const ORDER = {
  'status.gender': ['woman', 'man', 'other', 'unspecified', 'unknown'],
  'status.role': ['manager', 'board', 'leader', 'deputy', 'member', 'participant', 'guest'],
} as const;

function split(lang: Language, counts: Record<string, number>, prefix: keyof typeof ORDER): string {
  const keys: readonly string[] = ORDER[prefix];
  const parts = keys.filter((k) => counts[k]).map((k) => `${t(lang, `${prefix}.${k}` as MessageKey)} ${counts[k]}`);
  return parts.length ? parts.join(', ') : '–';
}

/** Indicators as fields, each against its target when one is set. */
export function indicatorFields(lang: Language, i: Indicators, targets: Map<string, number>): ReplyField[] {
  const values = indicatorValues(i);
  const fields: ReplyField[] = indicatorNames.map((name) => {
    const target = targets.get(name);
    const value = target === undefined ? String(values[name]) : t(lang, 'status.against_target', { value: values[name], target });
    return { label: t(lang, `indicator.${name}`), value };
  });
  const kinds = i.byKind.map((k) => `${t(lang, `meeting.kind.${k.kind}` as MessageKey)} ${k.n}`).join(', ') || '–';
  fields.push({ label: t(lang, 'status.by_kind'), value: kinds });
  fields.push({ label: t(lang, 'status.org_split'), value: t(lang, 'status.org_split_value', { ...i.organisations }) });
  fields.push({ label: t(lang, 'status.by_gender'), value: split(lang, i.byGender, 'status.gender') });
  fields.push({ label: t(lang, 'status.by_role'), value: split(lang, i.byRole, 'status.role') });
  return fields;
}

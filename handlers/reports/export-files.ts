// The funder report's files. CSV is UTF-8 with `;` between fields (core/csv.ts says why); the BOM that
// makes Excel read å, ä and ö as UTF-8 instead of Windows-1252 is added on delivery (core/files.ts).
import type { ActivityRow, ParticipantRow } from '../../db/export.repository.js';
import { toCsv } from '../core/csv.js';
import type { Language } from '../core/incoming.js';
import { t, type MessageKey } from '../i18n/index.js';
import { shortId } from '../core/short-ids.js';
import { meetingKinds, type MeetingKind } from '../../db/schema/index.js';
import { kindLabel } from '../meetings/meeting-kinds.js';
import { indicatorValues, type Indicators } from './indicators.js';

export type ExportFormat = 'csv' | 'json';

export interface ExportFile {
  name: string;
  contentType: string;
  content: string;
}

export interface ExportData {
  indicators: Indicators;
  targets: Map<string, number>;
  activities: ActivityRow[];
  participants: ParticipantRow[];
  /** Evaluated meetings of the period (issue 23): answers and average, never who answered. */
  evaluations: EvaluationRow[];
}

export interface EvaluationRow {
  number: number;
  heldOn: string;
  kind: MeetingKind;
  title: string;
  asked: number;
  answers: number;
  average: number | null;
}

/** One row per figure, named so that a funder's template can look them up: `kind:training`, `gender:woman`. */
export function indicatorRows(data: ExportData): { indicator: string; value: number; target: number | '' }[] {
  const { indicators: i, targets } = data;
  const rows = Object.entries(indicatorValues(i)).map(([indicator, value]) => ({ indicator, value, target: targets.get(indicator) ?? ('' as const) }));
  const extra: [string, number][] = [
    ['organisations_participated', i.organisations.participated],
    ['organisations_others', i.organisations.others],
    ...i.byKind.map((k): [string, number] => [`kind:${k.kind}`, k.n]),
    ...Object.entries(i.byGender).map(([g, n]): [string, number] => [`gender:${g}`, n]),
    ...Object.entries(i.byRole).map(([r, n]): [string, number] => [`role:${r}`, n]),
    ['assessed_clusters', i.assessedClusters],
    ...evaluationAverages(data.evaluations),
  ];
  return [...rows, ...extra.map(([indicator, value]) => ({ indicator, value, target: '' as const }))];
}

/** The average usefulness and the number of answers per meeting kind, over the period's evaluated meetings. */
function evaluationAverages(rows: EvaluationRow[]): [string, number][] {
  const byKind = new Map<string, { sum: number; answers: number }>();
  for (const row of rows) {
    if (row.average === null) continue;
    const seen = byKind.get(row.kind) ?? { sum: 0, answers: 0 };
    byKind.set(row.kind, { sum: seen.sum + row.average * row.answers, answers: seen.answers + row.answers });
  }
  return [...byKind].flatMap(([kind, { sum, answers }]): [string, number][] => [
    [`evaluation_average:${kind}`, Math.round((sum / answers) * 100) / 100],
    [`evaluation_answers:${kind}`, answers],
  ]);
}

function evaluationRecords(data: ExportData, words: CellWords = CODES) {
  return data.evaluations.map((e) => ({ meeting: shortId('M', e.number), date: e.heldOn, kind: words.kind(e.kind), title: e.title, asked: e.asked, answers: e.answers, average: e.average === null ? '' : words.decimal(e.average) }));
}

/** The CSV is read by people: kinds, genders and yes/no in the reader's language. The JSON keeps the codes. */
interface CellWords {
  kind(kind: ActivityRow['kind']): string;
  gender(gender: string | null): string;
  yesNo(value: boolean): string;
  /** An average: a number in JSON, the reader's decimal comma or point in CSV. */
  decimal(value: number): number | string;
}

const CODES: CellWords = { kind: (k) => k, gender: (g) => g ?? 'unknown', yesNo: (v) => (v ? 'yes' : 'no'), decimal: (n) => Math.round(n * 100) / 100 };

function wordsFor(lang: Language): CellWords {
  return {
    kind: (k) => (meetingKinds.includes(k as MeetingKind) ? kindLabel(lang, k as MeetingKind) : k),
    gender: (g) => (g ? t(lang, `gender.${g}` as MessageKey) : t(lang, 'export.gender_unknown')),
    yesNo: (v) => t(lang, v ? 'export.yes' : 'export.no'),
    decimal: (n) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false }).format(n),
  };
}

function activityRecords(data: ExportData, words: CellWords = CODES) {
  return data.activities.map((a) => ({ id: shortId('M', a.number), date: a.heldOn, kind: words.kind(a.kind), title: a.title, clusters: a.clusters ?? '', organisations: a.organisations ?? '', org_numbers: a.orgNumbers ?? '', participants: a.participants }));
}

function participantRecords(data: ExportData, words: CellWords = CODES) {
  return data.participants.map((p) => ({ meeting: shortId('M', p.meetingNumber), date: p.heldOn, name: p.name, organisation: p.organisation ?? '', org_number: p.orgNumber ?? '', gender: words.gender(p.gender), guest: words.yesNo(p.guest) }));
}

/** Cells are made safe to open in a spreadsheet (core/csv.ts): a title typed as `=HYPERLINK(…)` runs nothing.
 *  Headers are in the reader's language («indikator;värde;mål»); the JSON file keeps the English keys, and the
 *  indicator names in the first column stay codes (`kind:training`) so a funder's template can look them up. */
function csv(lang: Language, records: object[], columns: string[]): string {
  return toCsv(records, columns.map((key) => ({ key, header: t(lang, `export.column.${key}` as MessageKey) })));
}

export function buildExportFiles(data: ExportData, format: ExportFormat, stem: string, lang: Language): ExportFile[] {
  const { from, to } = data.indicators.period;
  if (format === 'json') {
    const content = JSON.stringify({ period: { from, to }, indicators: indicatorRows(data), activities: activityRecords(data), participants: participantRecords(data), evaluations: evaluationRecords(data) }, null, 2);
    return [{ name: `${stem}.json`, contentType: 'application/json; charset=utf-8', content }];
  }
  const type = 'text/csv; charset=utf-8';
  return [
    { name: `${stem}-indicators.csv`, contentType: type, content: csv(lang, indicatorRows(data), ['indicator', 'value', 'target']) },
    { name: `${stem}-activities.csv`, contentType: type, content: csv(lang, activityRecords(data, wordsFor(lang)), ['id', 'date', 'kind', 'title', 'clusters', 'organisations', 'org_numbers', 'participants']) },
    { name: `${stem}-participants.csv`, contentType: type, content: csv(lang, participantRecords(data, wordsFor(lang)), ['meeting', 'date', 'name', 'organisation', 'org_number', 'gender', 'guest']) },
    { name: `${stem}-evaluations.csv`, contentType: type, content: csv(lang, evaluationRecords(data, wordsFor(lang)), ['meeting', 'date', 'kind', 'title', 'asked', 'answers', 'average']) },
  ];
}

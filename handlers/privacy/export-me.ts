// `export me` (alias `my-data`): everything LOKET holds about the asker. One JSON file with every table,
// plus one CSV per table for a spreadsheet. Not a zip: the files port stores text in Postgres and the
// links already bundle the set; a CSV per table opens in Excel without unpacking anything.
import type { HandlerContext } from '../core/context.js';
import { dayIn, instantIn, localiseInstant } from '../core/dates.js';
import { toCsv } from '../core/csv.js';
import type { Reply } from '../core/reply.js';
import { DEFAULT_LINK_DAYS } from '../core/signed-links.js';
import type { ExportFile } from '../reports/export-files.js';
import { publishFiles } from '../core/publish-files.js';
import { catalogs, t, type MessageKey } from '../i18n/index.js';
import type { Language } from '../core/incoming.js';

export async function exportMe(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const now = clock.now();
  const { tables } = await repos.personalData.exportRows({ programmeId: actor.programmeId, personId: actor.personId, userId: actor.userId });
  const files = myDataFiles(tables, now, settings.timezone, actor.language);
  const { links, paths } = await publishFiles(ctx, files);
  const rows = tables.reduce((sum, x) => sum + x.rows.length, 0);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'privacy.export', subjectType: 'person', subjectId: actor.personId, detail: { tables: tables.length, rows }, at: now });
  const text = t(actor.language, links.length ? 'privacy.export_links' : 'privacy.export_paths', { tables: tables.length, rows, days: DEFAULT_LINK_DAYS });
  const blocks: Reply['blocks'] = [{ type: 'text', text }];
  if (paths.length) blocks.push({ type: 'list', items: paths });
  return { blocks, links: links.length ? links : undefined, visibility: 'private' };
}

/** The JSON file first, then a CSV per table, all named by date only (a link label never names the person).
 *  Dates and times are the programme's (`timezone`): a row written at 00:30 in Stockholm says that day. */
export function myDataFiles(tables: { table: string; rows: Record<string, unknown>[] }[], now: Date, timezone: string, lang: Language): ExportFile[] {
  const stem = `loket-my-data-${dayIn(timezone, now)}`;
  const local = tables.map(({ table, rows }) => ({ table, rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, localiseInstant(timezone, v)]))) }));
  const json = { exportedAt: instantIn(timezone, now), timezone, tables: Object.fromEntries(local.map((x) => [x.table, x.rows])) };
  const files: ExportFile[] = [{ name: `${stem}.json`, contentType: 'application/json; charset=utf-8', content: JSON.stringify(json, null, 2) }];
  for (const { table, rows } of local) {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const records = rows.map((r) => Object.fromEntries(columns.map((c) => [c, cell(r[c])])));
    // Same dialect and formula-safe cells as the funder export (core/csv.ts).
    files.push({ name: `${stem}-${table}.csv`, contentType: 'text/csv; charset=utf-8', content: toCsv(records, columns.map((key) => ({ key, header: columnHeader(lang, key) }))) });
  }
  return files;
}

/** A column's header in the reader's language («skapad», not `created_at`); the JSON file keeps the column
 *  names, and a column this catalog does not know yet is headed by its name. */
function columnHeader(lang: Language, column: string): string {
  const key = `privacy.column.${column}`;
  return Object.hasOwn(catalogs.sv, key) ? t(lang, key as MessageKey) : column;
}

function cell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// Every CSV file LOKET writes goes through here: one dialect, and cells that a spreadsheet cannot run.
// `;` between fields and CRLF rows: Excel with Swedish (and most European) regional settings uses the comma
// as decimal separator and `;` as list separator, so it opens such a file straight into columns.
import { stringify } from 'csv-stringify/sync';

/** A cell that starts with one of these is read as a formula by Excel, LibreOffice or Google Sheets
 *  (`=HYPERLINK(…)`, `+1`, `-2`, `@SUM(…)`, and tab or carriage return before one): OWASP's CSV injection rule. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** User text as a spreadsheet cell: prefixed with `'` when it could start a formula, so it shows as typed
 *  and runs nothing. Text with these characters elsewhere (`R&D`, `2 - 1`) is left as it is. */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvColumn = string | { key: string; header: string };

/** Records as CSV with a header row (a column's header is its key unless given). Numbers LOKET computed
 *  stay numbers; every string cell, the headers included, is made safe. */
export function toCsv(records: object[], columns: CsvColumn[]): string {
  return stringify(records, {
    header: true,
    columns: columns.map((c) => (typeof c === 'string' ? { key: c, header: safeCell(c) } : { key: c.key, header: safeCell(c.header) })),
    delimiter: ';',
    record_delimiter: 'windows',
    cast: { string: (value) => safeCell(value) },
  });
}

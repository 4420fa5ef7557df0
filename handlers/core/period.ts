// Reporting periods are calendar days in the programme's time zone, both ends inclusive, because meeting
// days are stored as days: a meeting on 31 March at 23:30 Stockholm time is a 31 March meeting and so Q1.
import { dayIn, readDay } from './dates.js';
import { LoketError } from './errors.js';

export interface Period {
  from: string;
  to: string;
}

export function quarterOf(day: string): Period {
  const year = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const first = String(q * 3 + 1).padStart(2, '0');
  const last = String(q * 3 + 3).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, q * 3 + 3, 0)).getUTCDate();
  return { from: `${year}-${first}-01`, to: `${year}-${last}-${lastDay}` };
}

/** `from:`/`to:` as the command's binder read them (dates.ts checks them again for any other caller). With
 *  neither, the current quarter; with one end only, the other is that end's own quarter's (`from:2027-01-01`
 *  alone runs to 2027-03-31, `to:2026-02-15` alone starts on 2026-01-01), so one date is never refused
 *  against a default the reader did not type. An end before its start is refused. */
export function readPeriod(given: { from?: string; to?: string }, timeZone: string, now: Date, example: string): Period {
  const givenFrom = readDay(given.from, 'from', example);
  const givenTo = readDay(given.to, 'to', example);
  const current = quarterOf(dayIn(timeZone, now));
  const from = givenFrom ?? (givenTo ? quarterOf(givenTo).from : current.from);
  const to = givenTo ?? (givenFrom ? quarterOf(givenFrom).to : current.to);
  if (to < from) throw new LoketError('date.range_invalid', { from, to }, example);
  return { from, to };
}

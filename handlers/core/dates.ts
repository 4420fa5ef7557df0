// Calendar days as `YYYY-MM-DD` strings. Meetings and due dates are days in the programme's time zone, not
// instants, so day arithmetic is done on UTC midnights where no daylight-saving shift can interfere. The
// zone is applied once, with Intl (the only maintained zone database available without a new package).
import { LoketError } from './errors.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A real calendar day in strict `YYYY-MM-DD`, or undefined: 2026-02-30 and 2026-2-3 are refused. */
export function parseDay(input: string | undefined): string | undefined {
  const match = ISO_DAY.exec(input?.trim() ?? '');
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to 2026-03-02; a round trip that changes the day means it does not exist.
  const valid = utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
  return valid && year >= 1900 ? match[0] : undefined;
}

/** A strict `YYYY-MM-DD` (2026-02-30 is refused), or undefined when the option was not given. */
export function readDay(value: string | undefined, key: string, example: string): string | undefined {
  if (value === undefined) return undefined;
  const day = parseDay(value);
  if (!day) throw new LoketError('date.invalid', { value, key }, example);
  return day;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in `timeZone` (e.g. Europe/Stockholm). */
export function dayIn(timeZone: string, instant: Date): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as ISO 8601 with the programme zone's offset at that moment, `2026-12-06T00:30:00+01:00`:
 *  the same instant as a `Z` time, but a person reading the file sees the day and hour they lived. */
export function instantIn(timeZone: string, instant: Date): string {
  let formatter = instantFormatters.get(timeZone);
  if (!formatter) {
    const parts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, ...parts, hourCycle: 'h23', timeZoneName: 'longOffset' });
    instantFormatters.set(timeZone, formatter);
  }
  const p = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  // `GMT+01:00`, or plain `GMT` for UTC itself.
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/** A timestamp as Postgres or JSON wrote it (`2026-12-05T23:30:00+00:00`), re-read in `timeZone`; any
 *  other value is returned as it was. */
export function localiseInstant(timeZone: string, value: unknown): unknown {
  if (value instanceof Date) return instantIn(timeZone, value);
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : instantIn(timeZone, instant);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(toUtc(day) + days * DAY_MS).toISOString().slice(0, 10);
}

function toUtc(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
}

// ISO weeks and wall-clock due times in the programme's time zone. Due times are built from local
// calendar fields with @date-fns/tz, never from fixed UTC offsets, so "Friday 14:00" stays 14:00 local
// in the weeks of both daylight-saving switches. Calendar-day arithmetic reuses dates.ts.
import { TZDate } from '@date-fns/tz';
import Holidays from 'date-holidays';
import { addDays, dayIn, daysBetween } from './dates.js';

/** `2026-W09` for the ISO week an instant falls in, seen from `timeZone`. */
export function isoWeekOf(instant: Date, timeZone: string): string {
  return isoWeekOfDay(dayIn(timeZone, instant));
}

/** `2026-W09` for a calendar day `YYYY-MM-DD` (no zone involved: a day is already local). Plain UTC
 *  arithmetic: this runs on every scheduler tick, and a zoned date object per call is measurably slow. */
export function isoWeekOfDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  // The ISO week-year is the year of the week's Thursday.
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of the ISO week containing `day`. */
export function mondayOfDay(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** Monday and Sunday (`YYYY-MM-DD`) of an ISO week like `2026-W09`. */
export function daysOfWeek(isoWeek: string): { monday: string; sunday: string } {
  const [year, week] = isoWeek.split('-W').map(Number) as [number, number];
  // 4 January is always in ISO week 1.
  const monday = addDays(mondayOfDay(`${year}-01-04`), (week - 1) * 7);
  return { monday, sunday: addDays(monday, 6) };
}

export function previousWeek(isoWeek: string, weeks = 1): string {
  return isoWeekOfDay(addDays(daysOfWeek(isoWeek).monday, -7 * weeks));
}

/** Whole weeks from `earlier` to `later` (0 when the same week). */
export function weeksBetween(earlier: string, later: string): number {
  return Math.round(daysBetween(daysOfWeek(earlier).monday, daysOfWeek(later).monday) / 7);
}

export function weekNumber(isoWeek: string): number {
  return Number(isoWeek.split('-W')[1]);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of `day`. */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/** The instant of `weekday` at `time` (HH:MM) local, in the ISO week that `instant` falls in. */
export function dueInstant(instant: Date, timeZone: string, weekday: number, time: string): Date {
  return instantOf(addDays(mondayOfDay(dayIn(timeZone, instant)), weekday - 1), time, timeZone);
}

/** The instant a local wall-clock time happens on a local day (a skipped hour resolves forwards). */
export function instantOf(day: string, time: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime());
}

const holidaysSE = new Holidays('SE');
const daysOffByYear = new Map<number, Set<string>>();

/** Swedish days off. date-holidays marks Midsommarafton, julafton and nyårsafton as 'bank', not
 *  'public', but nobody works then either, so every type except 'observance' counts. */
export function isDayOff(day: string): boolean {
  const year = Number(day.slice(0, 4));
  let days = daysOffByYear.get(year);
  if (!days) {
    days = new Set(holidaysSE.getHolidays(year).filter((h) => h.type !== 'observance').map((h) => h.date.slice(0, 10)));
    daysOffByYear.set(year, days);
  }
  return days.has(day);
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const SWEDISH_WEEKDAYS = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'];

/** `fri`, `friday`, `fre`, `fredag` → 5; undefined when it is no weekday. */
export function parseWeekday(input: string): number | undefined {
  const lower = input.toLowerCase().slice(0, 3);
  const index = WEEKDAYS.indexOf(lower as (typeof WEEKDAYS)[number]);
  if (index >= 0) return index + 1;
  const sv = SWEDISH_WEEKDAYS.indexOf(lower);
  return sv >= 0 ? sv + 1 : undefined;
}

/** Strict 24-hour `HH:MM` (also `9:00`), normalised to two-digit hours. */
export function parseTime(input: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
  if (!match) return undefined;
  const [hh, mm] = [Number(match[1]), Number(match[2])];
  return hh < 24 && mm < 60 ? `${String(hh).padStart(2, '0')}:${match[2]}` : undefined;
}

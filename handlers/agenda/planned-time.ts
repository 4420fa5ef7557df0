// A planned meeting's day and hour in the programme's time zone, turned into an instant and back. The zone
// arithmetic is @date-fns/tz's (the zone database comes from Intl); what is ours is refusing an hour the
// spring-forward night skips, which TZDate would silently move an hour on, and one the autumn night has twice.
import { TZDate } from '@date-fns/tz';
import type { ArgType } from '../core/spec.js';
import { addDays, dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';

/** The instant `time` on `day` in `zone`, or a refusal when that wall-clock time does not exist there. */
export function instantOf(day: string, time: string, zone: string, example: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const local = new TZDate(year, month - 1, date, hours, minutes, 0, zone);
  if (local.getDate() !== date || local.getHours() !== hours || local.getMinutes() !== minutes) {
    throw new LoketError('plan.time_nonexistent', { date: day, time, zone }, example);
  }
  const instant = new Date(local.getTime());
  // The autumn night shows the hour after 02:00 twice. Which of the two a person meant cannot be told from
  // `tid:02:30`, and a meeting then is nearly always a typo: refused like the spring night's missing hour.
  const same = (other: Date) => { const w = wallClock(other, zone); return w.day === day && w.time === time; };
  if (same(new Date(instant.getTime() - HOUR_MS)) || same(new Date(instant.getTime() + HOUR_MS))) {
    throw new LoketError('plan.time_ambiguous', { date: day, time, zone }, example);
  }
  return instant;
}

const HOUR_MS = 3_600_000;

/** The day and `HH:MM` an instant shows in `zone`. */
export function wallClock(instant: Date, zone: string): { day: string; time: string } {
  const local = new TZDate(instant.getTime(), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: dayIn(zone, instant), time: `${pad(local.getHours())}:${pad(local.getMinutes())}` };
}

/** The instant as a zone-aware date, so a calendar file gets local time with its TZID, not the process's zone. */
export function zoned(instant: Date, zone: string): TZDate {
  return new TZDate(instant.getTime(), zone);
}

export const endOf = (startsAt: Date, minutes: number): Date => new Date(startsAt.getTime() + minutes * 60_000);

/** A date two weeks ahead, for examples in refusals: a planned meeting's example must lie in the future. */
export function futureDay(zone: string, now: Date, days = 14): string {
  return addDays(dayIn(zone, now), days);
}

const LENGTH = /^(?:(\d{1,2})\s*h(?:\s*(\d{1,2})\s*(?:m|min)?)?|(\d{1,4})\s*(?:m|min)?|(\d{1,2})[:.](\d{2}))$/i;

/** `length:` – minutes (`90`, `90min`), hours (`2h`), both (`1h30`) or `1:30`; 5 minutes to 24 hours. */
export const duration = (): ArgType<number> => ({
  name: 'word',
  placeholder: { sv: 'minuter|1h30', en: 'minutes|1h30' },
  parse: (value) => {
    const m = LENGTH.exec(value.trim());
    const minutes = !m ? NaN : m[1] !== undefined ? Number(m[1]) * 60 + Number(m[2] ?? 0) : m[3] !== undefined ? Number(m[3]) : Number(m[4]) * 60 + Number(m[5]);
    return minutes >= 5 && minutes <= 24 * 60 ? { ok: true, value: minutes } : { ok: false, problem: { code: 'plan.length_invalid', params: { value } } };
  },
});

/** `online:` – the meeting's web address; only http(s), so a calendar never carries a script link. */
export const meetingUrl = (): ArgType<string> => ({
  name: 'word',
  placeholder: { sv: 'https://…', en: 'https://…' },
  parse: (value) => {
    try {
      const url = new URL(value.trim());
      if (url.protocol === 'https:' || url.protocol === 'http:') return { ok: true, value: url.toString() };
    } catch {
      // falls through to the refusal
    }
    return { ok: false, problem: { code: 'plan.online_invalid', params: { value } } };
  },
});

// iCalendar (RFC 5545) for planned meetings and action due dates, written by ical-generator with the
// programme zone's VTIMEZONE. METHOD:PUBLISH: REQUEST/CANCEL are iTIP and need an organiser, attendees and
// mail; a move reaches people as a higher SEQUENCE, a cancel as STATUS:CANCELLED, under the same UID.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { zoned } from './planned-time.js';

export interface CalendarEntry {
  /** Stable across moves: the calendar replaces the event it already holds. */
  uid: string;
  sequence: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  cancelled?: boolean;
  /** A timed event; or `day` for an all-day entry (a due date). */
  start?: Date;
  end?: Date;
  day?: string;
  stamp: Date;
}

export function renderCalendar(input: { name: string; zone: string; entries: CalendarEntry[] }): string {
  const calendar = ical({
    name: input.name,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'LOKET', product: 'LOKET', language: 'SV' },
    // No calendar-wide zone name: ical-generator writes DTSTAMP in that zone without a TZID, and RFC 5545 wants
    // it in UTC. The events carry the zone; the generator still adds each event zone's VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const entry of input.entries) {
    const when = entry.day
      ? { start: dayStart(entry.day, input.zone), allDay: true }
      : { start: zoned(entry.start!, input.zone), end: zoned(entry.end!, input.zone), timezone: input.zone };
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      ...when,
      stamp: entry.stamp,
      summary: entry.summary,
      ...(entry.description ? { description: entry.description } : {}),
      ...(entry.location ? { location: entry.location } : {}),
      ...(entry.url ? { url: entry.url } : {}),
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

function dayStart(day: string, zone: string) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zoned(new Date(Date.UTC(y, m - 1, d, 12)), zone);
}

import { TZDate } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysOfWeek, dueInstant, isDayOff, isoWeekOf, isoWeekOfDay, parseTime, parseWeekday, previousWeek } from '../../../handlers/core/weeks.js';

describe('ISO weeks and due times', () => {
  it('every day between 1990 and 2100 gets the same ISO week as date-fns, and lies inside that week', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 11, 31) }), (ms) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        const zoned = new TZDate(`${day}T12:00:00Z`, 'UTC');
        const week = isoWeekOfDay(day);
        expect(week).toBe(`${getISOWeekYear(zoned)}-W${String(getISOWeek(zoned)).padStart(2, '0')}`);
        const { monday, sunday } = daysOfWeek(week);
        expect(monday <= day && day <= sunday).toBe(true);
      }),
    );
  });

  it('the year turns over by ISO rules: 2026-12-31 is 2026-W53 and 2027-01-04 is 2027-W01', () => {
    expect([isoWeekOfDay('2026-12-31'), isoWeekOfDay('2027-01-03'), isoWeekOfDay('2027-01-04')]).toEqual(['2026-W53', '2026-W53', '2027-W01']);
    expect(previousWeek('2027-W01')).toBe('2026-W53');
  });

  it('Friday 14:00 Stockholm is 13:00 UTC in winter and 12:00 UTC in summer, in the DST weeks too', () => {
    const zone = 'Europe/Stockholm';
    expect(dueInstant(new Date('2026-03-23T10:00:00Z'), zone, 5, '14:00').toISOString()).toBe('2026-03-27T13:00:00.000Z');
    expect(dueInstant(new Date('2026-03-29T10:00:00Z'), zone, 7, '14:00').toISOString()).toBe('2026-03-29T12:00:00.000Z');
    expect(dueInstant(new Date('2026-10-25T10:00:00Z'), zone, 7, '14:00').toISOString()).toBe('2026-10-25T13:00:00.000Z');
    // Sunday night in UTC is already Monday in Stockholm.
    expect(isoWeekOf(new Date('2026-03-08T23:30:00Z'), zone)).toBe('2026-W11');
  });

  it('Swedish days off include Midsommarafton, julafton and Juldagen but not observances like Lucia', () => {
    expect(['2026-06-19', '2026-12-24', '2026-12-25', '2026-12-31', '2026-04-03'].map(isDayOff)).toEqual([true, true, true, true, true]);
    expect(['2026-12-13', '2026-06-18', '2026-03-06'].map(isDayOff)).toEqual([false, false, false]);
  });

  it('days and times are read in English and Swedish, strictly', () => {
    expect(['fri', 'Friday', 'fre', 'fredag', 'sön', 'xyz'].map(parseWeekday)).toEqual([5, 5, 5, 5, 7, undefined]);
    expect(['9:00', '14:00', '24:00', '12:60', '1400'].map(parseTime)).toEqual(['09:00', '14:00', undefined, undefined, undefined]);
  });
});

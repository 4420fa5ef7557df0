import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, daysBetween, parseDay } from '../../../handlers/core/dates.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('parseDay', () => {
  it.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-05', '26-01-05', '2026-01-05T10:00', 'i morgon', '', '1899-12-31'])(
    'refuses %j',
    (input) => expect(parseDay(input)).toBeUndefined(),
  );

  it.each(['2024-02-29', '2026-12-31', '2026-03-02', ' 2026-03-02 '])('accepts %j', (input) => expect(parseDay(input)).toBe(input.trim()));

  it('accepts exactly the days that exist in the calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        expect(parseDay(text)).toBe(day <= daysInMonth ? text : undefined);
      }),
    );
  });
});

describe('dayIn', () => {
  it('is the calendar day in the zone, across midnight and daylight-saving changes', () => {
    expect(dayIn('Europe/Stockholm', new Date('2026-03-02T22:59:59Z'))).toBe('2026-03-02');
    expect(dayIn('Europe/Stockholm', new Date('2026-03-02T23:00:00Z'))).toBe('2026-03-03');
    // Summer time: midnight in Stockholm is 22:00 UTC.
    expect(dayIn('Europe/Stockholm', new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(dayIn('Europe/Stockholm', new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
    expect(dayIn('UTC', new Date('2026-03-02T23:00:00Z'))).toBe('2026-03-02');
  });
});

describe('day arithmetic', () => {
  it('counts whole days, also over the spring-forward night', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-02', '2026-02-02')).toBe(-28);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('addDays and daysBetween agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 200 }), fc.integer({ min: -1000, max: 1000 }), (offset, days) => {
        const start = addDays('1950-01-01', offset);
        expect(daysBetween(start, addDays(start, days))).toBe(days);
      }),
    );
  });
});

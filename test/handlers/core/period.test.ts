import { describe, expect, it } from 'vitest';
import { isoWeekOfDay, weeksBetween } from '../../../handlers/core/weeks.js';
import { quarterOf, readPeriod } from '../../../handlers/core/period.js';

describe('reporting periods', () => {
  it('the default period is the current quarter in the programme time zone, not in UTC', () => {
    // 22:30 UTC on 31 March is 00:30 on 1 April in Stockholm (summer time): already Q2.
    expect(readPeriod({}, 'Europe/Stockholm', new Date('2026-03-31T22:30:00Z'), 'status')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(readPeriod({}, 'UTC', new Date('2026-03-31T22:30:00Z'), 'status')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('quarters end on the right day, leap years included', () => {
    expect(quarterOf('2028-02-29')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterOf('2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2026-08-15')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('one end alone takes the other from its own quarter; an end before the start is refused', () => {
    const now = new Date('2026-05-10T10:00:00Z');
    expect(readPeriod({ from: '2026-01-01' }, 'Europe/Stockholm', now, 'status')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(readPeriod({ from: '2027-01-01' }, 'Europe/Stockholm', now, 'status')).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(readPeriod({ to: '2026-08-15' }, 'Europe/Stockholm', now, 'status')).toEqual({ from: '2026-07-01', to: '2026-08-15' });
    expect(() => readPeriod({ from: '2026-05-01', to: '2026-04-30' }, 'Europe/Stockholm', now, 'status')).toThrow('date.range_invalid');
    expect(() => readPeriod({ from: '2026-02-30' }, 'Europe/Stockholm', now, 'status')).toThrow('date.invalid');
  });
});

describe('ISO weeks', () => {
  it('numbers weeks as ISO 8601 does across year ends', () => {
    expect(isoWeekOfDay('2026-03-02')).toBe('2026-W10');
    expect(isoWeekOfDay('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOfDay('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOfDay('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOfDay('2024-12-30')).toBe('2025-W01');
  });

  it('counts whole weeks between two ISO weeks, also across a 53-week year', () => {
    expect(weeksBetween('2026-W10', '2026-W14')).toBe(4);
    expect(weeksBetween('2026-W52', '2027-W02')).toBe(3);
    expect(weeksBetween('2026-W10', '2026-W10')).toBe(0);
  });
});

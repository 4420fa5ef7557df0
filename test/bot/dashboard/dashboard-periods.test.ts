import { describe, expect, it } from 'vitest';
import { pointsOf, weeksOf } from '../../../handlers/dashboard/dashboard-data.js';

describe('the time axes of the web view', () => {
  it('a quarter has its ISO weeks, including the week the quarter starts in', () => {
    const weeks = weeksOf({ from: '2026-01-01', to: '2026-03-31' });
    expect(weeks[0]).toBe('2026-W01');
    expect(weeks.at(-1)).toBe('2026-W14');
    expect(weeks).toHaveLength(14);
    // 2021-01-01 is in ISO week 53 of 2020.
    expect(weeksOf({ from: '2021-01-01', to: '2021-01-10' })).toEqual(['2020-W53', '2021-W01']);
  });

  it('indicator points are month ends up to today, then the period end, which is what status counts', () => {
    expect(pointsOf({ from: '2026-01-01', to: '2026-03-31' }, '2026-03-31')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(pointsOf({ from: '2026-01-01', to: '2026-03-31' }, '2026-02-10')).toEqual(['2026-01-31', '2026-03-31']);
    expect(pointsOf({ from: '2026-02-10', to: '2026-02-20' }, '2026-03-01')).toEqual(['2026-02-20']);
  });

  it('past two years the points thin out to quarter ends, still ending on the period end', () => {
    const points = pointsOf({ from: '2024-01-01', to: '2026-12-31' }, '2027-01-01');
    expect(points.at(-1)).toBe('2026-12-31');
    expect(points.length).toBeLessThanOrEqual(13);
    expect(points.slice(0, -1).every((d) => ['03-31', '06-30', '09-30', '12-31'].includes(d.slice(5)))).toBe(true);
  });
});

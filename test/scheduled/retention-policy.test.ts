import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';
import type { OpenedDatabase } from '../../db/client.js';
import { and, eq } from 'drizzle-orm';
import { jobRuns } from '../../db/schema/index.js';
import { dueAt, dueCategories, retentionPolicy } from '../../db/retention-policy.js';
import { jobs, runJobOnce } from '../../scheduled/scheduler.js';
import { createTestClock, silentLogger } from '../support/test-core.js';
import { openTestDatabase } from '../support/test-database.js';

describe('retention policy configuration', () => {
  it('defaults to 5 years after the end for personal data and 0 for operational data, with no end date', () => {
    const { retention } = loadConfig({});
    expect(retention).toEqual({ programmeEnd: undefined, years: { profile: 5, meetings: 5, progress: 5, exchanges: 5, plans: 5, audit: 5, operational: 0 } });
    expect(dueCategories(retention!, new Date('2099-01-01'))).toEqual([]);
  });

  it('reads the end date, the default period and per-category overrides from the environment', () => {
    const { retention } = loadConfig({ LOKET_PROGRAMME_END: '2028-12-31', LOKET_RETENTION_YEARS_AFTER_END: '7', LOKET_RETENTION_CATEGORY_YEARS: 'audit:10, operational:1' });
    expect(retention).toEqual({ programmeEnd: '2028-12-31', years: { profile: 7, meetings: 7, progress: 7, exchanges: 7, plans: 7, audit: 10, operational: 1 } });
    expect(dueAt(retention!, 'profile')).toEqual(new Date('2036-01-01T00:00:00Z'));
    expect(dueCategories(retention!, new Date('2036-01-01T00:00:00Z'))).toEqual(['profile', 'meetings', 'progress', 'exchanges', 'plans', 'operational']);
  });

  it('refuses an unknown category, a bad number or a bad date, naming the variable', () => {
    expect(() => loadConfig({ LOKET_RETENTION_CATEGORY_YEARS: 'photos:3' })).toThrow(/LOKET_RETENTION_CATEGORY_YEARS: "photos:3" should look like audit:10/);
    expect(() => loadConfig({ LOKET_RETENTION_YEARS_AFTER_END: 'five' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOKET_PROGRAMME_END: '31/12/2028' })).toThrow(/LOKET_PROGRAMME_END/);
  });
});

describe('retention job scheduling', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase();
  });
  afterAll(async () => opened.close());

  it('is one of the scheduled jobs and runs once per day however many instances tick', async () => {
    const job = jobs.find((j) => j.name === 'retention')!;
    expect(job.cron).toBe('41 2 * * *');
    // A day no earlier run on a shared test database can have claimed.
    const clock = createTestClock(new Date(Date.UTC(2200 + randomInt(700), randomInt(12), 1 + randomInt(28), 1, 41)));
    const deps = { db: opened.db, clock, logger: silentLogger, timezone: 'Europe/Stockholm', privacy: { retention: retentionPolicy({}) } };
    expect(await runJobOnce(job, deps)).toEqual({ ran: true });
    expect(await runJobOnce(job, deps)).toEqual({ ran: false });
    const day = job.period(clock.now(), 'Europe/Stockholm');
    const [run] = await opened.db.select().from(jobRuns).where(and(eq(jobRuns.job, 'retention'), eq(jobRuns.period, day)));
    expect(run).toMatchObject({ status: 'done', target: 'programme' });
    clock.advance(86_400_000);
    expect(await runJobOnce(job, deps)).toEqual({ ran: true });
  });
});

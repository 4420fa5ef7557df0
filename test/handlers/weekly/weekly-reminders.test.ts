import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, jobRuns } from '../../../db/schema/index.js';
import { createFakeNotifier } from '../../support/fake-notifier.js';
import { openTestDatabase } from '../../support/test-database.js';
import { weeklyProgramme } from '../../support/weekly-fixture.js';
import { weeklyRunner } from '../../support/weekly-runner.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function setup(start = '2026-03-02T08:00:00Z') {
  const p = await weeklyProgramme(opened.db, { start: new Date(start) });
  const notifier = createFakeNotifier();
  const run = weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id);
  const at = async (instant: string) => {
    p.test.clock.set(new Date(instant));
    await run();
  };
  return { p, notifier, run, at };
}

describe('weekly prompt and reminder', () => {
  it('Thursday 09:00 Stockholm the leader gets one prompt with a button that opens the pre-filled form', async () => {
    const { notifier, at, run } = await setup();
    await at('2026-03-05T07:55:00Z');
    expect(notifier.sent).toEqual([]);
    await at('2026-03-05T08:00:00Z');
    await run();
    expect(notifier.to('UANNA')).toHaveLength(1);
    const [prompt] = notifier.to('UANNA');
    expect(prompt!.text).toContain('Dags för veckorapporten för Rymd (vecka 2026-W10)');
    expect(prompt!.reply.buttons).toEqual([{ label: 'Skriv veckorapport', command: 'progress cluster:Rymd', style: 'primary' }]);
  });

  it('Friday 09:00 a second reminder goes out only while the note is still missing', async () => {
    const { p, notifier, at } = await setup();
    await at('2026-03-06T08:05:00Z');
    expect(notifier.to('UANNA').map((m) => m.text)).toEqual([expect.stringContaining('Påminnelse: Rymd har ingen veckorapport för vecka 2026-W10')]);
    await p.as('UANNA', 'progress done: Klart');
    p.test.clock.set(new Date('2026-03-09T08:00:00Z'));
    await p.as('UANNA', 'progress done: Vecka elva');
    await at('2026-03-12T08:05:00Z');
    await at('2026-03-13T08:05:00Z');
    expect(notifier.to('UANNA')).toHaveLength(1);
  });

  it('no reminder on Midsommarafton, julafton or Juldagen, but on the ordinary Thursday before Midsommar', async () => {
    const { notifier, at } = await setup('2026-06-15T08:00:00Z');
    await at('2026-06-18T07:05:00Z');
    expect(notifier.sent).toHaveLength(1);
    await at('2026-06-19T07:05:00Z');
    expect(notifier.sent).toHaveLength(1);
    await at('2026-12-24T08:05:00Z');
    await at('2026-12-25T08:05:00Z');
    expect(notifier.sent).toHaveLength(1);
    await at('2026-12-26T08:05:00Z');
    expect(notifier.sent).toHaveLength(1);
  });

  it('no reminders during the summer break (weeks 28–31)', async () => {
    const { notifier, at } = await setup('2026-07-06T08:00:00Z');
    for (const day of ['2026-07-09', '2026-07-10', '2026-07-30', '2026-07-31']) await at(`${day}T07:05:00Z`);
    expect(notifier.sent).toEqual([]);
    await at('2026-08-06T07:05:00Z');
    expect(notifier.to('UANNA').map((m) => m.text)).toEqual([expect.stringContaining('vecka 2026-W32')]);
  });

  it('a leader who is away gets no reminders, and gets them again afterwards', async () => {
    const { p, notifier, at } = await setup();
    await p.as('UANNA', 'away 2026-03-05 2026-03-06');
    await at('2026-03-05T08:05:00Z');
    await at('2026-03-06T08:05:00Z');
    expect(notifier.sent).toEqual([]);
    await at('2026-03-12T08:05:00Z');
    expect(notifier.to('UANNA')).toHaveLength(1);
  });

  it('a reminder that certainly failed is sent on the next tick of the same day', async () => {
    const { p, notifier, at } = await setup();
    notifier.failNext('failed');
    await at('2026-03-05T08:05:00Z');
    expect(notifier.sent).toEqual([]);
    await at('2026-03-05T08:10:00Z');
    await at('2026-03-05T08:15:00Z');
    expect(notifier.to('UANNA')).toHaveLength(1);
    const [cluster] = await opened.db.select().from(clusters).where(eq(clusters.programmeId, p.test.programme.id));
    const rows = await opened.db.select().from(jobRuns).where(and(eq(jobRuns.job, 'weekly-prompt'), like(jobRuns.target, `${cluster!.id}:%`)));
    expect(rows.map((r) => [r.period, r.status])).toEqual([['2026-W10', 'done']]);
  });
});

describe('escalation after silent weeks', () => {
  it('after three silent weeks the PM is told once, gently; a new silent stretch after a note tells again', async () => {
    const { p, notifier, at } = await setup();
    for (const friday of ['2026-03-06', '2026-03-13', '2026-03-20']) await at(`${friday}T08:05:00Z`);
    expect(notifier.to('UPM')).toEqual([]);
    await at('2026-03-27T08:05:00Z');
    expect(notifier.to('UPM').map((m) => m.text)).toEqual(['Rymd har inte skickat någon veckorapport på 3 veckor (ledare: Anna). Kanske värt en vänlig fråga?']);
    await at('2026-04-10T07:05:00Z');
    expect(notifier.to('UPM')).toHaveLength(1);
    p.test.clock.set(new Date('2026-04-13T08:00:00Z'));
    await p.as('UANNA', 'progress done: Tillbaka');
    for (const friday of ['2026-04-24', '2026-05-01', '2026-05-08']) await at(`${friday}T07:05:00Z`);
    expect(notifier.to('UPM')).toHaveLength(1);
    await at('2026-05-15T07:05:00Z');
    expect(notifier.to('UPM')).toHaveLength(2);
  });

  it('weeks the leader was away do not count as silent', async () => {
    const { p, notifier, at } = await setup();
    await p.as('UANNA', 'away 2026-03-09 2026-03-13');
    await at('2026-03-27T08:05:00Z');
    expect(notifier.to('UPM')).toEqual([]);
    // 3 April 2026 is Good Friday, a day off: the PM hears of it the Friday after, once.
    await at('2026-04-03T07:05:00Z');
    expect(notifier.to('UPM')).toEqual([]);
    await at('2026-04-10T07:05:00Z');
    await at('2026-04-17T07:05:00Z');
    expect(notifier.to('UPM').map((m) => m.text)).toEqual([expect.stringContaining('på 4 veckor')]);
  });
});

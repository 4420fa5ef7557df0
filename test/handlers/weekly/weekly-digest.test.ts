import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { digestSubscriptions, jobRuns } from '../../../db/schema/index.js';
import { DIGEST_JOB } from '../../../handlers/weekly/weekly-digest.js';
import { createFakeNotifier } from '../../support/fake-notifier.js';
import { openTestDatabase, testDatabaseKind } from '../../support/test-database.js';
import { inChannel, weeklyProgramme } from '../../support/weekly-fixture.js';
import { weeklyRunner } from '../../support/weekly-runner.js';

let opened: OpenedDatabase;
let second: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
  // A second instance has its own connection to real Postgres; PGlite is one process, so it shares one.
  second = testDatabaseKind === 'postgres' ? await openTestDatabase() : opened;
});
afterAll(async () => {
  if (second !== opened) await second.close();
  await opened.close();
});

const MINUTE = 60_000;
const FRIDAY_1355 = new Date('2026-03-06T12:55:00Z');

async function subscribed(name = 'CDIGEST') {
  const channel = `${name}${randomUUID().slice(0, 6)}`;
  const p = await weeklyProgramme(opened.db, { start: new Date('2026-03-02T08:00:00Z') });
  await p.as('UPM', 'digest here', inChannel(channel));
  // With this week's note written, Friday's reminder stays quiet and only digests are sent.
  await p.as('UANNA', 'progress done: Workshop i Kiruna next: Vinnova');
  const notifier = createFakeNotifier();
  const runA = weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id);
  const runB = weeklyRunner(second.db, p.test.clock, notifier, p.test.programme.id);
  const runs = (channelId = channel) =>
    opened.db.select().from(jobRuns).where(and(eq(jobRuns.job, DIGEST_JOB), eq(jobRuns.target, `slack:${p.workspaceId}:${channelId}`)));
  return { p, notifier, runA, runB, runs, channel };
}

describe('weekly digest', () => {
  it('two scheduler instances post the digest once per channel per week, at Friday 14:00 Stockholm time', async () => {
    const { p, notifier, runA, runB, runs, channel } = await subscribed();
    p.test.clock.set(FRIDAY_1355);
    await Promise.all([runA(), runB()]);
    expect(notifier.sent).toEqual([]);
    for (let tick = 0; tick < 6; tick++) {
      p.test.clock.advance(5 * MINUTE);
      await Promise.all([runA(), runB()]);
    }
    expect(notifier.to(channel)).toHaveLength(1);
    expect(notifier.sent[0]!.text).toContain('Veckosammanfattning 2026-W10');
    expect(notifier.sent[0]!.text).toContain('Gjort: Workshop i Kiruna');
    const [run] = await runs();
    expect(run).toMatchObject({ period: '2026-W10', status: 'done', detail: JSON.stringify({ messageId: 'm1' }) });
    p.test.clock.set(new Date(FRIDAY_1355.getTime() + 7 * 24 * 60 * MINUTE + 10 * MINUTE));
    await Promise.all([runA(), runB()]);
    expect(notifier.to(channel)).toHaveLength(2);
    expect((await runs()).map((r) => r.period).sort()).toEqual(['2026-W10', '2026-W11']);
  });

  it('a post that certainly failed is retried on the next tick, and posted once', async () => {
    const { p, notifier, runA, runs, channel } = await subscribed();
    p.test.clock.set(new Date('2026-03-06T13:05:00Z'));
    notifier.failNext('failed');
    await runA();
    expect(notifier.sent).toEqual([]);
    expect((await runs())[0]).toMatchObject({ status: 'failed' });
    p.test.clock.advance(5 * MINUTE);
    await runA();
    await runA();
    expect(notifier.to(channel)).toHaveLength(1);
    expect((await runs())[0]).toMatchObject({ status: 'done' });
  });

  it('a post with an unknown outcome is marked unknown and not posted again', async () => {
    const { p, notifier, runA, runs, channel } = await subscribed();
    p.test.clock.set(new Date('2026-03-06T13:05:00Z'));
    notifier.failNext('unknown');
    await runA();
    p.test.clock.advance(5 * MINUTE);
    await runA();
    expect(notifier.sent).toEqual([]);
    expect((await runs())[0]).toMatchObject({ status: 'unknown' });
    // The project manager sees it in status, since LOKET will not post that week's digest again.
    const { text } = await p.as('UPM', 'status');
    expect(text).toContain('Veckosammanfattningar att kontrollera');
    expect(text).toContain(`Kanal ${channel}, vecka 2026-W10: LOKET avbröts medan sammanfattningen skickades`);
  });

  it('a claim whose process died mid-send is marked unknown on a later tick and never re-posted', async () => {
    const { p, notifier, runA, runs, channel } = await subscribed();
    p.test.clock.set(new Date('2026-03-06T13:05:00Z'));
    const repos = createRepositories(opened.db);
    await repos.weeklyRuns.claim({ job: DIGEST_JOB, target: `slack:${p.workspaceId}:${channel}`, period: '2026-W10' }, p.test.clock.now());
    p.test.clock.advance(20 * MINUTE);
    await runA();
    expect(notifier.sent).toEqual([]);
    expect((await runs())[0]).toMatchObject({ status: 'unknown', detail: 'process stopped while sending' });
  });

  it('a channel the bot was removed from is turned off, and the other channels still get their digest', async () => {
    const { p, notifier, runA, channel: gone1 } = await subscribed('CGONE');
    const other = `COTHER${randomUUID().slice(0, 6)}`;
    await p.as('UPM', 'digest here', inChannel(other));
    p.test.clock.set(new Date('2026-03-06T13:05:00Z'));
    notifier.failNext('gone');
    await runA();
    const rows = await opened.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, p.test.programme.id));
    const byChannel = Object.fromEntries(rows.map((r) => [r.channelId, [r.active, r.inactiveReason]]));
    const delivered = notifier.sent.map((m) => m.to);
    expect(delivered).toHaveLength(1);
    const gone = delivered[0] === gone1 ? other : gone1;
    expect(byChannel[gone]).toEqual([false, 'gone']);
    expect((await p.as('UPM', 'status')).text).toContain(`Kanal ${gone}: sammanfattningen är avstängd (gone)`);
  });

  it('each weekly digest is posted exactly once in the weeks of both daylight-saving switches', async () => {
    for (const [sunday, label] of [['2026-03-29', '2026-W13'], ['2026-10-25', '2026-W43']] as const) {
      const { p, notifier, runA, runB, channel } = await subscribed('CDST');
      // 02:30 on the switch Sunday: missing in March, twice in October.
      await p.as('UPM', 'digest here day:sun time:02:30', inChannel(channel));
      await p.as('UPM', 'digest here day:sun time:14:00', inChannel(`${channel}B`));
      p.test.clock.set(new Date(`${sunday}T00:00:00Z`));
      p.test.clock.advance(-2 * 60 * MINUTE);
      for (let tick = 0; tick < (28 * 60) / 10; tick++) {
        await Promise.all([runA(), runB()]);
        p.test.clock.advance(10 * MINUTE);
      }
      expect(notifier.to(channel).map((m) => m.text.split('\n')[0]), label).toEqual([`Veckosammanfattning ${label}`]);
      expect(notifier.to(`${channel}B`).map((m) => m.text.split('\n')[0]), label).toEqual([`Veckosammanfattning ${label}`]);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { jobRuns, plannedMeetings } from '../../../db/schema/index.js';
import { AGENDA_REMINDER_JOB } from '../../../handlers/agenda/agenda-reminder.js';
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

// Tuesday 10 March 2026: 08:55 and 09:05 in Stockholm (CET).
const TUESDAY_0855 = new Date('2026-03-10T07:55:00Z');
const TUESDAY_0905 = new Date('2026-03-10T08:05:00Z');

describe('the day-before agenda reminder', () => {
  it('two instances send the agenda once to each person concerned and each digest channel, from 09:00 the day before', async () => {
    const channel = `CAGENDA${randomUUID().slice(0, 6)}`;
    const p = await weeklyProgramme(opened.db, { start: new Date('2026-03-02T08:00:00Z') });
    await p.as('UPM', 'digest here', inChannel(channel));
    await p.as('UNILS', 'whoami');
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-11 time:10:00 place:Kiruna cluster:Rymd with:@Nils');
    await p.as('UANNA', 'meeting plan Senare date:2026-03-12 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan Inställt date:2026-03-11 time:13:00 cluster:Rymd');
    await p.as('UANNA', 'meeting cancel M3');
    await p.as('UPM', 'agenda M1 Budget för hösten');
    const notifier = createFakeNotifier();
    const runA = weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id);
    const runB = weeklyRunner(second.db, p.test.clock, notifier, p.test.programme.id);
    const reminders = () => notifier.sent.filter((m) => m.text.includes('I morgon'));

    p.test.clock.set(TUESDAY_0855);
    await Promise.all([runA(), runB()]);
    expect(reminders()).toEqual([]);
    p.test.clock.set(TUESDAY_0905);
    await Promise.all([runA(), runB()]);
    p.test.clock.advance(5 * 60_000);
    await Promise.all([runA(), runB()]);

    // Anna leads Rymd, Petra joined it, Nils is invited: one message each, and one in the channel.
    expect(reminders().map((m) => `${m.kind}:${m.to}`).sort()).toEqual([`channel:${channel}`, 'direct:UANNA', 'direct:UNILS', 'direct:UPM']);
    const [toNils] = notifier.to('UNILS');
    expect(toNils!.text).toContain('I morgon: M1 ”Klustermöte”');
    expect(toNils!.text).toContain('2026-03-11 kl. 10:00–11:00 · Kiruna. Dagordning:');
    expect(toNils!.text).toContain('1. Budget för hösten – Petra');
    expect(reminders().some((m) => m.text.includes('Senare') || m.text.includes('Inställt'))).toBe(false);
    const [m1] = await opened.db.select().from(plannedMeetings).where(and(eq(plannedMeetings.programmeId, p.test.programme.id), eq(plannedMeetings.number, 1)));
    const runs = await opened.db.select().from(jobRuns).where(and(eq(jobRuns.job, AGENDA_REMINDER_JOB), like(jobRuns.target, `%:${m1!.id}`)));
    expect(runs.map((r) => [r.period, r.status])).toEqual(Array(4).fill(['M1@2026-03-11', 'done']));
  });

  it('a meeting moved before the reminder goes out the day before its new date; moved after, once more for the newer date, never twice', async () => {
    const p = await weeklyProgramme(opened.db, { start: new Date('2026-03-02T08:00:00Z') });
    await p.as('UNILS', 'whoami');
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-11 time:10:00 cluster:Rymd with:@Nils');
    await p.as('UANNA', 'meeting move M1 date:2026-03-13');
    const notifier = createFakeNotifier();
    const runA = weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id);
    const runB = weeklyRunner(second.db, p.test.clock, notifier, p.test.programme.id);
    const toNils = () => notifier.to('UNILS').filter((m) => m.text.includes('I morgon'));

    // The old day before (Tuesday 10 March) sends nothing.
    p.test.clock.set(TUESDAY_0905);
    await Promise.all([runA(), runB()]);
    expect(toNils()).toEqual([]);
    // Thursday 12 March, 09:05 and later that morning: once, with the new date.
    p.test.clock.set(new Date('2026-03-12T08:05:00Z'));
    await Promise.all([runA(), runB()]);
    p.test.clock.advance(30 * 60_000);
    await Promise.all([runA(), runB()]);
    expect(toNils()).toHaveLength(1);
    expect(toNils()[0]!.text).toContain('2026-03-13 kl. 10:00–11:00');

    // Moved again after the reminder went out: the newer date's day before announces it once more.
    await p.as('UANNA', 'meeting move M1 date:2026-03-17');
    await Promise.all([runA(), runB()]);
    expect(toNils()).toHaveLength(1);
    p.test.clock.set(new Date('2026-03-16T08:05:00Z'));
    await Promise.all([runA(), runB()]);
    await Promise.all([runA(), runB()]);
    expect(toNils()).toHaveLength(2);
    expect(toNils()[1]!.text).toContain('2026-03-17 kl. 10:00–11:00');
    const [m1] = await opened.db.select().from(plannedMeetings).where(and(eq(plannedMeetings.programmeId, p.test.programme.id), eq(plannedMeetings.number, 1)));
    const runs = await opened.db.select().from(jobRuns).where(and(eq(jobRuns.job, AGENDA_REMINDER_JOB), like(jobRuns.target, `person:%:${m1!.id}`)));
    // Anna (leader), Petra (member) and Nils (invited): one claim each per announced day, and none for the 11th.
    expect(runs.map((r) => r.period).sort()).toEqual([...Array(3).fill('M1@2026-03-13'), ...Array(3).fill('M1@2026-03-17')]);
  });

  it('a participant away on the meeting day, or on the day the reminder goes out, is not reminded; the others and the channel are', async () => {
    const channel = `CAWAY${randomUUID().slice(0, 6)}`;
    const p = await weeklyProgramme(opened.db, { start: new Date('2026-03-02T08:00:00Z') });
    await p.as('UPM', 'digest here', inChannel(channel));
    await p.as('UNILS', 'whoami');
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-11 time:10:00 cluster:Rymd with:@Nils');
    // Nils is away on the meeting's day, Anna on the day before (when the reminder goes out), as the
    // other reminders respect `away`; Petra is here both days.
    await p.as('UNILS', 'away 2026-03-11');
    await p.as('UANNA', 'away 2026-03-09 2026-03-10');
    const notifier = createFakeNotifier();
    const run = weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id);
    p.test.clock.set(TUESDAY_0905);
    await run();
    await run();
    const reminders = notifier.sent.filter((m) => m.text.includes('I morgon'));
    expect(reminders.map((m) => `${m.kind}:${m.to}`).sort()).toEqual([`channel:${channel}`, 'direct:UPM']);
    const [m1] = await opened.db.select().from(plannedMeetings).where(and(eq(plannedMeetings.programmeId, p.test.programme.id), eq(plannedMeetings.number, 1)));
    const runs = await opened.db.select().from(jobRuns).where(and(eq(jobRuns.job, AGENDA_REMINDER_JOB), like(jobRuns.target, `person:%:${m1!.id}`)));
    expect(runs).toHaveLength(1);
  });
});

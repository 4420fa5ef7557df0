import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { monthsBefore } from '../../../handlers/assessment/assessment-reminder.js';
import { createFakeNotifier } from '../../support/fake-notifier.js';
import { meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';
import { weeklyRunner } from '../../support/weekly-runner.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const scores = 'struktur:3 styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3 strategi:2';
const remindersTo = (notifier: ReturnType<typeof createFakeNotifier>, userId: string) => notifier.to(userId).filter((m) => m.text.includes('sex månader'));

/** Rymd assessed on 2 March 2026, Skog on 1 June 2026. */
async function setup() {
  const p = await meetingProgramme(opened.db);
  await p.as('UANNA', `assess Rymd ${scores}`);
  p.test.clock.set(new Date('2026-06-01T08:00:00Z'));
  await p.as('UERIK', `assess Skog ${scores}`);
  const notifier = createFakeNotifier();
  return { p, notifier, run: weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id) };
}

describe('the six-month assessment reminder', () => {
  it('reminds the leader of a cluster assessed more than six months ago, once, with a button to the form', async () => {
    const { p, notifier, run } = await setup();
    p.test.clock.set(new Date('2026-08-27T07:05:00Z'));
    await run();
    expect(remindersTo(notifier, 'UANNA')).toEqual([]);
    p.test.clock.set(new Date('2026-09-03T07:05:00Z'));
    await run();
    await run();
    p.test.clock.set(new Date('2026-09-10T07:05:00Z'));
    await run();
    const sent = remindersTo(notifier, 'UANNA');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('Det är mer än sex månader sedan Rymd skattades senast (2026-03-02).');
    expect(sent[0]!.reply.buttons).toEqual([{ label: 'Självskattning', command: 'assess Rymd', style: 'primary' }]);
    expect(remindersTo(notifier, 'UERIK')).toEqual([]);
  });

  it('waits while the leader is away and on a Swedish day off, then reminds on the next prompt day', async () => {
    const { p, notifier, run } = await setup();
    await p.as('UANNA', 'away 2026-09-01 2026-09-04');
    p.test.clock.set(new Date('2026-09-03T07:05:00Z'));
    await run();
    expect(remindersTo(notifier, 'UANNA')).toEqual([]);
    // Ascension Day 2027 is a Thursday; a new assessment would have stopped the reminder, none came.
    p.test.clock.set(new Date('2027-05-06T07:05:00Z'));
    await run();
    expect(remindersTo(notifier, 'UANNA')).toEqual([]);
    p.test.clock.set(new Date('2027-05-13T07:05:00Z'));
    await run();
    expect(remindersTo(notifier, 'UANNA')).toHaveLength(1);
  });

  it('counts six calendar months back, also from the end of a month', () => {
    expect(monthsBefore('2026-09-03', 6)).toBe('2026-03-03');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2028-08-31', 6)).toBe('2028-02-29');
  });
});

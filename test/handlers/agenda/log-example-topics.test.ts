// The examples around logging a planned meeting carry a topic the agenda has, so they work as written.
// Found playing a programme's week in the console: under a meeting with one topic, `agenda M9` and the
// refusal of `möte logga M9` before its day both suggested `möte logga M9 bordlägg:2`, which is refused
// («Dagordningen för M9 har inga punkter 2»).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('logging a planned meeting: the examples', () => {
  it('name the last topic of the agenda, and the suggested command is accepted on the day', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode(await p.as('UANNA', 'möte planera Mässplanering datum:2026-03-10 tid:09:00 kluster:Rymd'))).toBeUndefined();
    const agenda = await p.as('UANNA', 'agenda M1 Monterplats & «budget»');
    expect(agenda.text).toContain('utom de du bordlägger: `möte logga M1 bordlägg:1`.');
    const early = await p.as('UANNA', 'möte logga M1');
    expect(errorCode(early)).toBe('plan.too_early');
    // Each line its own span: a code span may not cross a line break in Slack or Teams.
    expect(early.text).toContain('Exempel: `möte logga M1 bordlägg:1`\n`beslut: …`');
    const wrong = await p.as('UANNA', 'möte logga M1 bordlägg:3');
    expect(errorCode(wrong)).toBe('plan.too_early');
    expect(await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id))).toEqual([]);

    p.test.clock.set(new Date('2026-03-10T12:00:00Z'));
    const invalid = await p.as('UANNA', 'möte logga M1 bordlägg:3');
    expect(errorCode(invalid)).toBe('agenda.carry_invalid');
    expect(invalid.text).toContain('Exempel: `möte logga M1 bordlägg:1`\n`beslut: …`');
    expect(await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id))).toEqual([]);
    const logged = await p.as('UANNA', 'möte logga M1 bordlägg:1\nbeslut: Vi ställer ut');
    expect(errorCode(logged)).toBeUndefined();
    expect((await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id))).map((m) => m.title)).toEqual(['Mässplanering']);
  });

  it('in English too', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    await p.as('UANNA', 'meeting plan Fair date:2026-03-10 time:09:00 cluster:Rymd');
    await p.as('UANNA', 'agenda M1 Stand');
    await p.as('UANNA', 'agenda M1 Budget');
    const agenda = await p.as('UANNA', 'agenda M1 Travel');
    expect(agenda.text).toContain('except those you carry forward: `meeting log M1 carry:3`.');
    expect((await p.as('UANNA', 'meeting log M1')).text).toContain('Example: `meeting log M1 carry:3`\n`decision: …`');
  });
});

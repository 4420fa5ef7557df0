import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { agendaTopics, plannedMeetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const topicsOf = async (programmeId: string, number: number) => {
  const [planned] = await opened.db.select().from(plannedMeetings).where(eq(plannedMeetings.programmeId, programmeId)).then((rows) => rows.filter((r) => r.number === number));
  return opened.db.select().from(agendaTopics).where(eq(agendaTopics.plannedMeetingId, planned!.id)).orderBy(agendaTopics.position);
};

describe('agenda', () => {
  it('members of the cluster and the project manager build the agenda together; it shows who added what', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-18 time:10:00 cluster:Rymd');
    expect((await p.as('UOLLE', 'agenda M1')).text).toContain('Ingen punkt ännu');
    expect((await p.as('UNILS', 'agenda M1 Budget för hösten')).text).toContain('Punkt 1 ”Budget för hösten” står på dagordningen för M1');
    await p.as('UPM', 'dagordning M1 Rapport till Vinnova');
    const { text } = await p.as('UOLLE', 'agenda M1');
    expect(text).toContain('Dagordning för M1 ”Klustermöte”');
    expect(text).toContain('1. Budget för hösten – Nils');
    expect(text).toContain('2. Rapport till Vinnova – Petra');
    // Erik leads Skog, not Rymd; Olle is in no cluster.
    const refused = await p.as('UERIK', 'agenda M1 Skogens fråga');
    expect(errorCode(refused)).toBe('agenda.not_allowed');
    expect(refused.text).toContain('medlemmar i mötets kluster (Rymd)');
    expect(errorCode(await p.as('UOLLE', 'agenda M1 Min fråga'))).toBe('agenda.not_allowed');
    expect((await topicsOf(p.test.programme.id, 1)).map((t) => [t.position, t.text, t.outcome])).toEqual([[1, 'Budget för hösten', null], [2, 'Rapport till Vinnova', null]]);
    expect((await p.as('UOLLE', 'meetings upcoming')).text).toContain('2 punkter');
  });

  it('on logging, topics are discussed unless carried; carried ones go to the next planned meeting of the same cluster and kind', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Mars date:2026-03-18 time:10:00 cluster:Rymd');
    await p.as('UERIK', 'meeting plan "Skog mars" date:2026-03-25 time:10:00 cluster:Skog');
    await p.as('UPM', 'meeting plan "Rymd nätverk" date:2026-03-26 time:10:00 cluster:Rymd kind:network');
    await p.as('UANNA', 'meeting plan April date:2026-04-15 time:10:00 cluster:Rymd');
    for (const topic of ['Budget', 'Testbädd', 'Rekrytering']) await p.as('UNILS', `agenda M1 ${topic}`);
    p.test.clock.set(new Date('2026-03-18T12:00:00Z'));
    expect(errorCode(await p.as('UANNA', 'meeting log M1 carry:4'))).toBe('agenda.carry_invalid');
    const { text } = await p.as('UANNA', 'meeting log M1 bordlägg:2,3\ndecision: Budgeten godkänd');
    expect(text).toContain('1 punkt behandlad.');
    expect(text).toContain('2 punkter bordlagda till M4.');
    expect((await topicsOf(p.test.programme.id, 1)).map((t) => t.outcome)).toEqual(['discussed', 'carried', 'carried']);
    const next = await topicsOf(p.test.programme.id, 4);
    expect(next.map((t) => t.text)).toEqual(['Testbädd', 'Rekrytering']);
    expect(next.every((t) => t.carriedFromId !== null)).toBe(true);
    // Another cluster's meeting and another kind of meeting of the same cluster get nothing.
    expect(await topicsOf(p.test.programme.id, 2)).toHaveLength(0);
    expect(await topicsOf(p.test.programme.id, 3)).toHaveLength(0);
    const agenda = (await p.as('UOLLE', 'agenda M4')).text;
    expect(agenda).toContain('1. Testbädd – Nils (bordlagd från M1)');
    const logged = (await p.as('UOLLE', 'agenda M1')).text;
    expect(logged).toContain('1. Budget – Nils ✓ behandlad');
    expect(logged).toContain('2. Testbädd – Nils → bordlagd');
  });

  it('a carried topic with no next meeting planned waits, and lands on the next one planned, once', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Mars date:2026-03-18 time:10:00 cluster:Rymd');
    await p.as('UDANA', 'agenda M1 Lokalfrågan');
    p.test.clock.set(new Date('2026-03-18T12:00:00Z'));
    await p.as('UANNA', 'profile lang:en');
    expect((await p.as('UANNA', 'meeting log M1 carry:1')).text).toContain('1 topic carried forward; it goes on the next cluster meeting planned.');
    const planned = await p.as('UANNA', 'meeting plan April date:2026-04-15 time:10:00 cluster:Rymd');
    expect(planned.text).toContain('1 topic carried forward from the last meeting is already on the agenda.');
    await p.as('UANNA', 'meeting plan Maj date:2026-05-13 time:10:00 cluster:Rymd');
    expect((await topicsOf(p.test.programme.id, 2)).map((t) => t.text)).toEqual(['Lokalfrågan']);
    expect(await topicsOf(p.test.programme.id, 3)).toHaveLength(0);
  });

  it('a long agenda fits a screen and names where the whole of it is', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Heldag date:2026-03-18 time:09:00 cluster:Rymd');
    for (let i = 1; i <= 22; i++) await p.as('UPM', `agenda M1 Punkt nummer ${i}`);
    const { text } = await p.as('UOLLE', 'agenda M1');
    expect(text.split('\n').length).toBeLessThanOrEqual(25);
    expect(text).toContain('18. Punkt nummer 18 – Petra');
    expect(text).toContain('… och 4 till: `möte inbjudan M1`');
    expect(await topicsOf(p.test.programme.id, 1)).toHaveLength(22);
  });
});

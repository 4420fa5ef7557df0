import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { agendaTopics, meetings, plannedMeetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// The test clock starts on Monday 2 March 2026, 10:00 in Stockholm.
const plannedOf = (programmeId: string) => opened.db.select().from(plannedMeetings).where(eq(plannedMeetings.programmeId, programmeId)).orderBy(plannedMeetings.number);
const meetingsOf = (programmeId: string) => opened.db.select().from(meetings).where(eq(meetings.programmeId, programmeId));
const topicsOf = async (programmeId: string, number: number) => {
  const planned = (await plannedOf(programmeId)).find((r) => r.number === number);
  return opened.db.select().from(agendaTopics).where(eq(agendaTopics.plannedMeetingId, planned!.id)).orderBy(agendaTopics.position);
};
/** The reply without its buttons (their commands are run, not read). */
const prose = (text: string) => text.split('\n').filter((line) => !line.startsWith('[')).join('\n');

describe('logging a meeting with a day after today', () => {
  it('`möte planer` (a typo of `möte planera`) is refused with the planning command suggested, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const refused = await p.as('UANNA', 'möte planer "Ledarträff" datum:2026-03-20');
    expect(errorCode(refused)).toBe('meeting.date_future');
    expect(refused.text).toContain('2026-03-20 ligger efter i dag (2026-03-02)');
    expect(refused.text).toContain('Menade du `möte planera "Ledarträff" datum:2026-03-20 tid:10:00`?');
    // A title that starts with a word like «Planering» keeps it in the suggestion.
    const titled = await p.as('UANNA', 'möte "Planering inför hösten" datum:2026-03-20');
    expect(titled.text).toContain('Menade du `möte planera "Planering inför hösten" datum:2026-03-20 tid:10:00`?');
    expect(await meetingsOf(p.test.programme.id)).toHaveLength(0);
    expect(await plannedOf(p.test.programme.id)).toHaveLength(0);

    await p.as('UANNA', 'profile lang:en');
    const english = await p.as('UANNA', 'meeting Review date:2026-03-03 cluster:Rymd');
    expect(errorCode(english)).toBe('meeting.date_future');
    expect(english.text).toContain('Did you mean `meeting plan "Review" date:2026-03-03 time:10:00`?');
    expect(await meetingsOf(p.test.programme.id)).toHaveLength(0);
    // Today and earlier days are logged as before.
    expect((await p.as('UANNA', 'meeting Review date:2026-03-02 cluster:Rymd')).text).toContain('Meeting M1 is saved');
    expect((await meetingsOf(p.test.programme.id)).map((m) => m.heldOn)).toEqual(['2026-03-02']);
  });
});

describe('cancelling a planned meeting', () => {
  it('carries its agenda, the topics carried onto it included, on to the next planned meeting of the same cluster and kind', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Mars date:2026-03-18 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan April date:2026-04-15 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan "Rymd nätverk" date:2026-04-20 time:10:00 cluster:Rymd kind:network');
    await p.as('UANNA', 'meeting plan Maj date:2026-05-13 time:10:00 cluster:Rymd');
    await p.as('UNILS', 'agenda M1 Lokalfrågan');
    p.test.clock.set(new Date('2026-03-18T12:00:00Z'));
    await p.as('UANNA', 'meeting log M1 carry:1');
    await p.as('UDANA', 'agenda M2 Budget');
    expect((await topicsOf(p.test.programme.id, 2)).map((t) => t.text)).toEqual(['Lokalfrågan', 'Budget']);

    const { text } = await p.as('UANNA', 'möte ställ-in M2');
    expect(text).toContain('Mötet M2 är inställt');
    expect(text).toContain('Dagordningens 2 punkter flyttas till M4.');
    expect((await topicsOf(p.test.programme.id, 2)).map((t) => t.outcome)).toEqual(['carried', 'carried']);
    const may = await topicsOf(p.test.programme.id, 4);
    expect(may.map((t) => t.text)).toEqual(['Lokalfrågan', 'Budget']);
    expect(may.every((t) => t.carriedFromId !== null)).toBe(true);
    // The network meeting of the same cluster is another series.
    expect(await topicsOf(p.test.programme.id, 3)).toHaveLength(0);
    expect((await p.as('UOLLE', 'agenda M4')).text).toContain('1. Lokalfrågan – Nils (bordlagd från M2)');
  });

  it('with no next meeting planned its topics wait, and land once on the next one planned', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Mars date:2026-03-18 time:10:00 cluster:Rymd');
    await p.as('UNILS', 'agenda M1 Lokalfrågan');
    await p.as('UANNA', 'profile lang:en');
    expect((await p.as('UANNA', 'meeting cancel M1')).text).toContain('Its agenda topic waits for the next cluster meeting planned.');
    expect((await p.as('UANNA', 'meeting plan April date:2026-04-15 time:10:00 cluster:Rymd')).text).toContain('1 topic carried forward from the last meeting is already on the agenda.');
    await p.as('UANNA', 'meeting plan Maj date:2026-05-13 time:10:00 cluster:Rymd');
    expect((await topicsOf(p.test.programme.id, 2)).map((t) => t.text)).toEqual(['Lokalfrågan']);
    expect(await topicsOf(p.test.programme.id, 3)).toHaveLength(0);
  });
});

describe('the autumn DST night', () => {
  it('a time that occurs twice is refused, nothing stored; the hour after is taken, and the spring night still refuses its missing time', async () => {
    const p = await meetingProgramme(opened.db);
    const twice = await p.as('UANNA', 'möte planera Nattmöte datum:2026-10-25 tid:02:30 kluster:Rymd');
    expect(errorCode(twice)).toBe('plan.time_ambiguous');
    expect(twice.text).toContain('Klockan 02:30 den 2026-10-25 finns två gånger i Europe/Stockholm');
    expect(errorCode(await p.as('UANNA', 'meeting plan Nattmöte date:2026-10-25 time:02:00 cluster:Rymd'))).toBe('plan.time_ambiguous');
    expect(errorCode(await p.as('UANNA', 'meeting plan Vår date:2026-03-29 time:02:30 cluster:Rymd'))).toBe('plan.time_nonexistent');
    expect(await plannedOf(p.test.programme.id)).toHaveLength(0);

    await p.as('UANNA', 'meeting plan Morgon date:2026-10-25 time:03:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan Kväll date:2026-10-24 time:02:30 cluster:Rymd');
    const moved = await p.as('UANNA', 'meeting move M1 time:02:15');
    expect(errorCode(moved)).toBe('plan.time_ambiguous');
    // 03:00 that night is winter time (UTC+1); 02:30 the night before is summer time (UTC+2).
    expect((await plannedOf(p.test.programme.id)).map((r) => r.startsAt.toISOString())).toEqual(['2026-10-25T02:00:00.000Z', '2026-10-24T00:30:00.000Z']);
  });
});

describe('Swedish words in the planning commands', () => {
  it('refusals and hints show Swedish verbs and keys, and an example date ahead of today, also when the binder refuses', async () => {
    const p = await meetingProgramme(opened.db);
    // A day after the command's own example date in its declaration: the example must move with the clock.
    p.test.clock.set(new Date('2027-06-01T08:00:00Z'));
    const english = /`(?:meeting|meetings|calendar)\b|\b(?:date|time|length|carry|decision|cluster|kind):/;
    const replies = [
      await p.as('UANNA', 'möte planera Lång datum:2027-06-20 tid:10:00 längd:länge kluster:Rymd'),
      await p.as('UANNA', 'möte planera Fel datum:2027-06-20 tid:25:00 kluster:Rymd'),
      await p.as('UANNA', 'möte planera Igår datum:2027-05-01 tid:10:00 kluster:Rymd'),
      await p.as('UANNA', 'möte planera Klustermöte datum:2027-06-20 tid:10:00 kluster:Rymd'),
      await p.as('UANNA', 'möte flytta M1 tid:25:00'),
      await p.as('UANNA', 'möte flytta M1'),
      await p.as('UANNA', 'möte logga M1'),
      await p.as('UOLLE', 'agenda M1'),
      await p.as('UNILS', 'agenda M1 Budget'),
      await p.as('UOLLE', 'möten kommande'),
      await p.as('UOLLE', 'möten kommande Månen'),
      await p.as('UOLLE', 'agenda M7'),
    ];
    for (const { text } of replies) {
      expect(prose(text)).not.toMatch(english);
      for (const [, day] of text.matchAll(/datum:(\d{4}-\d{2}-\d{2}) tid:/g)) expect(day! > '2027-06-01').toBe(true);
    }
    expect(replies[3]!.text).toContain('`möte inbjudan M1`');
    expect(replies[3]!.text).toContain('`möte logga M1`');
    // M1 has no topics yet: the example carries none, since `bordlägg:2` would itself be refused.
    expect(replies[6]!.text).toContain('Exempel: `möte logga M1`\n`beslut: …`');
    expect(replies[9]!.text).toContain('Kommande möten (1)');
    // The binder's refusal shows the declared example with its day moved ahead of today.
    expect(replies[0]!.text).toMatch(/Exempel: `möte planera "Ledarträff våren" datum:2027-06-15 tid:10:00/);
    p.test.clock.set(new Date('2027-06-20T12:00:00Z'));
    await p.as('UANNA', 'möte logga M1');
    expect(errorCode(await p.as('UANNA', 'möte ställ-in M1'))).toBe('plan.already_logged');
    expect(prose((await p.as('UANNA', 'möte ställ-in M1')).text)).toContain('`möte visa M1`');
  });
});

describe('planned meetings in search', () => {
  it('a planned meeting is found with a «planerat» mark; once logged it is found as the meeting, once', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan "Testbädd i Kiruna" date:2026-03-18 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan Avbokat date:2026-03-19 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting cancel M2');
    const found = await p.as('UOLLE', 'search testbädd');
    expect(found.text).toContain('Träffar för ”testbädd” (1)');
    expect(found.text).toContain('Möte M1 (planerat) · 2026-03-18 · Rymd – *Testbädd* i Kiruna');
    expect((await p.as('UOLLE', 'search avbokat')).text).toContain('Inga träffar');
    // Not an activity: still no meeting row, and the history is empty.
    expect(await meetingsOf(p.test.programme.id)).toHaveLength(0);
    expect((await p.as('UOLLE', 'meetings')).text).toContain('Inga möten');

    p.test.clock.set(new Date('2026-03-18T12:00:00Z'));
    await p.as('UANNA', 'meeting log M1');
    const logged = await p.as('UOLLE', 'search testbädd');
    expect(logged.text).toContain('Träffar för ”testbädd” (1)');
    expect(logged.text).toContain('Möte M1 · 2026-03-18 · Rymd');
    expect(logged.text).not.toContain('planerat');
    expect(await meetingsOf(p.test.programme.id)).toHaveLength(1);
  });
});

describe('quotes in titles and topics', () => {
  it('an escaped quote, «» and “” are stored as typed, never glued to the next argument; an unclosed quote is refused', async () => {
    const p = await meetingProgramme(opened.db);
    const escaped = await p.as('UANNA', 'meeting plan "Ledarträff \\"våren\\"" date:2026-03-18 time:10:00 cluster:Rymd');
    expect(escaped.text).toContain('Titel: Ledarträff "våren"');
    expect(escaped.text).toContain('När: 2026-03-18 kl. 10:00–11:00');
    await p.as('UANNA', 'möte planera «Ledarträff hösten» datum:2026-03-19 tid:10:00 kluster:Rymd');
    await p.as('UANNA', 'möte planera Om “Rymd” och «Skog» datum:2026-03-20 tid:10:00 kluster:Rymd');
    const unclosed = await p.as('UANNA', 'möte planera Ledarträff "våren datum:2026-03-21 tid:10:00 kluster:Rymd');
    expect(errorCode(unclosed)).toBe('plan.quote_unclosed');
    expect(unclosed.text).toContain('Citattecknet i ”"våren” stängs aldrig');
    const rows = await plannedOf(p.test.programme.id);
    expect(rows.map((r) => [r.title, r.startsAt.toISOString()])).toEqual([
      ['Ledarträff "våren"', '2026-03-18T09:00:00.000Z'],
      ['Ledarträff hösten', '2026-03-19T09:00:00.000Z'],
      ['Om “Rymd” och «Skog»', '2026-03-20T09:00:00.000Z'],
    ]);

    for (const topic of ['Vad betyder \\"öppen\\" data?', 'Vad betyder “öppen” data? Och "stängd"', 'Vi säger "hej', '"Budget"', 'Tema «Rymd»']) await p.as('UNILS', `agenda M1 ${topic}`);
    expect((await topicsOf(p.test.programme.id, 1)).map((t) => t.text)).toEqual(['Vad betyder "öppen" data?', 'Vad betyder “öppen” data? Och "stängd"', 'Vi säger "hej', 'Budget', 'Tema «Rymd»']);
    expect((await p.as('UOLLE', 'agenda M1')).text).toContain('1. Vad betyder "öppen" data? – Nils');
  });
});

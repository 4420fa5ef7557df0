import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { agendaTopics, meetings, plannedMeetingClusters, plannedMeetingInvitees, plannedMeetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// The test clock starts on Monday 2 March 2026, 10:00 in Stockholm.
const plan = 'meeting plan "Ledarträff våren" date:2026-03-18 time:10:00 length:90 place:Luleå cluster:Rymd kind:network with:@Nils';

const plannedOf = (programmeId: string) => opened.db.select().from(plannedMeetings).where(eq(plannedMeetings.programmeId, programmeId)).orderBy(plannedMeetings.number);
const meetingsOf = (programmeId: string) => opened.db.select().from(meetings).where(eq(meetings.programmeId, programmeId));

describe('meeting plan', () => {
  it('a leader plans a meeting: the reply shows its id and local time, and the row holds the instant, not a logged meeting', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UANNA', plan);
    expect(text).toContain('Mötet M1 är planerat');
    expect(text).toContain('När: 2026-03-18 kl. 10:00–11:30');
    expect(text).toContain('Var: Luleå');
    expect(text).toContain('Typ: nätverksmöte för klusterledare');
    expect(text).toContain('Inbjudna: 1');
    const [row] = await plannedOf(p.test.programme.id);
    // 10:00 in Stockholm in March (CET, UTC+1) is 09:00 UTC.
    expect(row).toMatchObject({ number: 1, title: 'Ledarträff våren', durationMinutes: 90, place: 'Luleå', kind: 'network', status: 'planned', sequence: 0, meetingId: null });
    expect(row!.startsAt.toISOString()).toBe('2026-03-18T09:00:00.000Z');
    expect(await opened.db.select().from(plannedMeetingClusters).where(eq(plannedMeetingClusters.plannedMeetingId, row!.id))).toHaveLength(1);
    expect(await opened.db.select().from(plannedMeetingInvitees).where(eq(plannedMeetingInvitees.plannedMeetingId, row!.id))).toHaveLength(1);
    // Not an activity until it is logged: no meetings row, and `meetings` (history) is empty.
    expect(await meetingsOf(p.test.programme.id)).toHaveLength(0);
    expect((await p.as('UANNA', 'meetings')).text).toContain('Inga möten');
  });

  it('Swedish keys work, and a meeting logged afterwards takes the next number from the same series', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UANNA', 'möte planera Avstämning datum:2026-04-01 tid:14.30 längd:1h kluster:Rymd länk:https://meet.example.org/rymd');
    expect(text).toContain('När: 2026-04-01 kl. 14:30–15:30');
    expect(text).toContain('Länk: https://meet.example.org/rymd');
    const [row] = await plannedOf(p.test.programme.id);
    // 1 April is summer time (UTC+2).
    expect(row!.startsAt.toISOString()).toBe('2026-04-01T12:30:00.000Z');
    expect((await p.as('UANNA', 'meeting Styrgrupp cluster:Rymd')).text).toContain('Mötet M2 är sparat');
  });

  it('meetings upcoming lists planned meetings soonest first, and not cancelled ones', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Senare date:2026-05-05 time:09:00 cluster:Rymd');
    await p.as('UANNA', plan);
    await p.as('UERIK', 'meeting plan Skogsdag date:2026-04-02 time:09:00 cluster:Skog');
    await p.as('UERIK', 'meeting cancel M3');
    const { text } = await p.as('UOLLE', 'meetings upcoming');
    expect(text).toContain('Kommande möten (2)');
    expect(text.indexOf('M2')).toBeLessThan(text.indexOf('M1'));
    expect(text).toContain('M2 · 2026-03-18 kl. 10:00–11:30 · Ledarträff våren · nätverksmöte för klusterledare · Rymd · inga punkter än');
    expect(text).not.toContain('Skogsdag');
    expect((await p.as('UOLLE', 'meetings upcoming Skog')).text).toContain('Inga planerade möten');
  });

  const refusals = [
    { what: 'a time that does not exist on the spring DST night', text: 'meeting plan Nattmöte date:2026-03-29 time:02:30 cluster:Rymd', code: 'plan.time_nonexistent', says: 'Klockan 02:30 den 2026-03-29 finns inte i Europe/Stockholm' },
    { what: 'a meeting in the past', text: 'meeting plan Igår date:2026-03-01 time:10:00 cluster:Rymd', code: 'plan.in_past', says: '2026-03-01 10:00 har redan varit' },
    { what: 'earlier today', text: 'meeting plan Morgon date:2026-03-02 time:08:00 cluster:Rymd', code: 'plan.in_past', says: 'har redan varit' },
    { what: 'no time', text: 'meeting plan Utan date:2026-03-20 cluster:Rymd', code: 'plan.time_missing', says: 'behöver en dag och en starttid' },
    { what: 'a length that is not one', text: 'meeting plan Lång date:2026-03-20 time:10:00 length:länge cluster:Rymd', code: 'plan.length_invalid', says: '”länge” är ingen längd' },
    { what: 'a link that is not one', text: 'meeting plan Länk date:2026-03-20 time:10:00 online:javascript:alert(1) cluster:Rymd', code: 'plan.online_invalid', says: 'är ingen länk' },
    { what: 'a cluster that is not theirs', text: 'meeting plan Skogsmöte date:2026-03-20 time:10:00 cluster:Skog', code: 'meeting.cluster_not_allowed', says: 'Skog' },
  ];
  // One programme for every refusal: nothing may be stored by any of them, so none sees another's rows.
  let shared: Awaited<ReturnType<typeof meetingProgramme>> | undefined;
  for (const r of refusals) {
    it(`${r.what} is refused with a future example, and nothing is stored`, async () => {
      const p = (shared ??= await meetingProgramme(opened.db));
      const { outcome, text } = await p.as('UANNA', r.text);
      expect(errorCode(outcome)).toBe(r.code);
      expect(text).toContain(r.says);
      // The example shows a day ahead of the test clock's 2026-03-02 (two weeks ahead when the handler refuses).
      const day = /datum:(\d{4}-\d{2}-\d{2}) tid:/.exec(text)?.[1];
      expect(day! > '2026-03-02').toBe(true);
      expect(await plannedOf(p.test.programme.id)).toHaveLength(0);
    });
  }

  it('a member may not plan meetings', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode(await p.as('UNILS', plan))).toBe('permission.denied');
    expect(await plannedOf(p.test.programme.id)).toHaveLength(0);
  });
});

describe('meeting move and cancel', () => {
  it('a move changes the time and bumps the calendar sequence; the project manager may move it too', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', plan);
    const { text } = await p.as('UANNA', 'meeting move M1 date:2026-03-19 time:13:00');
    expect(text).toContain('Mötet M1 är flyttat');
    expect(text).toContain('När: 2026-03-19 kl. 13:00–14:30');
    expect((await p.as('UPM', 'möte flytta M1 längd:2h')).text).toContain('kl. 13:00–15:00');
    const [row] = await plannedOf(p.test.programme.id);
    expect(row).toMatchObject({ sequence: 2, durationMinutes: 120 });
    expect(row!.startsAt.toISOString()).toBe('2026-03-19T12:00:00.000Z');
  });

  it('a leader of another cluster cannot move or cancel it, and moving into the past or a DST gap is refused', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', plan);
    expect(errorCode(await p.as('UERIK', 'meeting move M1 time:11:00'))).toBe('plan.not_yours');
    expect(errorCode(await p.as('UERIK', 'meeting cancel M1'))).toBe('plan.not_yours');
    expect(errorCode(await p.as('UANNA', 'meeting move M1 date:2026-02-27'))).toBe('plan.in_past');
    expect(errorCode(await p.as('UANNA', 'meeting move M1 date:2026-03-29 time:02:15'))).toBe('plan.time_nonexistent');
    expect(errorCode(await p.as('UANNA', 'meeting move M1'))).toBe('plan.move_nothing');
    const [row] = await plannedOf(p.test.programme.id);
    expect(row).toMatchObject({ sequence: 0, status: 'planned' });
    expect(row!.startsAt.toISOString()).toBe('2026-03-18T09:00:00.000Z');
  });

  it('a cancelled meeting is marked so, with its sequence bumped, and cannot be moved, cancelled again or given topics', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', plan);
    expect((await p.as('UDANA', 'möte ställ-in M1')).text).toContain('Mötet M1 är inställt');
    const [row] = await plannedOf(p.test.programme.id);
    expect(row).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(errorCode(await p.as('UANNA', 'meeting move M1 time:11:00'))).toBe('plan.cancelled');
    const again = await p.as('UANNA', 'meeting cancel M1');
    expect(errorCode(again)).toBe('plan.cancelled');
    // The example points to what is still planned, not to the same command once more.
    expect(again.text).toContain('Exempel: `möten kommande`');
    const topic = await p.as('UNILS', 'agenda M1 Budget för hösten');
    expect(errorCode(topic)).toBe('agenda.closed');
    expect(topic.text).toContain('M1 är inte längre planerat (inställt)');
    expect(await opened.db.select().from(agendaTopics).where(eq(agendaTopics.plannedMeetingId, row!.id))).toHaveLength(0);
  });

  it('an id that is not a planned meeting is answered by name', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode(await p.as('UANNA', 'meeting move M9 time:10:00'))).toBe('plan.not_found');
    expect(errorCode(await p.as('UANNA', 'agenda A3'))).toBe('args.id_invalid');
    // A planned meeting's id is known before the meeting is held: `meeting show` says where it is.
    await p.as('UANNA', plan);
    const shown = await p.as('UOLLE', 'meeting show M1');
    expect(errorCode(shown)).toBe('meeting.is_planned');
    expect(shown.text).toContain('M1 är ett planerat möte som inte har hållits än. Dagordningen: `dagordning M1`');
    expect(errorCode(await p.as('UANNA', 'meeting edit M1 date:2026-03-20'))).toBe('meeting.is_planned');
  });
});

describe('meeting log of a planned meeting', () => {
  it('keeps the id: M1 planned becomes M1 logged, with its title, day, clusters, kind and invitees', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', plan);
    expect(errorCode(await p.as('UANNA', 'meeting log M1'))).toBe('plan.too_early');
    p.test.clock.set(new Date('2026-03-18T11:00:00Z'));
    const { text } = await p.as('UANNA', ['meeting log M1', 'decision: Gemensam ansökan skickas i maj', 'action: @Nils Skriv utkast due:2026-04-01'].join('\n'));
    expect(text).toContain('Mötet M1 är loggat');
    expect(text).toContain('Deltagare: 2');
    expect(text).toContain('A1 Skriv utkast – Nils, senast 2026-04-01');
    const [logged] = await meetingsOf(p.test.programme.id);
    expect(logged).toMatchObject({ number: 1, title: 'Ledarträff våren', heldOn: '2026-03-18', kind: 'network' });
    const [row] = await plannedOf(p.test.programme.id);
    expect(row).toMatchObject({ status: 'held', meetingId: logged!.id });
    expect((await p.as('UOLLE', 'meeting show M1')).text).toContain('Ledarträff våren');
    expect(errorCode(await p.as('UANNA', 'meeting log M1'))).toBe('plan.already_logged');
    expect((await p.as('UOLLE', 'meetings upcoming')).text).toContain('Inga planerade möten');
  });

  it('a refused log stores nothing: no meeting row and the plan stays planned', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', plan);
    p.test.clock.set(new Date('2026-03-18T11:00:00Z'));
    const bad = await p.as('UANNA', 'meeting log M1\naction: @Okänd Ring Vinnova');
    expect(errorCode(bad)).toBe('person.not_found');
    expect(await meetingsOf(p.test.programme.id)).toHaveLength(0);
    expect((await plannedOf(p.test.programme.id))[0]).toMatchObject({ status: 'planned', meetingId: null });
  });
});

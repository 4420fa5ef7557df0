import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { actionItems, decisions, meetingClusters, meetingOrganisations, meetingParticipants, meetings, notes, people } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme, none } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const styrgrupp = [
  'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd kind:styrgrupp',
  'decision: Testbädden i Kiruna blir programmets första gemensamma satsning',
  'decision: Nästa möte hålls i Luleå',
  'action: @Nils Boka lokal för workshopen due:2026-03-20',
  'action: Skicka protokollet till styrgruppen',
  'note: Vinnova vill se en gemensam ansökan före sommaren',
].join('\n');

describe('meeting', () => {
  it('a leader who logs a meeting sees its id, what was stored and a button to share it, and every line is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', styrgrupp);
    expect(text).toContain('Mötet M1 är sparat');
    expect(text).toContain('Titel: Styrgrupp mars\nDatum: 2026-03-02\nTyp: styrgruppsmöte\nKluster: Rymd\nDeltagare: 1\nBeslut: 2\nÅtgärder: 2\nAnteckningar: 1');
    expect(text).toContain('A1 Boka lokal för workshopen – Nils, senast 2026-03-20');
    expect(text).toContain('A2 Skicka protokollet till styrgruppen – Anna');
    expect(outcome.kind === 'reply' && outcome.reply.buttons?.map((b) => b.command)).toEqual(['möte dela M1', 'möte visa M1']);
    const [meeting] = await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
    expect(meeting).toMatchObject({ number: 1, title: 'Styrgrupp mars', heldOn: '2026-03-02', kind: 'board', deletedAt: null });
    const [author] = await opened.db.select().from(people).where(eq(people.id, meeting!.authorId));
    expect(author?.displayName).toBe('Anna');
    expect((await opened.db.select().from(meetingClusters).where(eq(meetingClusters.meetingId, meeting!.id)))).toHaveLength(1);
    const decided = await opened.db.select().from(decisions).where(eq(decisions.meetingId, meeting!.id)).orderBy(decisions.position);
    expect(decided.map((d) => d.text)).toEqual(['Testbädden i Kiruna blir programmets första gemensamma satsning', 'Nästa möte hålls i Luleå']);
    const actions = await opened.db.select().from(actionItems).where(eq(actionItems.meetingId, meeting!.id)).orderBy(actionItems.number);
    expect(actions.map((a) => [a.number, a.text, a.dueOn, a.ownerId === meeting!.authorId])).toEqual([
      [1, 'Boka lokal för workshopen', '2026-03-20', false],
      [2, 'Skicka protokollet till styrgruppen', null, true],
    ]);
    const [note] = await opened.db.select().from(notes).where(eq(notes.meetingId, meeting!.id));
    expect(note).toMatchObject({ number: 1, text: 'Vinnova vill se en gemensam ansökan före sommaren', clusterId: null });
  });

  it("a meeting logged without a date gets today's date in the programme's time zone", async () => {
    const p = await meetingProgramme(opened.db);
    // 23:30 UTC on 2 March is already 00:30 on 3 March in Stockholm.
    p.test.clock.set(new Date('2026-03-02T23:30:00Z'));
    const { text } = await p.as('UANNA', 'meeting Avstämning cluster:Rymd');
    expect(text).toContain('Datum: 2026-03-03');
    expect(text).toContain('Typ: klustermöte');
    const [meeting] = await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
    expect(meeting).toMatchObject({ heldOn: '2026-03-03', kind: 'cluster', title: 'Avstämning' });
  });

  it('whoever logs a meeting counts as a participant, once, also when they name themselves', async () => {
    const p = await meetingProgramme(opened.db);
    expect((await p.as('UANNA', 'meeting Studieresa till Esrange cluster:Rymd kind:study-trip')).text).toContain('Deltagare: 1');
    expect((await p.as('UANNA', 'meeting Avstämning cluster:Rymd with:@anna,@nils')).text).toContain('Deltagare: 2');
    const rows = await opened.db
      .select({ name: people.displayName })
      .from(meetingParticipants)
      .innerJoin(people, eq(people.id, meetingParticipants.personId))
      .where(eq(meetingParticipants.programmeId, p.test.programme.id));
    expect(rows.map((r) => r.name).sort()).toEqual(['Anna', 'Anna', 'Nils']);
    expect((await p.as('UOLLE', 'meeting show M1')).text).toContain('Deltagare: Anna');
  });

  it('a meeting can span clusters and name people, guests with their organisation, and organisations', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', 'org add 556677-8899 "Norrbotten Space AB" type:company');
    const { text } = await p.as('UANNA', 'meeting Nätverksträff cluster:"Rymd, Skog" with:"@Erik, <@UNILS>, Karin Ek (LTU), Lars Berg (5566778899), Eva Ström" orgs:556677-8899');
    expect(text).toContain('Kluster: Rymd, Skog\nDeltagare: 6\nOrganisationer: 1');
    expect(text).toContain('Typ: klustermöte');
    const id = p.test.programme.id;
    const rows = await opened.db
      .select({ personName: people.displayName, guest: meetingParticipants.guestName, typed: meetingParticipants.guestOrganisation, orgId: meetingParticipants.organisationId })
      .from(meetingParticipants)
      .leftJoin(people, eq(people.id, meetingParticipants.personId))
      .where(eq(meetingParticipants.programmeId, id));
    expect(rows.map((r) => [r.personName ?? r.guest, r.typed, r.orgId !== null]).sort()).toEqual([
      ['Anna', null, false],
      ['Erik', null, false],
      ['Eva Ström', null, false],
      ['Karin Ek', 'LTU', false],
      ['Lars Berg', null, true],
      ['Nils', null, false],
    ]);
    expect(await opened.db.select().from(meetingClusters).where(eq(meetingClusters.programmeId, id))).toHaveLength(2);
    expect(await opened.db.select().from(meetingOrganisations).where(eq(meetingOrganisations.programmeId, id))).toHaveLength(1);
    const show = await p.as('UOLLE', 'meeting show M1');
    expect(show.text).toContain('Deltagare: Anna, Erik, Eva Ström, Karin Ek (LTU), Lars Berg (Norrbotten Space AB), Nils\nOrganisationer: Norrbotten Space AB (556677-8899)');
  });

  it('a bare `meeting` opens a form whose keys are the command’s own, and stores nothing', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome } = await p.as('UANNA', 'möte');
    const form = outcome.kind === 'reply' ? outcome.reply.form : undefined;
    expect(form?.verb).toBe('meeting');
    expect(form?.fields.map((f) => f.key)).toEqual(['_text', 'date', 'cluster', 'kind', 'with', 'orgs', 'decision', 'action', 'note']);
    expect(form?.fields.find((f) => f.key === 'date')?.initial).toBe('2026-03-02');
    expect(form?.fields.find((f) => f.key === 'cluster')?.initial).toBe('Rymd');
    expect(form?.fields.find((f) => f.key === 'kind')?.options?.map((o) => o.value)).toEqual(['cluster', 'network', 'board', 'study-trip', 'workshop', 'training', 'member', 'external']);
    expect(await p.counts()).toEqual(none);
  });

  it('kinds are typed in Swedish or English and shown in the reader’s language', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'profile lang:en');
    expect((await p.as('UANNA', 'meeting Almedalen kind:extern')).text).toContain('Typ: externt möte');
    expect((await p.as('UERIK', 'meeting "Visit to Esrange" kind:studieresa cluster:Skog')).text).toContain('Kind: study trip');
    const rows = await opened.db.select({ kind: meetings.kind }).from(meetings).where(eq(meetings.programmeId, p.test.programme.id)).orderBy(meetings.number);
    expect(rows.map((r) => r.kind)).toEqual(['external', 'study-trip']);
  });

  it('long text is stored whole, shortened in lists and printed in full by `meeting show`', async () => {
    const p = await meetingProgramme(opened.db);
    // Long but within the body limit of 4 000 characters (README "Limits").
    const long = `Lärdom: ${'testbädden behöver bokas i god tid och '.repeat(90)}slut.`;
    await p.as('UANNA', `meeting "Lång genomgång" cluster:Rymd\ndecision: ${long}\naction: @Nils ${long}`);
    const [decision] = await opened.db.select().from(decisions).where(eq(decisions.programmeId, p.test.programme.id));
    expect(decision?.text).toBe(long);
    expect(long.length).toBeGreaterThan(3000);
    const listed = await p.as('UNILS', 'actions');
    expect(listed.text).toContain('…');
    expect(listed.text.length).toBeLessThan(1000);
    expect((await p.as('UNILS', 'meeting show M1')).text).toContain(long);
  });

  it('`meeting share` posts the decisions and action items to the channel', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', styrgrupp);
    const { outcome, text } = await p.as('UNILS', 'meeting share m1');
    expect(outcome.kind === 'reply' && outcome.reply.visibility).toBe('channel');
    expect(text).toContain('Styrgrupp mars\n\nM1 · 2026-03-02 · styrgruppsmöte · Rymd');
    expect(text).toContain('Beslut\n  • Testbädden i Kiruna blir programmets första gemensamma satsning');
    expect(text).toContain('A1 Boka lokal för workshopen – Nils, senast 2026-03-20');
    // Notes and participants stay private to LOKET's readers.
    expect(text).not.toContain('Vinnova');
  });

  it('`meetings` lists history by cluster and date range, newest first', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Januari date:2026-01-15 cluster:Rymd\ndecision: A');
    await p.as('UERIK', 'meeting Skogsdag date:2026-02-10 cluster:Skog');
    await p.as('UANNA', 'meeting Februari date:2026-02-20 cluster:Rymd,Skog\naction: @Nils B due:2026-03-01');
    const all = await p.as('UOLLE', 'möten');
    expect(all.text).toContain('Möten (3)\n\n  • M3 · 2026-02-20 · Februari · klustermöte · Rymd, Skog · beslut: 0, öppna åtgärder: 1\n  • M2 · 2026-02-10 · Skogsdag');
    expect(all.text).toContain('M1 · 2026-01-15 · Januari · klustermöte · Rymd · beslut: 1, öppna åtgärder: 0');
    const rymd = await p.as('UOLLE', 'meetings rymd from:2026-02-01 to:2026-02-28');
    expect(rymd.text).toContain('Möten (1)');
    expect(rymd.text).toContain('M3 · 2026-02-20');
  });
});

describe('short ids', () => {
  it('count per programme and are never reused, even after a delete', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Ett cluster:Rymd\naction: @Nils x\nnote: y');
    await p.as('UANNA', 'meeting delete M1');
    expect((await p.as('UANNA', 'meeting Två cluster:Rymd\naction: @Nils x\nnote: y')).text).toContain('Mötet M2 är sparat');
    const numbers = await opened.db.select({ n: meetings.number }).from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
    expect(numbers.map((r) => r.n).sort()).toEqual([1, 2]);
    const [second] = await opened.db.select().from(actionItems).where(and(eq(actionItems.programmeId, p.test.programme.id), eq(actionItems.number, 2)));
    expect(second?.text).toBe('x');
    const other = await meetingProgramme(opened.db);
    expect((await other.as('UANNA', 'meeting Första cluster:Rymd')).text).toContain('Mötet M1 är sparat');
  });
});

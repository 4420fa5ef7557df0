import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog, meetingEvaluations, meetingParticipants, meetings, people } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function meetingRow(p: MeetingProgramme) {
  const [row] = await opened.db.select().from(meetings).where(and(eq(meetings.programmeId, p.test.programme.id), eq(meetings.number, 1)));
  return row!;
}

async function audited(p: MeetingProgramme, action: string) {
  return opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, p.test.programme.id), eq(auditLog.action, action)));
}

async function withMeeting() {
  const p = await meetingProgramme(opened.db);
  await p.as('UANNA', 'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd\ndecision: Kiruna först\naction: @Nils Boka lokal due:2026-03-20');
  return p;
}

describe('meeting edit', () => {
  it('the author changes the title, date and kind; the change is stored and audited with before and after', async () => {
    const p = await withMeeting();
    const { text } = await p.as('UANNA', 'meeting edit M1 "Styrgrupp i mars" date:2026-03-03 kind:workshop');
    expect(text).toBe('M1 är ändrat: titel ”Styrgrupp i mars”, datum 2026-03-03, typ workshop.');
    expect(await meetingRow(p)).toMatchObject({ title: 'Styrgrupp i mars', heldOn: '2026-03-03', kind: 'workshop' });
    const [entry] = await audited(p, 'meeting.edit');
    expect(entry?.detail).toEqual({
      number: 1,
      before: { title: 'Styrgrupp mars', heldOn: '2026-03-02', kind: 'cluster' },
      after: { title: 'Styrgrupp i mars', heldOn: '2026-03-03', kind: 'workshop' },
    });
  });

  it('a project manager may edit anyone’s meeting; another leader may not, and nothing changes', async () => {
    const p = await withMeeting();
    const refused = await p.as('UERIK', 'meeting edit M1 Kapad');
    expect(errorCode(refused.outcome)).toBe('meeting.not_author');
    expect(refused.text).toContain('Bara den som loggade M1 eller en projektledare kan ändra eller ta bort mötet.');
    expect((await meetingRow(p)).title).toBe('Styrgrupp mars');
    expect(await audited(p, 'meeting.edit')).toHaveLength(0);
    expect((await p.as('UPM', 'möte ändra M1 title:"Styrgrupp (rättad)"')).text).toContain('titel ”Styrgrupp (rättad)”');
    expect((await meetingRow(p)).title).toBe('Styrgrupp (rättad)');
  });

  // Values the grammar refuses show the command's own example in the reader's language, naming a real meeting.
  it.each([
    ['a date past an action’s due date', 'meeting edit M1 date:2026-03-21', 'meeting.date_after_due', 'Mötet har en åtgärd med slutdatum 2026-03-20', 'möte ändra M1 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp'],
    ['a date that does not exist', 'meeting edit M1 date:2026-02-29', 'date.invalid', '”2026-02-29” är inget giltigt datum', 'möte ändra M1 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp'],
    ['an unknown kind', 'meeting edit M1 kind:fika', 'meeting.kind_invalid', 'Mötestypen ”fika” finns inte', 'möte ändra M1 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp'],
    ['clusters, which cannot be edited', 'meeting edit M1 cluster:Skog', 'meeting.edit_unsupported', 'Det går inte att ändra cluster i efterhand', 'möte ändra M1 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp'],
    ['clusters in Swedish, not glued onto the title', 'möte ändra M1 Ny titel kluster:Skog', 'meeting.edit_unsupported', 'Det går inte att ändra kluster i efterhand', 'möte ändra M1 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp'],
    ['nothing to change', 'meeting edit M1', 'meeting.edit_nothing', 'Skriv vad som ska ändras', 'möte ändra M1 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp'],
  ])('%s is refused and nothing changes', async (_what, command, code, says, example) => {
    const p = await withMeeting();
    const before = await meetingRow(p);
    const { outcome, text } = await p.as('UANNA', command);
    expect(errorCode(outcome)).toBe(code);
    expect(text).toContain(says);
    expect(text).toContain(`Exempel: \`${example}`);
    expect(await meetingRow(p)).toEqual(before);
  });
});

describe('meeting delete', () => {
  it('the author deletes softly: the row stays with who and when, the audit says so, and lists, show and search no longer find it', async () => {
    const p = await withMeeting();
    p.test.clock.set(new Date('2026-03-04T12:00:00Z'));
    expect((await p.as('UANNA', 'meeting delete M1')).text).toBe('Mötet M1 ”Styrgrupp mars” är borttaget. Det syns inte längre i listor och sökningar, men finns kvar i granskningsloggen.');
    const row = await meetingRow(p);
    expect(row.deletedAt?.toISOString()).toBe('2026-03-04T12:00:00.000Z');
    const [deleter] = await opened.db.select().from(people).where(eq(people.id, row.deletedBy!));
    expect(deleter?.displayName).toBe('Anna');
    const [entry] = await audited(p, 'meeting.delete');
    expect(entry).toMatchObject({ actorId: row.deletedBy, subjectId: row.id, detail: { number: 1, title: 'Styrgrupp mars', heldOn: '2026-03-02' } });
    expect((await p.as('UNILS', 'meetings')).text).toBe('Inga möten hittades. Logga ett med `möte <titel>`.');
    expect(errorCode((await p.as('UNILS', 'meeting show M1')).outcome)).toBe('meeting.not_found');
    expect((await p.as('UNILS', 'search styrgrupp')).text).toBe('Inga träffar för ”styrgrupp”.');
    expect((await p.as('UNILS', 'search Kiruna')).text).toBe('Inga träffar för ”Kiruna”.');
    expect((await p.as('UNILS', 'actions')).text).toBe('Du har inga öppna åtgärder.');
  });

  it('another leader may not delete it; a project manager may', async () => {
    const p = await withMeeting();
    expect(errorCode((await p.as('UERIK', 'meeting delete M1')).outcome)).toBe('meeting.not_author');
    expect((await meetingRow(p)).deletedAt).toBeNull();
    expect(await audited(p, 'meeting.delete')).toHaveLength(0);
    expect((await p.as('UPM', 'möte radera M1')).text).toContain('Mötet M1 ”Styrgrupp mars” är borttaget');
    expect((await meetingRow(p)).deletedAt).not.toBeNull();
  });

  // A meeting logged without participants could not be evaluated, and the evaluation's refusal says to add
  // them: adding them afterwards is what it points to.
  it('adds participants with with: (med:), each once, so a meeting logged without them can be evaluated', async () => {
    const p = await withMeeting();
    const refused = await p.as('UANNA', 'utvärdera M1');
    expect(errorCode(refused.outcome)).toBe('eval.only_asker');
    expect(refused.text).toContain('Lägg till deltagarna med `möte ändra M1 med:@namn` och be igen.');

    const added = await p.as('UANNA', 'möte ändra M1 med:"@Nils, @Erik, Karin Ek (LTU)"');
    expect(added.text).toBe('M1 är ändrat: nya deltagare Nils, Erik och Karin Ek.');
    const participants = async () =>
      (await opened.db.select({ personId: meetingParticipants.personId, guest: meetingParticipants.guestName, org: meetingParticipants.guestOrganisation }).from(meetingParticipants).innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId)).where(eq(meetings.programmeId, p.test.programme.id)))
        .map((row) => row.guest ?? row.personId)
        .sort();
    const stored = await participants();
    // Anna, who logged it, was its one participant.
    expect(stored).toHaveLength(4);
    expect(stored).toContain('Karin Ek');
    const [entry] = await audited(p, 'meeting.edit');
    expect(entry?.detail).toMatchObject({ number: 1, before: {}, after: { participantsAdded: [{}, {}, { guestName: 'Karin Ek', guestOrganisation: 'LTU' }] } });

    // The same people again: nothing new, said plainly, nothing stored or audited.
    const again = await p.as('UANNA', 'meeting edit M1 with:"@nils, karin ek"');
    expect(errorCode(again.outcome)).toBe('meeting.participants_already');
    expect(again.text).toContain('Nils och karin ek är redan med bland deltagarna i M1. Inget är ändrat.');
    expect(await participants()).toEqual(stored);
    expect(await audited(p, 'meeting.edit')).toHaveLength(1);

    // Someone LOKET does not know: refused before anything is written, even beside a title change.
    const unknown = await p.as('UANNA', 'meeting edit M1 "Ny titel" with:@Okänd');
    expect(errorCode(unknown.outcome)).toBeDefined();
    expect(unknown.text).toContain('Exempel: `möte ändra M1 med:@namn`');
    expect(await participants()).toEqual(stored);
    expect((await meetingRow(p)).title).toBe('Styrgrupp mars');

    const asked = await p.as('UANNA', 'utvärdera M1');
    expect(asked.text).toContain('2 deltagare får frågan om M1 privat.');
    expect(await opened.db.select().from(meetingEvaluations).innerJoin(meetings, eq(meetings.id, meetingEvaluations.meetingId)).where(eq(meetings.programmeId, p.test.programme.id))).toHaveLength(2);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { actionItems } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function action(p: MeetingProgramme, number: number) {
  const [row] = await opened.db.select().from(actionItems).where(and(eq(actionItems.programmeId, p.test.programme.id), eq(actionItems.number, number)));
  return row!;
}

/** M1 (Rymd, 2026-02-02, logged by Anna): A1 Nils due 02-20 (overdue on 03-02), A2 Nils no due date,
 *  A3 Anna due 03-10. M2 (Skog, 2026-02-16, logged by Petra the PM): A4 Nils due 03-01 (overdue). */
async function withActions() {
  const p = await meetingProgramme(opened.db);
  await p.as('UANNA', 'meeting Rymdmöte date:2026-02-02 cluster:Rymd\naction: @Nils Boka lokal due:2026-02-20\naction: @Nils Läs rapporten\naction: @Anna Ring Vinnova due:2026-03-10');
  await p.as('UPM', 'meeting Skogsmöte date:2026-02-16 cluster:Skog\naction: @Nils Skicka bilder due:2026-03-01');
  return p;
}

describe('actions', () => {
  it('lists my open items by default, overdue first, with owner, due date and age', async () => {
    const p = await withActions();
    const { text } = await p.as('UNILS', 'actions');
    expect(text).toContain(
      [
        'Dina öppna åtgärder (3)',
        '',
        '  • A1 Boka lokal – Nils, försenad sedan 2026-02-20 – öppen 28 d (M1)',
        '  • A4 Skicka bilder – Nils, försenad sedan 2026-03-01 – öppen 14 d (M2)',
        '  • A2 Läs rapporten – Nils – öppen 28 d (M1)',
      ].join('\n'),
    );
  });

  it('lists a cluster’s items, or everyone’s', async () => {
    const p = await withActions();
    const skog = await p.as('UOLLE', 'åtgärder skog');
    expect(skog.text).toContain('Öppna åtgärder i Skog (1)');
    expect(skog.text).toContain('A4 Skicka bilder');
    expect(skog.text).not.toContain('A1');
    const all = await p.as('UOLLE', 'actions alla');
    expect(all.text).toContain('Alla öppna åtgärder (4)');
    expect(all.text.indexOf('A3 Ring Vinnova – Anna, senast 2026-03-10')).toBeGreaterThan(all.text.indexOf('A4'));
    expect((await p.as('UOLLE', 'actions')).text).toBe('Du har inga öppna åtgärder.');
  });

  it('a new meeting of the same cluster carries forward the open items of earlier meetings, but not closed ones or other clusters’', async () => {
    const p = await withActions();
    await p.as('UNILS', 'done A2');
    const { text } = await p.as('UDANA', 'meeting "Rymdmöte mars" cluster:Rymd\naction: @Dana Ny sak');
    expect(text).toContain('Öppna åtgärder från tidigare möten (2)');
    expect(text).toContain('A1 Boka lokal – Nils, försenad sedan 2026-02-20 – öppen 28 d (M1)');
    expect(text).toContain('A3 Ring Vinnova – Anna, senast 2026-03-10');
    expect(text).not.toContain('A2 Läs');
    expect(text).not.toContain('A4 Skicka');
    // The new meeting's own item is listed as new, not as carried forward.
    expect(text.indexOf('A5 Ny sak')).toBeLessThan(text.indexOf('Öppna åtgärder från tidigare möten'));
    const both = await p.as('UANNA', 'meeting Gemensamt cluster:Rymd,Skog');
    expect(both.text).toContain('Öppna åtgärder från tidigare möten (4)');
  });
});

describe('done', () => {
  it('the owner closes an item with a note; it leaves the open lists and a second done changes nothing', async () => {
    const p = await withActions();
    p.test.clock.set(new Date('2026-03-05T08:00:00Z'));
    expect((await p.as('UNILS', 'klar a1 Bokade aulan,\nbekräftat via mejl')).text).toBe('A1 är klar: Boka lokal');
    const closed = await action(p, 1);
    expect(closed.doneAt?.toISOString()).toBe('2026-03-05T08:00:00.000Z');
    expect(closed.doneNote).toBe('Bokade aulan,\nbekräftat via mejl');
    expect((await p.as('UNILS', 'actions')).text).not.toContain('A1');
    p.test.clock.set(new Date('2026-03-06T08:00:00Z'));
    expect((await p.as('UNILS', 'done A1 igen')).text).toBe('A1 stängdes redan 2026-03-05. Inget ändrades.');
    expect((await action(p, 1)).doneNote).toBe('Bokade aulan,\nbekräftat via mejl');
    expect((await p.as('UOLLE', 'meeting show M1')).text).toContain('A1 Boka lokal – Nils – klar 2026-03-05: Bokade aulan,\nbekräftat via mejl');
  });

  it.each([
    ['the meeting’s author', 'UANNA', 2],
    ['a deputy of the meeting’s cluster', 'UDANA', 2],
    ['a project manager', 'UPM', 1],
    ['the leader of the meeting’s cluster', 'UERIK', 4],
  ])('%s may close someone else’s item', async (_who, userId, number) => {
    const p = await withActions();
    expect((await p.as(userId, `done A${number}`)).text).toContain(`A${number} är klar`);
    expect((await action(p, number)).doneBy).not.toBeNull();
  });

  it.each([
    ['a member who does not own it', 'UNILS', 3],
    ['a leader of another cluster', 'UERIK', 1],
    ['a participant in no cluster', 'UOLLE', 1],
  ])('%s may not close an item, and it stays open', async (_who, userId, number) => {
    const p = await withActions();
    const { outcome, text } = await p.as(userId, `done A${number}`);
    expect(errorCode(outcome)).toBe('action.not_allowed');
    expect(text).toContain(`Bara den som äger A${number}`);
    expect((await action(p, number)).doneAt).toBeNull();
  });

  it('an unknown id, an id of another programme and an item of a deleted meeting are not found', async () => {
    const p = await withActions();
    const other = await meetingProgramme(opened.db);
    await other.as('UANNA', 'meeting Annat\naction: @Nils x');
    expect(errorCode((await other.as('UPM', 'done A3')).outcome)).toBe('action.not_found');
    expect(errorCode((await p.as('UPM', 'done M1')).outcome)).toBe('args.id_invalid');
    await p.as('UPM', 'meeting delete M2');
    const { outcome, text } = await p.as('UPM', 'done A4');
    expect(errorCode(outcome)).toBe('action.not_found');
    expect(text).toContain('Jag hittar ingen åtgärd A4 i programmet.');
    // The example lists every open action, in the reader's words.
    expect(text).toContain('Exempel: `åtgärder alla`');
    expect((await p.as('UNILS', 'actions')).text).not.toContain('A4');
    expect((await action(p, 4)).doneAt).toBeNull();
  });
});

describe('done with several ids', () => {
  it('`klar A1 A2 A4` closes every listed item in one go, names each, and keeps the note with each', async () => {
    const p = await withActions();
    const { outcome, text } = await p.as('UNILS', 'klar A1 A2 A4 Klart efter mötet');
    expect(errorCode(outcome)).toBeUndefined();
    expect(text).toBe('3 åtgärder är klara:\n\n  • A1 Boka lokal\n  • A2 Läs rapporten\n  • A4 Skicka bilder');
    for (const number of [1, 2, 4]) {
      const row = await action(p, number);
      expect(row.doneAt, `A${number}`).not.toBeNull();
      expect(row.doneNote, `A${number}`).toBe('Klart efter mötet');
    }
    expect((await action(p, 3)).doneAt).toBeNull();
    expect((await p.as('UNILS', 'actions')).text).not.toMatch(/A[124] /);
  });

  it('commas and «och» between ids work too; one already closed is named and does not stop the rest', async () => {
    const p = await withActions();
    await p.as('UNILS', 'klar A1');
    const { outcome, text } = await p.as('UNILS', 'klar A1 A2, och A4');
    expect(errorCode(outcome)).toBeUndefined();
    expect(text).toBe('2 åtgärder är klara:\n\n  • A2 Läs rapporten\n  • A4 Skicka bilder\n\nA1 var redan stängd 2026-03-02.');
    expect((await action(p, 2)).doneNote).toBeNull();
    expect((await action(p, 4)).doneAt).not.toBeNull();
  });

  it('ids joined by commas at the start (`klar A1,A2`, `klar A1, A4`) are several ids too; a bare number still gets its letter suggested', async () => {
    const p = await withActions();
    expect((await p.as('UNILS', 'klar A1,A2')).text).toBe('2 åtgärder är klara:\n\n  • A1 Boka lokal\n  • A2 Läs rapporten');
    p.test.clock.set(new Date('2026-03-03T08:00:00Z'));
    expect((await p.as('UPM', 'klar A4, A3 Klart')).text).toBe('2 åtgärder är klara:\n\n  • A4 Skicka bilder\n  • A3 Ring Vinnova');
    expect((await action(p, 3)).doneNote).toBe('Klart');
    const bare = await p.as('UNILS', 'klar 4');
    expect(errorCode(bare)).toBe('args.id_invalid');
    expect(bare.text).toContain('Menade du `klar A4`?');
  });

  it('an id that does not exist or may not be closed refuses them all, saying so, and nothing is closed', async () => {
    const p = await withActions();
    const unknown = await p.as('UNILS', 'klar A1 A99');
    expect(errorCode(unknown)).toBe('action.not_found');
    expect(unknown.text).toContain('Jag hittar ingen åtgärd A99 i programmet.\nIngen av åtgärderna stängdes.');
    // A3 is Anna's: Nils may close A1 but not A3, so neither is closed.
    const notAllowed = await p.as('UNILS', 'klar A1 A3');
    expect(errorCode(notAllowed)).toBe('action.not_allowed');
    expect(notAllowed.text).toContain('Bara den som äger A3');
    expect(notAllowed.text).toContain('Ingen av åtgärderna stängdes.');
    for (const number of [1, 2, 3, 4]) expect((await action(p, number)).doneAt, `A${number}`).toBeNull();
  });

  it('answers an English reader in English', async () => {
    const p = await withActions();
    await p.as('UNILS', 'profile lang:en');
    expect((await p.as('UNILS', 'done A1 A2')).text).toBe('2 action items are done:\n\n  • A1 Boka lokal\n  • A2 Läs rapporten');
    const refused = await p.as('UNILS', 'done A4 A77');
    expect(refused.text).toContain('None of the action items was closed.');
    expect((await action(p, 4)).doneAt).toBeNull();
  });
});

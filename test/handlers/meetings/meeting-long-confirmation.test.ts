// A meeting logged with many action items is confirmed within a screen (about 25 lines, title and buttons
// included): the first items, then «… och 27 till: `möte visa M2`», so what is listed adds up to what was
// stored (found by a project manager who pasted a workshop's 30 action lines and got a reply longer than her
// phone's screen). Every item is stored.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { actionItems, decisions, meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const MAX_LINES = 25;

const lines = (key: string, word: string, n: number) => Array.from({ length: n }, (_, i) => `${key}: ${word} ${i + 1} @Anna`).join('\n');

async function storedOf(p: MeetingProgramme, number: number) {
  const [meeting] = await opened.db.select().from(meetings).where(and(eq(meetings.programmeId, p.test.programme.id), eq(meetings.number, number)));
  const actions = await opened.db.select({ text: actionItems.text }).from(actionItems).where(eq(actionItems.meetingId, meeting!.id));
  const decided = await opened.db.select().from(decisions).where(eq(decisions.meetingId, meeting!.id));
  return { actions: actions.length, decisions: decided.length };
}

/** The listed new items and the count named on the «… och N till» line under them. */
function listed(text: string, title: string, more: RegExp) {
  const all = text.split('\n');
  const start = all.indexOf(title);
  const items: string[] = [];
  for (const line of all.slice(start + 1)) {
    if (!line.startsWith('  • ')) break;
    items.push(line);
  }
  const rest = items.at(-1)?.match(more);
  return { shown: rest ? items.length - 1 : items.length, rest: rest ? Number(rest[1]) : 0 };
}

describe('a meeting with many action items', () => {
  it('is confirmed within a screen, the listed items and the rest adding up to the 30 stored, with earlier open items and a duplicate warning too', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode(await p.as('UANNA', `möte Workshop datum:2026-03-02 kluster:Rymd\n${lines('åtgärd', 'Gammal', 7)}`))).toBeUndefined();
    const reply = await p.as('UANNA', `möte Workshop datum:2026-03-02 kluster:Rymd typ:workshop med:"Karin Ek (LTU)"\n${lines('åtgärd', 'Uppgift', 30)}\n${lines('beslut', 'Beslut', 20)}`);
    expect(errorCode(reply)).toBeUndefined();
    expect(reply.text).toContain('Mötet M2 är sparat');
    expect(reply.text).toContain('Obs: mötet M1 har redan titeln');
    expect(reply.text).toContain('Åtgärder: 30');
    expect(reply.text.split('\n').length).toBeLessThanOrEqual(MAX_LINES);
    const { shown, rest } = listed(reply.text, 'Åtgärder', /^ {2}• … och (\d+) till: `möte visa M2`$/);
    expect(shown).toBeGreaterThanOrEqual(2);
    expect(shown + rest).toBe(30);
    expect(reply.text).toContain('Öppna åtgärder från tidigare möten (7)');
    expect(await storedOf(p, 2)).toEqual({ actions: 30, decisions: 20 });
  });

  it('for an English reader too, and a meeting with few items lists them all', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    const reply = await p.as('UANNA', `meeting Workshop date:2026-03-02 cluster:Rymd\n${lines('action', 'Task', 30)}`);
    expect(reply.text.split('\n').length).toBeLessThanOrEqual(MAX_LINES);
    const { shown, rest } = listed(reply.text, 'Action items', /^ {2}• … and (\d+) more: `meeting show M1`$/);
    expect(rest).toBeGreaterThan(0);
    expect(shown + rest).toBe(30);
    expect(await storedOf(p, 1)).toEqual({ actions: 30, decisions: 0 });

    const few = await p.as('UANNA', `meeting Uppföljning date:2026-03-02 cluster:Rymd\n${lines('action', 'Task', 3)}`);
    expect(listed(few.text, 'Action items', /^ {2}• … and (\d+) more/)).toEqual({ shown: 3, rest: 0 });
    expect(await storedOf(p, 2)).toEqual({ actions: 3, decisions: 0 });
  });

  it('`möte visa` of a large meeting fits a screen: each list its first items and the rest counted, with `möte visa M1 alla` showing all', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode(await p.as('UANNA', `möte Workshop datum:2026-03-02 kluster:Rymd\n${lines('åtgärd', 'Uppgift', 30)}\n${lines('beslut', 'Beslut', 20)}\nanteckning: Lokalen var för liten`))).toBeUndefined();
    const shown = await p.as('UOLLE', 'möte visa M1');
    expect(shown.text.split('\n').length).toBeLessThanOrEqual(MAX_LINES);
    const actions = listed(shown.text, 'Åtgärder', /^ {2}• … och (\d+) till: `möte visa M1 alla`$/);
    const decided = listed(shown.text, 'Beslut', /^ {2}• … och (\d+) till: `möte visa M1 alla`$/);
    expect([actions.shown + actions.rest, decided.shown + decided.rest]).toEqual([30, 20]);
    expect(actions.rest).toBeGreaterThan(0);
    expect(shown.text).toContain('  • N1 Lokalen var för liten');

    const all = await p.as('UOLLE', 'möte visa M1 alla');
    expect(listed(all.text, 'Åtgärder', /^ {2}• … och (\d+) till/)).toEqual({ shown: 30, rest: 0 });
    expect(listed(all.text, 'Beslut', /^ {2}• … och (\d+) till/)).toEqual({ shown: 20, rest: 0 });
    expect(await storedOf(p, 1)).toEqual({ actions: 30, decisions: 20 });
  });
});

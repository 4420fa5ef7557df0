// A meeting carries forward the open items of meetings held before it, by the day held: a meeting logged
// late for an early day does not list, as "earlier", items of meetings held after it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { actionItems, meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** M1 (Rymd, 2026-02-02): A1 Nils. M2 (Rymd, 2026-02-16): A2 Nils. Today is 2026-03-02. */
async function withTwoMeetings() {
  const p = await meetingProgramme(opened.db);
  for (const text of ['meeting Rymdmöte date:2026-02-02 cluster:Rymd\naction: @Nils Boka lokal', 'meeting Uppföljning date:2026-02-16 cluster:Rymd\naction: @Nils Skicka bilder']) {
    const { outcome } = await p.as('UANNA', text);
    expect(outcome.kind === 'reply' && outcome.reply.error).toBeUndefined();
  }
  return p;
}

const storedOf = async (programmeId: string) => ({
  meetings: (await opened.db.select({ title: meetings.title, heldOn: meetings.heldOn }).from(meetings).where(eq(meetings.programmeId, programmeId))).sort((a, b) => a.heldOn.localeCompare(b.heldOn)),
  open: (await opened.db.select({ number: actionItems.number, doneAt: actionItems.doneAt }).from(actionItems).where(eq(actionItems.programmeId, programmeId))).filter((a) => a.doneAt === null).map((a) => a.number).sort(),
});

describe('carried-forward items of a back-dated meeting', () => {
  it('a meeting logged for a day before all others carries nothing forward, in Swedish', async () => {
    const p = await withTwoMeetings();
    const { outcome, text } = await p.as('UANNA', 'möte Uppstart datum:2025-01-15 kluster:Rymd\nåtgärd: @Anna Skriv ansökan');
    expect(outcome.kind === 'reply' && outcome.reply.error).toBeUndefined();
    expect(text).toContain('A3 Skriv ansökan');
    expect(text).not.toContain('Öppna åtgärder från tidigare möten');
    expect(text).not.toContain('Boka lokal');
    expect(text).not.toContain('Skicka bilder');
    const stored = await storedOf(p.test.programme.id);
    expect(stored.meetings.map((m) => [m.title, m.heldOn])).toEqual([
      ['Uppstart', '2025-01-15'],
      ['Rymdmöte', '2026-02-02'],
      ['Uppföljning', '2026-02-16'],
    ]);
    // Not listed is not closed: the later meetings' items stay open.
    expect(stored.open).toEqual([1, 2, 3]);
  });

  it('a meeting logged for a day between others carries only the items of meetings held before it, in English', async () => {
    const p = await withTwoMeetings();
    await p.as('UANNA', 'profile lang:en');
    const { text } = await p.as('UANNA', 'meeting Mellanmöte date:2026-02-10 cluster:Rymd');
    expect(text).toContain('Open action items from earlier meetings (1)');
    expect(text).toContain('A1 Boka lokal');
    expect(text).not.toContain('A2 Skicka bilder');
    expect((await storedOf(p.test.programme.id)).open).toEqual([1, 2]);
  });

  it('a meeting logged for today still carries the items of every earlier meeting', async () => {
    const p = await withTwoMeetings();
    const { text } = await p.as('UANNA', 'möte Marsmöte kluster:Rymd');
    expect(text).toContain('Öppna åtgärder från tidigare möten (2)');
    expect(text).toContain('A1 Boka lokal');
    expect(text).toContain('A2 Skicka bilder');
  });
});

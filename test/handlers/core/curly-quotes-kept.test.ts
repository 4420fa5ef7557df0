// Phones type “…”: free text keeps the quote characters a person typed in every record (a meeting title, a
// weekly note, an exchange need, a plan gap — as notes and decisions always did), while a value quoted whole
// still loses its quotes.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exchangePosts, meetings, planGaps, progressNotes } from '../../../db/schema/index.js';
import { meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('curly quotes in free text', () => {
  it('are stored and shown as typed in a meeting title, a weekly note, an exchange need and a plan gap', async () => {
    const p = await meetingProgramme(opened.db);
    const db = opened.db;
    const id = p.test.programme.id;

    const meeting = await p.as('UANNA', 'möte Möte “A” datum:2026-03-01 kluster:Rymd');
    expect(meeting.text).toContain('Möte “A”');
    expect(meeting.text).not.toContain('Möte "A"');
    expect((await db.select({ t: meetings.title }).from(meetings).where(eq(meetings.programmeId, id))).map((r) => r.t)).toEqual(['Möte “A”']);

    const weekly = await p.as('UANNA', 'veckorapport gjort: Vi “C” klart');
    expect(weekly.outcome.kind === 'reply' && weekly.outcome.reply.error).toBeUndefined();
    expect((await db.select({ d: progressNotes.done }).from(progressNotes).where(eq(progressNotes.programmeId, id))).map((r) => r.d)).toEqual(['Vi “C” klart']);

    const need = await p.as('UANNA', 'utbyte behov Hjälp “B” nu');
    expect(need.outcome.kind === 'reply' && need.outcome.reply.error).toBeUndefined();
    expect((await db.select({ t: exchangePosts.topic }).from(exchangePosts).where(eq(exchangePosts.programmeId, id))).map((r) => r.t)).toEqual(['Hjälp “B” nu']);

    const gap = await p.as('UANNA', 'plan brist område:finansiering Ingen “D” finns');
    expect(gap.outcome.kind === 'reply' && gap.outcome.reply.error).toBeUndefined();
    // An unterminated quote is kept as typed too, not closed with a straight one.
    await p.as('UANNA', 'plan brist område:strategi Ingen ”E finns');
    expect((await db.select({ t: planGaps.text }).from(planGaps).where(eq(planGaps.programmeId, id))).map((r) => r.t).sort()).toEqual(['Ingen “D” finns', 'Ingen ”E finns']);
  });

  it('a title quoted whole still loses its quotes, curly or straight', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'möte “Styrgrupp mars” kluster:Rymd');
    await p.as('UANNA', 'möte "Styrgrupp april" kluster:Rymd');
    const titles = await opened.db.select({ t: meetings.title }).from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
    expect(titles.map((r) => r.t).sort()).toEqual(['Styrgrupp april', 'Styrgrupp mars']);
  });

  it('a title quoted with straight quotes may hold a phone\'s curly ones: «"Styrgrupp “vår”"» is the title Styrgrupp “vår”', async () => {
    const p = await meetingProgramme(opened.db);
    const reply = await p.as('UANNA', 'möte "Styrgrupp “vår”" kluster:Rymd');
    expect(reply.text).toContain('Titel: Styrgrupp “vår”');
    const stored = await opened.db.select({ t: meetings.title }).from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
    expect(stored.map((r) => r.t)).toEqual(['Styrgrupp “vår”']);
  });
});

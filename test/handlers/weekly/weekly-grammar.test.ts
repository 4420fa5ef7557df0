import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { absences, digestSubscriptions, progressNotes } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { inChannel, weeklyProgramme, type WeeklyProgramme } from '../../support/weekly-fixture.js';
import { errorCode } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const notesOf = (p: WeeklyProgramme) => opened.db.select().from(progressNotes).where(eq(progressNotes.programmeId, p.test.programme.id));
const absencesOf = (p: WeeklyProgramme) => opened.db.select().from(absences).where(eq(absences.programmeId, p.test.programme.id));
const subscriptionsOf = (p: WeeklyProgramme) => opened.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, p.test.programme.id));
const channel = () => `C${randomUUID().slice(0, 8).toUpperCase()}`;

describe('the weekly commands read Swedish and English keys', () => {
  it('a note written with Swedish keys and a Swedish mood is stored with exactly those fields', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UANNA', 'progress gjort: Skickade Vinnova-utkast nästa: Workshop humör:grön');
    expect(errorCode(reply)).toBeUndefined();
    expect(reply.text).toContain('Veckorapporten för Rymd vecka 2026-W10 är sparad.');
    const [note, ...more] = await notesOf(p);
    expect(more).toEqual([]);
    expect([note?.done, note?.next, note?.blockers, note?.need, note?.mood]).toEqual(['Skickade Vinnova-utkast', 'Workshop', null, null, 'green']);
  });

  it('mood:grön and the other Swedish words of a key are accepted in an English note', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UANNA', 'veckorapport kluster:Rymd done: Workshop hinder: Ingen lokal behov: Kontakt på LTU mood:grön');
    const [note] = await notesOf(p);
    expect([note?.done, note?.blockers, note?.need, note?.mood]).toEqual(['Workshop', 'Ingen lokal', 'Kontakt på LTU', 'green']);
  });

  it('a one-word field followed by loose words is refused with the quoted suggestion and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UANNA', 'progress gjort:Workshop i Kiruna');
    expect(errorCode(reply)).toBe('args.leftover');
    expect(reply.text).toContain('Jag förstod inte ”i”, ”Kiruna”');
    expect(reply.text).toContain('Menade du `gjort:"Workshop i Kiruna"`?');
    expect(await notesOf(p)).toEqual([]);
  });

  it('a mistyped key near a declared one gets «Menade du» and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UANNA', 'progress humr:grön gjort: Workshop');
    expect(errorCode(reply)).toBe('args.unknown_key');
    expect(reply.text).toContain('Menade du `humör:grön`?');
    expect(await notesOf(p)).toEqual([]);
  });

  it('progress show takes the number of weeks as veckor:', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UANNA', 'progress gjort: Vecka tio');
    const { text } = await p.as('UNILS', 'veckorapport visa Rymd veckor:1');
    expect(text).toContain('2026-W10 · Anna\n  • Gjort: Vecka tio');
  });
});

describe('away', () => {
  it('one date is an absence of that day', async () => {
    const p = await weeklyProgramme(opened.db);
    expect((await p.as('UANNA', 'borta 2026-03-10')).text).toBe('Noterat: du är borta 2026-03-10. Du får inga påminnelser den dagen.');
    expect((await absencesOf(p)).map((a) => [a.fromDate, a.toDate])).toEqual([['2026-03-10', '2026-03-10']]);
    // The same day twice is that day too; in English as well.
    await p.as('UNILS', 'profile lang:en');
    expect((await p.as('UNILS', 'away 2026-03-11 2026-03-11')).text).toBe('Noted: you are away on 2026-03-11. You will get no reminders that day.');
    expect((await absencesOf(p)).map((a) => [a.fromDate, a.toDate]).sort()).toEqual([['2026-03-10', '2026-03-10'], ['2026-03-11', '2026-03-11']]);
  });

  it('a word after the two dates is refused and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UANNA', 'away 2026-03-10 2026-03-20 semester');
    expect(errorCode(reply)).toBe('args.leftover');
    expect(reply.text).toContain('Jag förstod inte ”semester”');
    expect(reply.text).toContain('Exempel: `borta 2026-07-06 2026-08-07`');
    expect(await absencesOf(p)).toEqual([]);
  });

  it('a word where a date goes is refused without naming a key it does not have', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UANNA', 'borta imorgon 2027-01-01');
    expect(errorCode(reply)).toBe('date.invalid');
    expect(reply.text).toContain('”imorgon” är inget giltigt datum. Skriv datum som ÅÅÅÅ-MM-DD');
    expect(reply.text).not.toContain('<ÅÅÅÅ-MM-DD>:');
    await p.as('UNILS', 'profile lang:en');
    expect((await p.as('UNILS', 'away tomorrow')).text).toContain('“tomorrow” is not a valid date. Write dates as YYYY-MM-DD');
    expect(await absencesOf(p)).toEqual([]);
  });
});

describe('digest here', () => {
  it('Swedish keys, a Swedish weekday, a time with a dot and a Swedish language word store exactly that', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UPM', 'sammanfattning här dag:måndag tid:8.30 språk:engelska', inChannel(channel()));
    expect(reply.text).toBe('Den här kanalen får veckosammanfattningen varje måndag kl. 08:30.');
    expect((await subscriptionsOf(p)).map((s) => [s.weekday, s.time, s.language])).toEqual([[1, '08:30', 'en']]);
  });

  it('the long English day names are still accepted', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UPM', 'digest here day:Friday time:14:00 lang:sv', inChannel(channel()));
    expect((await subscriptionsOf(p)).map((s) => [s.weekday, s.time, s.language])).toEqual([[5, '14:00', 'sv']]);
  });

  it('a loose word is refused and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UPM', 'digest here dag:fre varje vecka', inChannel(channel()));
    expect(errorCode(reply)).toBe('args.leftover');
    expect(await subscriptionsOf(p)).toEqual([]);
  });

  it('a mistyped key gets «Menade du» and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const reply = await p.as('UPM', 'digest here dgg:fre', inChannel(channel()));
    expect(errorCode(reply)).toBe('args.unknown_key');
    expect(reply.text).toContain('Menade du `dag:fre`?');
    expect(await subscriptionsOf(p)).toEqual([]);
  });
});

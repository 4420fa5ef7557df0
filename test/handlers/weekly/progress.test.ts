import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { absences, auditLog, progressNotes } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { weeklyProgramme, type WeeklyProgramme } from '../../support/weekly-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const WEEK = 7 * 24 * 60 * 60 * 1000;
const notesOf = (p: WeeklyProgramme) => opened.db.select().from(progressNotes).where(eq(progressNotes.programmeId, p.test.programme.id));

describe('progress', () => {
  it('a leader with one cluster posts a note without cluster: and it is stored for the ISO week in Stockholm', async () => {
    const p = await weeklyProgramme(opened.db);
    const { text } = await p.as('UANNA', 'progress done: Workshop i Kiruna next: Ansökan till Vinnova blockers: Ingen lokal need: Kontakt på LTU mood:yellow');
    expect(text).toBe('Veckorapporten för Rymd vecka 2026-W10 är sparad.');
    const [note] = await notesOf(p);
    expect(note).toMatchObject({ isoWeek: '2026-W10', done: 'Workshop i Kiruna', next: 'Ansökan till Vinnova', blockers: 'Ingen lokal', need: 'Kontakt på LTU', mood: 'yellow' });
    const audit = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, p.test.programme.id), eq(auditLog.action, 'progress.create')));
    expect(audit).toHaveLength(1);
  });

  it('posting again the same week updates the one note in place and keeps the fields not named', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UANNA', 'progress done: Workshop next: Ansökan');
    p.test.clock.advance(2 * 24 * 60 * 60 * 1000);
    const { text } = await p.as('UANNA', 'progress next: Ansökan och budget mood:green');
    expect(text).toBe('Veckorapporten för Rymd vecka 2026-W10 är uppdaterad.');
    const notes = await notesOf(p);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ done: 'Workshop', next: 'Ansökan och budget', mood: 'green' });
  });

  it('late Sunday evening UTC is already Monday in Stockholm, so the note belongs to the new ISO week', async () => {
    const p = await weeklyProgramme(opened.db, { start: new Date('2026-03-08T23:30:00Z') });
    await p.as('UANNA', 'progress done: Helgjobb');
    expect((await notesOf(p)).map((n) => n.isoWeek)).toEqual(['2026-W11']);
  });

  it("with no arguments the leader gets a form whose done: starts from last week's next:", async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UANNA', 'progress done: Workshop next: Skicka ansökan till Vinnova');
    p.test.clock.advance(WEEK);
    const { outcome, text } = await p.as('UANNA', 'progress');
    expect(text).toContain('Fyll i veckorapporten för vecka 2026-W11');
    const form = outcome.kind === 'reply' ? outcome.reply.form : undefined;
    expect(form?.verb).toBe('progress');
    expect(form?.fields.find((f) => f.key === 'done')?.initial).toBe('Skicka ansökan till Vinnova');
    expect(form?.fields.find((f) => f.key === 'cluster')?.initial).toBe('Rymd');
    expect(form?.fields.find((f) => f.key === 'next')?.initial).toBeUndefined();
    expect(await notesOf(p)).toHaveLength(1);
  });

  it('a cluster member who is not its leader or deputy is refused and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UNILS', 'join Rymd');
    const { outcome, text } = await p.as('UNILS', 'progress cluster:Rymd done: Något');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('permission.denied');
    expect(text).toContain('Du får inte köra `veckorapport`');
    expect(await notesOf(p)).toEqual([]);
  });

  it('the leader of one cluster cannot write another cluster\'s note', async () => {
    const p = await weeklyProgramme(opened.db, { clusters: ['Rymd', 'Skog'] });
    const { outcome, text } = await p.as('UBO', 'progress cluster:Rymd done: Något');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('progress.not_allowed');
    expect(text).toContain('Bara ledare och ersättare i Rymd');
    expect(await notesOf(p)).toEqual([]);
  });

  it('an unknown mood is refused with an example and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const { text } = await p.as('UANNA', 'progress done: Workshop mood:blue');
    expect(text).toContain('”blue” är inget av `grön`, `gul`, `röd`.');
    expect(text).toContain('Exempel: `veckorapport gjort:');
    expect(await notesOf(p)).toEqual([]);
  });

  it('words without any field are refused with an example, not stored, and do not open the form', async () => {
    const p = await weeklyProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', 'progress Workshop klar');
    expect(outcome.kind === 'reply' && [outcome.reply.error?.code, outcome.reply.form]).toEqual(['args.leftover', undefined]);
    expect(text).toContain('Jag förstod inte ”Workshop”, ”klar”');
    expect(text).toContain('Exempel: `veckorapport gjort:');
    expect(await notesOf(p)).toEqual([]);
  });

  it('a manager with no cluster of their own must name the cluster', async () => {
    const p = await weeklyProgramme(opened.db, { clusters: ['Rymd', 'Skog'] });
    const { text } = await p.as('UPM', 'progress done: Styrgrupp');
    expect(text).toContain('Säg vilket kluster rapporten gäller med kluster:<namn>');
    expect(await notesOf(p)).toEqual([]);
    await p.as('UPM', 'progress cluster:Skog done: Styrgrupp');
    expect((await notesOf(p)).map((n) => n.done)).toEqual(['Styrgrupp']);
  });

  it('progress show lists the recent notes newest first, limited by weeks:', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UANNA', 'progress done: Vecka tio mood:green');
    p.test.clock.advance(WEEK);
    await p.as('UANNA', 'progress done: Vecka elva blockers: Budget');
    const { text } = await p.as('UNILS', 'progress show Rymd weeks:1');
    expect(text).toContain('Veckorapporter för Rymd');
    expect(text).toContain('2026-W11 · Anna\n  • Gjort: Vecka elva\n  • Hinder: Budget');
    expect(text).not.toContain('Vecka tio');
    const { text: bad } = await p.as('UNILS', 'progress show Rymd weeks:0');
    expect(bad).toContain('”0” är inte ett heltal från 1 till 52.');
  });

  it("the leader's and the deputy's notes of one week are both stored and shown together, each under its writer's name", async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UPM', 'cluster role Rymd <@UDANA|Dana> deputy');
    expect((await p.as('UANNA', 'progress done: Skickade Vinnova-utkast mood:green')).text).toBe('Veckorapporten för Rymd vecka 2026-W10 är sparad.');
    p.test.clock.advance(60 * 60 * 1000);
    const { text: deputySaved } = await p.as('UDANA', 'progress done: Utbildning i exportkontroll');
    expect(deputySaved).toBe('Veckorapporten för Rymd vecka 2026-W10 är sparad.\nOckså Anna har skrivit en veckorapport för Rymd den här veckan. Var och en har sin egen; de visas tillsammans med `veckorapport visa`.');
    const notes = await notesOf(p);
    expect(notes.map((n) => [n.isoWeek, n.done]).sort()).toEqual([['2026-W10', 'Skickade Vinnova-utkast'], ['2026-W10', 'Utbildning i exportkontroll']]);
    const { text } = await p.as('UNILS', 'progress show Rymd');
    expect(text).toContain('2026-W10 · Anna – grönt\n  • Gjort: Skickade Vinnova-utkast');
    expect(text).toContain('2026-W10 · Dana\n  • Gjort: Utbildning i exportkontroll');
  });

  it("a second post by the same writer updates only their own note, never the other writer's", async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UPM', 'cluster role Rymd <@UDANA|Dana> deputy');
    await p.as('UANNA', 'progress done: Skickade Vinnova-utkast next: Budget');
    await p.as('UDANA', 'progress done: Utbildning i exportkontroll');
    const { text } = await p.as('UDANA', 'progress done: Utbildning i exportkontroll för fem företag mood:yellow');
    expect(text).toContain('Veckorapporten för Rymd vecka 2026-W10 är uppdaterad.');
    const byDone = (await notesOf(p)).map((n) => [n.done, n.next, n.mood]).sort();
    expect(byDone).toEqual([['Skickade Vinnova-utkast', 'Budget', null], ['Utbildning i exportkontroll för fem företag', null, 'yellow']]);
    // The deputy's form starts from the deputy's own note, not the leader's.
    const { outcome } = await p.as('UDANA', 'progress');
    const form = outcome.kind === 'reply' ? outcome.reply.form : undefined;
    expect(form?.fields.find((f) => f.key === 'done')?.initial).toBe('Utbildning i exportkontroll för fem företag');
    expect(form?.fields.find((f) => f.key === 'next')?.initial).toBeUndefined();
  });

  it('a cluster-week counts as posted when its deputy wrote the note', async () => {
    const p = await weeklyProgramme(opened.db, { clusters: ['Rymd', 'Skog'] });
    await p.as('UPM', 'cluster role Rymd <@UDANA|Dana> deputy');
    await p.as('UDANA', 'progress done: Klart');
    const { text } = await p.as('UPM', 'progress missing');
    expect(text).toContain('Saknar veckorapport vecka 2026-W10 (1)');
    expect(text).not.toContain('Rymd');
  });

  it('progress missing names the clusters without a note this week and their leaders', async () => {
    const p = await weeklyProgramme(opened.db, { clusters: ['Rymd', 'Skog'] });
    await p.as('UANNA', 'progress done: Klart');
    const { text } = await p.as('UPM', 'progress missing');
    expect(text).toContain('Saknar veckorapport vecka 2026-W10 (1)');
    expect(text).toContain('Skog (Bo)');
    expect(text).not.toContain('Rymd');
  });
});

describe('away', () => {
  it('an absence is stored and confirmed; a reversed or impossible date is refused and nothing stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const stored = () => opened.db.select().from(absences).where(eq(absences.programmeId, p.test.programme.id));
    expect((await p.as('UANNA', 'away 2026-03-10 2026-03-01')).text).toContain('Slutdatumet 2026-03-01 är före startdatumet 2026-03-10');
    expect((await p.as('UANNA', 'away 2026-02-30 2026-03-01')).text).toContain('”2026-02-30” är inget giltigt datum');
    expect(await stored()).toEqual([]);
    const { text } = await p.as('UANNA', 'away 2026-03-10 2026-03-20');
    expect(text).toBe('Noterat: du är borta 2026-03-10 – 2026-03-20. Du får inga påminnelser då.');
    expect((await stored()).map((a) => [a.fromDate, a.toDate])).toEqual([['2026-03-10', '2026-03-20']]);
  });
});

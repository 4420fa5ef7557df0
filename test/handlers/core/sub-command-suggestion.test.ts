// A mistyped sub-command (`cluster lsit`, `kluster lsit`, `exchange nede fel`, `möte vsia 5`) is answered with
// the sub-command it most likely meant, not read as a value or a title of the one-word command; values and
// titles that really are values and titles still work. The suggestion and the example under it are in the
// reader's words, whatever language the command was typed in (docs/architecture.md "Command grammar").
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, exchangePosts, meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const rowsOf = async (programmeId: string) => ({
  clusters: (await opened.db.select().from(clusters).where(eq(clusters.programmeId, programmeId))).length,
  posts: (await opened.db.select().from(exchangePosts).where(eq(exchangePosts.programmeId, programmeId))).length,
  meetings: (await opened.db.select({ title: meetings.title }).from(meetings).where(eq(meetings.programmeId, programmeId))).map((m) => m.title).sort(),
});

describe('a mistyped sub-command', () => {
  it('`cluster lsit` and `exchange nede fel` suggest the sub-command in Swedish, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await rowsOf(p.test.programme.id);

    const list = await p.as('UANNA', 'cluster lsit');
    expect(list.outcome.kind === 'reply' && list.outcome.reply.error?.code).toBe('verb.unknown');
    expect(list.text).toContain('Jag känner inte igen ”cluster lsit”.');
    expect(list.text).toContain('Menade du `kluster lista`? Exempel: `kluster lista alla`');
    expect(list.text).not.toMatch(/är (inget av|inte) `/);

    const need = await p.as('UANNA', 'exchange nede fel');
    expect(need.outcome.kind === 'reply' && need.outcome.reply.error?.code).toBe('verb.unknown');
    expect(need.text).toContain('Menade du `utbyte behov fel`?');
    expect(need.text).not.toContain('exchange need');
    expect(need.text).not.toMatch(/är (inget av|inte) `/);

    const swedishVerb = await p.as('UANNA', 'kluster lsita');
    expect(swedishVerb.text).toContain('Menade du `kluster lista`?');

    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('a mistyped first word of a two-word command (`meetng show M1`, `möe visa M1`) is answered with that command, not the one-word one', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await rowsOf(p.test.programme.id);
    const english = await p.as('UANNA', 'meetng show M1');
    expect(english.outcome.kind === 'reply' && english.outcome.reply.error?.code).toBe('verb.unknown');
    expect(english.text).toContain('Menade du `möte visa`?');
    const swedish = await p.as('UANNA', 'möe visa M1');
    expect(swedish.text).toContain('Menade du `möte visa`?');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('`kluster lsit` is caught like `cluster lsit`, and answered in Swedish words', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await rowsOf(p.test.programme.id);
    const { outcome, text } = await p.as('UANNA', 'kluster lsit');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('verb.unknown');
    expect(text).toBe('Jag känner inte igen ”kluster lsit”.\nMenade du `kluster lista`? Exempel: `kluster lista alla`\nSkriv `hjälp` för att se alla kommandon.');
    expect(text).not.toContain('cluster list');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('`möte vsia 5` is not stored as a meeting titled «vsia 5»: it is answered `möte visa M5`', async () => {
    const p = await meetingProgramme(opened.db);
    const logged = await p.as('UANNA', 'möte "Styrgrupp februari" datum:2026-02-16 kluster:Rymd');
    expect(logged.outcome.kind === 'reply' && logged.outcome.reply.error).toBeUndefined();
    const before = await rowsOf(p.test.programme.id);
    expect(before.meetings).toEqual(['Styrgrupp februari']);
    const { outcome, text } = await p.as('UANNA', 'möte vsia 5');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('verb.unknown');
    expect(text).toContain('Jag känner inte igen ”möte vsia”.');
    // The example names the programme's meeting, as under the refusal of `möte visa 5`.
    expect(text).toContain('Menade du `möte visa M5`? Exempel: `möte visa M1`');
    expect(text).not.toContain('meeting');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('`möte vsia` alone, or words that fit only the sub-command, are answered with it, and no meeting is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await rowsOf(p.test.programme.id);
    const alone = await p.as('UANNA', 'möte vsia');
    expect(alone.outcome.kind === 'reply' && alone.outcome.reply.error?.code).toBe('verb.unknown');
    expect(alone.text).toContain('Menade du `möte visa`?');
    const plan = await p.as('UANNA', 'möte palnera Workshop datum:2026-04-01 tid:10:00');
    expect(plan.text).toContain('Menade du `möte planera Workshop datum:2026-04-01 tid:10:00`?');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
    // A quoted one-word title is a title.
    const quoted = await p.as('UANNA', 'möte "Planer"');
    expect(quoted.outcome.kind === 'reply' && quoted.outcome.reply.error).toBeUndefined();
    expect((await rowsOf(p.test.programme.id)).meetings).toEqual(['Planer']);
  });

  it('a hyphenated sub-command typed as two words (`kluster byt namn`, `möte ta bort`) is answered with it, and nothing changes', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'möte "Styrgrupp februari" datum:2026-02-16 kluster:Rymd');
    const before = await rowsOf(p.test.programme.id);
    const rename = await p.as('UPM', 'kluster byt namn Rymd Rymden');
    expect(rename.outcome.kind === 'reply' && rename.outcome.reply.error?.code).toBe('verb.unknown');
    expect(rename.text).toContain('Jag känner inte igen ”kluster byt namn”.\nMenade du `kluster byt-namn Rymd Rymden`?');
    const remove = await p.as('UANNA', 'möte ta bort M1');
    expect(remove.text).toContain('Menade du `möte radera M1`?');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
    // Words that do not fit the sub-command stay a meeting's title.
    const titled = await p.as('UANNA', 'möte Bjud in partners datum:2026-02-20 kluster:Rymd');
    expect(titled.outcome.kind === 'reply' && titled.outcome.reply.error).toBeUndefined();
    expect((await rowsOf(p.test.programme.id)).meetings).toEqual(['Bjud in partners', 'Styrgrupp februari']);
    expect((await opened.db.select({ name: clusters.name }).from(clusters).where(eq(clusters.programmeId, p.test.programme.id))).map((c) => c.name).sort()).toEqual(['Rymd', 'Skog']);
  });

  it('a meeting whose title starts with a word near a sub-command is still a meeting', async () => {
    const p = await meetingProgramme(opened.db);
    // «Planer» is one letter from `planera`, but `möte planera` takes a title too: the title wins.
    const { outcome, text } = await p.as('UANNA', 'möte Planer för hösten datum:2026-02-16 kluster:Rymd');
    expect(outcome.kind === 'reply' && outcome.reply.error).toBeUndefined();
    expect(text).toContain('Planer för hösten');
    expect((await rowsOf(p.test.programme.id)).meetings).toEqual(['Planer för hösten']);
  });

  it('answers in English for an English reader', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    const before = await rowsOf(p.test.programme.id);
    const { outcome, text } = await p.as('UANNA', 'exchange ofer Vi delar mallar');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('verb.unknown');
    expect(text).toContain("I don't recognise “exchange ofer”.");
    expect(text).toContain('Did you mean `exchange offer Vi delar mallar`? Example: `exchange offer We have written');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('an English reader who types the Swedish words gets the English command', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    const before = await rowsOf(p.test.programme.id);
    const list = await p.as('UANNA', 'kluster lsit');
    expect(list.outcome.kind === 'reply' && list.outcome.reply.error?.code).toBe('verb.unknown');
    expect(list.text).toContain('Did you mean `cluster list`? Example: `cluster list all`');
    expect(list.text).not.toContain('kluster lista');
    const show = await p.as('UANNA', 'möte vsia 5');
    expect(show.text).toContain('Did you mean `meeting show M5`? Example: `meetings`');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('where a cluster\'s name may stand (`plan gpa`, `status idnikatorer`), a near-miss is the sub-command in Swedish words, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await rowsOf(p.test.programme.id);
    const gap = await p.as('UANNA', 'plan gpa');
    expect(gap.outcome.kind === 'reply' && gap.outcome.reply.error?.code).toBe('verb.unknown');
    expect(gap.text).toContain('Jag känner inte igen ”plan gpa”.\nMenade du `plan brist`? Exempel: `plan brist Rymd område:');
    const status = await p.as('UANNA', 'status idnikatorer');
    expect(status.text).toContain('Menade du `status indikatorer`?');
    const pack = await p.as('UANNA', 'överlämna pkaet Rymd');
    expect(pack.text).toContain('Menade du `överlämna paket Rymd`?');
    await p.as('UANNA', 'profile lang:en');
    expect((await p.as('UANNA', 'plan brsit')).text).toContain('Did you mean `plan gap`?');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('a cluster whose name is near a sub-command is still read as the cluster', async () => {
    const p = await meetingProgramme(opened.db);
    const added = await p.as('UPM', 'kluster ny "Gapp Norr" sektor:test');
    expect(added.outcome.kind === 'reply' && added.outcome.reply.error).toBeUndefined();
    const plan = await p.as('UPM', 'plan Gapp Norr');
    expect(plan.outcome.kind === 'reply' && plan.outcome.reply.error).toBeUndefined();
    expect(plan.text).toContain('Utvecklingsplan – Gapp Norr');
  });

  it('values of the one-word command are still values, and a far-off word is still refused as a value', async () => {
    const p = await meetingProgramme(opened.db);
    const all = await p.as('UANNA', 'kluster alla');
    expect(all.outcome.kind === 'reply' && all.outcome.reply.error).toBeUndefined();
    expect(all.text).toContain('Rymd');
    const mine = await p.as('UANNA', 'utbyte mina');
    expect(mine.outcome.kind === 'reply' && mine.outcome.reply.error).toBeUndefined();
    const far = await p.as('UANNA', 'cluster xyzzy');
    expect(far.outcome.kind === 'reply' && far.outcome.reply.error?.code).toBe('args.enum_invalid');
    expect(far.text).toContain('”xyzzy” är inte `alla`');
  });
});

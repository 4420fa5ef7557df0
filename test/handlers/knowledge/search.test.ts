import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../bot/slack/render-blocks.js';
import { notes } from '../../../db/schema/index.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function seeded() {
  const p = await meetingProgramme(opened.db);
  await p.as('UANNA', 'meeting "Mötet om testbädden" date:2026-02-02 cluster:Rymd\ndecision: Två möten per termin räcker\naction: @Nils Boka mötet i Luleå due:2026-02-20');
  await p.as('UERIK', 'meeting Skogsdag date:2026-02-10 cluster:Skog\ndecision: Beslut om budgeten skjuts upp');
  await p.as('UNILS', 'note Rymd Vi får bidrag från Vinnova');
  await p.as('UERIK', 'note Skog Min far ringde om skogsdagen');
  return p;
}

describe('search', () => {
  it('`möte` finds mötet and möten, and each hit shows its source, date, cluster and a snippet', async () => {
    const p = await seeded();
    const { text } = await p.as('UOLLE', 'search möte');
    expect(text).toContain('Träffar för ”möte” (3)');
    expect(text).toContain('Möte M1 · 2026-02-02 · Rymd – *Mötet* om testbädden');
    expect(text).toContain('Beslut i M1 ”Mötet om testbädden” · 2026-02-02 · Rymd – Två *möten* per termin räcker');
    expect(text).toContain('Åtgärd A1 (M1) · 2026-02-02 · Rymd – Boka *mötet* i Luleå');
  });

  it('a word is also found as the last part of a Swedish compound, after the plain matches', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting "Styrgruppsmötet i mars" date:2026-02-02 cluster:Rymd\ndecision: Medlemsrekryteringen prioriteras');
    await p.as('UNILS', 'note Rymd Budgetmöten hålls i april');
    await p.as('UANNA', 'meeting "Möte om testbädden" date:2026-01-12 cluster:Rymd');
    await p.as('UERIK', 'meeting "Erfarenhetsutbyte med Skog" date:2026-02-03 cluster:Skog');
    const meeting = await p.as('UOLLE', 'search möte');
    expect(meeting.text).toContain('Träffar för ”möte” (3)');
    const lines = meeting.text.split('\n').filter((l) => l.includes(' – '));
    expect(lines[0]).toContain('Möte M2 · 2026-01-12 · Rymd – *Möte* om testbädden');
    expect(lines.slice(1).join('\n')).toContain('Anteckning N1 · 2026-03-02 · Rymd – Budgetmöten hålls i april');
    expect(lines.slice(1).join('\n')).toContain('Möte M1 · 2026-02-02 · Rymd – Styrgruppsmötet i mars');

    const recruiting = await p.as('UOLLE', 'sök rekrytering');
    expect(recruiting.text).toContain('Träffar för ”rekrytering” (1)');
    expect(recruiting.text).toContain('Beslut i M1 ”Styrgruppsmötet i mars” · 2026-02-02 · Rymd – Medlemsrekryteringen prioriteras');

    expect((await p.as('UOLLE', 'search möte -budget')).text).toContain('Träffar för ”möte -budget” (2)');
    expect((await p.as('UOLLE', 'search styrgrupp möte')).text).toContain('Träffar för ”styrgrupp möte” (1)');
    // Only the end of a word counts: `far` stands inside `erfarenhetsutbyte` but does not end it.
    expect((await p.as('UOLLE', 'search far')).text).not.toContain('Erfarenhetsutbyte');
  });

  it('`mötet` finds möte and möten too, and `beslutet` finds beslut', async () => {
    const p = await seeded();
    expect((await p.as('UOLLE', 'sök mötet')).text).toContain('Träffar för ”mötet” (3)');
    expect((await p.as('UOLLE', 'sök beslutet')).text).toContain('Beslut i M2 ”Skogsdag” · 2026-02-10 · Skog – *Beslut* om budgeten skjuts upp');
  });

  it('å, ä and ö are letters of their own: `får` is not `far`', async () => {
    const p = await seeded();
    const sheep = await p.as('UOLLE', 'search får');
    expect(sheep.text).toContain('Träffar för ”får” (1)');
    expect(sheep.text).toContain('Anteckning N1 · 2026-03-02 · Rymd – Vi *får* bidrag från Vinnova');
    const father = await p.as('UOLLE', 'search far');
    expect(father.text).toContain('Träffar för ”far” (1)');
    expect(father.text).toContain('Anteckning N2 · 2026-03-02 · Skog – Min *far* ringde om skogsdagen');
  });

  it('hits are ranked, the denser match first', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UNILS', 'note Rymd Kiruna nämndes i förbigående bland många andra orter, som Luleå, Boden, Piteå och Skellefteå');
    await p.as('UNILS', 'note Rymd Kiruna: testbädden i Kiruna');
    const { text } = await p.as('UOLLE', 'search kiruna');
    expect(text.indexOf('Anteckning N2')).toBeGreaterThan(-1);
    expect(text.indexOf('Anteckning N2')).toBeLessThan(text.indexOf('Anteckning N1'));
  });

  it('a long text shows the words around the match, marked as cut', async () => {
    const p = await meetingProgramme(opened.db);
    const filler = 'vi pratade länge om allt möjligt som inte hör hit '.repeat(30);
    await p.as('UNILS', `note Rymd ${filler} och sedan om testbädden i Kiruna ${filler}`);
    const { text } = await p.as('UOLLE', 'search kiruna');
    const line = text.split('\n').find((l) => l.includes('Anteckning N1'))!;
    expect(line).toMatch(/ – … .*\*Kiruna\*.* …$/);
    expect(line.length).toBeLessThan(400);
  });

  it('phrases in quotes and -words narrow the search', async () => {
    const p = await seeded();
    expect((await p.as('UOLLE', 'search "två möten"')).text).toContain('Träffar för ”två möten” (1)');
    expect((await p.as('UOLLE', 'search möte -luleå')).text).toContain('(2)');
  });

  it('a match inside a `code span` a person wrote is not marked: the asterisks would show inside it', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UNILS', 'note Rymd Skriv `cluster list` för att se alla kluster i listan');
    const found = (await p.as('UOLLE', 'sök list')).text;
    expect(found).toContain('Skriv `cluster list` för att se alla kluster i *listan*');
    expect(found).not.toContain('`cluster *list*`');
  });

  it('a search shows the stored text as typed: `R&D` is one match, a note’s <b> stays, the header has one pair of quotes', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UNILS', 'note Rymd Vi satsar på R&D i år, rakt fram');
    await p.as('UNILS', 'note Rymd Gå rakt dit efter mötet');
    await p.as('UNILS', 'note Rymd En <b>fet</b> rubrik & en *stjärna* om testbädden');
    const stored = await opened.db.select({ number: notes.number, text: notes.text }).from(notes).where(eq(notes.programmeId, p.test.programme.id)).orderBy(asc(notes.number));
    expect(stored.map((n) => n.text)).toEqual(['Vi satsar på R&D i år, rakt fram', 'Gå rakt dit efter mötet', 'En <b>fet</b> rubrik & en *stjärna* om testbädden']);

    // `r` and `d` are whole words here, not prefixes: «rakt dit» is no R&D.
    const rd = await p.as('UOLLE', 'search "R&D"');
    expect(rd.text).toContain('Träffar för ”R&D” (1)');
    expect(rd.text).toContain('Anteckning N1 · 2026-03-02 · Rymd – Vi satsar på *R&D* i år, rakt fram');
    expect(rd.text).not.toContain('*rakt*');
    expect(rd.text).not.toContain('N2');

    const bold = await p.as('UOLLE', 'search testbädden');
    expect(bold.text).toContain('Anteckning N3 · 2026-03-02 · Rymd – En <b>fet</b> rubrik & en *stjärna* om *testbädden*');
    // Slack gets the stored characters escaped, not as markup of its own.
    const slack = bold.outcome.kind === 'reply' ? JSON.stringify(renderBlocks(bold.outcome.reply).blocks) : '';
    expect(slack).toContain('En &lt;b&gt;fet&lt;/b&gt; rubrik &amp; en');

    await p.as('UOLLE', 'profile lang:en');
    const english = await p.as('UOLLE', 'search "R&D"');
    expect(english.text).toContain('Results for “R&D” (1)');
    expect(english.text).toContain('Note N1 · 2026-03-02 · Rymd – Vi satsar på *R&D* i år, rakt fram');
    expect((await p.as('UOLLE', 'search "nothing like it"')).text).toBe('Nothing found for “nothing like it”.');
  });

  it('never finds another programme’s records', async () => {
    await seeded();
    const other = await meetingProgramme(opened.db);
    expect((await other.as('UOLLE', 'search möte')).text).toBe('Inga träffar för ”möte”.');
  });

  it('only small words or nothing at all get a hint, not an error page', async () => {
    const p = await seeded();
    expect((await p.as('UOLLE', 'search och att')).text).toBe('”och att” har inga ord att söka på: sökningen hoppar över småord (som ”och” och ”att”), tecken och emoji. Prova med andra ord.');
    expect((await p.as('UOLLE', 'sök 🚀 &')).text).toContain('har inga ord att söka på');
    const empty = await p.as('UOLLE', 'sök');
    expect(errorCode(empty.outcome)).toBe('args.missing');
    expect(empty.text).toContain('Det saknas något att söka efter.\nExempel: `sök möte styrgrupp`');
  });

  it('a search of thousands of words (found by fuzzing) is refused with the limits and an example, not an error', async () => {
    const p = await seeded();
    const pasted = await p.as('UOLLE', `sök ${'å '.repeat(5_000)}`);
    expect(errorCode(pasted.outcome)).toBe('search.too_long');
    expect(pasted.text).toBe('En sökning kan ha högst 30 ord och 300 tecken. Välj några av orden.\nExempel: `sök möte styrgrupp`');
    // Thirty words still search.
    expect(errorCode((await p.as('UOLLE', `search möte ${'styrgrupp '.repeat(29)}`)).outcome)).toBeUndefined();
  });

  it('speaks English to English speakers', async () => {
    const p = await seeded();
    await p.as('UOLLE', 'profile lang:en');
    const { text } = await p.as('UOLLE', 'search vinnova');
    expect(text).toContain('Results for “vinnova” (1)');
    expect(text).toContain('Note N1 · 2026-03-02 · Rymd – Vi får bidrag från *Vinnova*');
  });
});

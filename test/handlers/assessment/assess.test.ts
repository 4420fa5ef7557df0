import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { assessments, planGaps } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const rowsOf = (programmeId: string) => opened.db.select().from(assessments).where(eq(assessments.programmeId, programmeId)).orderBy(assessments.createdAt);
const sv = 'assess Rymd struktur:3 styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3 strategi:2';

describe('assess: the one-line form', () => {
  it('a leader assesses her cluster in Swedish with evidence lines; every area and line is stored, and weak areas are offered as gaps', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const { outcome, text } = await as('UANNA', `${sv}\nstruktur: 14 medlemmar, två anställda\nstyrning: Styrgruppen har inte mötts i år`);
    expect(errorCode({ outcome })).toBeUndefined();
    expect(text).toContain('Självskattningen av Rymd är sparad (2026-03-02).');
    expect(text).toContain('finansiering: 4');
    expect(text).toContain('3 områden med 1–2 saknar öppen brist i planen: styrning och ledning, medlemmarnas samverkan och strategi.');
    const [row, ...rest] = await rowsOf(test.programme.id);
    expect(rest).toEqual([]);
    expect([row?.structure, row?.governance, row?.financing, row?.services, row?.cooperation, row?.recognition, row?.strategy, row?.assessedOn]).toEqual([3, 2, 4, 3, 2, 3, 2, '2026-03-02']);
    expect(row?.evidence).toEqual({ structure: '14 medlemmar, två anställda', governance: 'Styrgruppen har inte mötts i år' });
    const buttons = outcome.kind === 'reply' ? (outcome.reply.buttons ?? []).map((b) => b.command) : [];
    expect(buttons).toEqual([
      'plan brist Rymd område:styrning Självskattning 2026-03-02: styrning och ledning 2/5',
      'plan brist Rymd område:samverkan Självskattning 2026-03-02: medlemmarnas samverkan 2/5',
      'plan brist Rymd område:strategi Självskattning 2026-03-02: strategi 2/5',
    ]);
  });

  it('an area that already has an open gap is not offered again, and pressing a button adds the gap, which the plan shows with its score', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:strategy Ingen skriven strategi');
    const { outcome } = await as('UDANA', sv);
    const buttons = outcome.kind === 'reply' ? (outcome.reply.buttons ?? []).map((b) => b.command) : [];
    expect(buttons.map((c) => c.split(' ')[3])).toEqual(['område:styrning', 'område:samverkan']);
    expect((await as('UDANA', buttons[0]!)).text).toContain('Bristen G2 är tillagd i planen för Rymd');
    const gaps = await opened.db.select().from(planGaps).where(eq(planGaps.programmeId, test.programme.id));
    expect(gaps.map((g) => g.area).sort()).toEqual(['governance', 'strategy']);
    const plan = (await as('UOLLE', 'plan Rymd')).text;
    expect(plan).toContain('G1 [strategi 2/5] Ingen skriven strategi');
    expect(plan).toContain('G2 [styrning och ledning 2/5] Självskattning 2026-03-02: styrning och ledning 2/5');
  });

  it('in English, a second assessment is kept beside the first and assess show compares latest, previous and first', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'profile språk:engelska');
    await as('UANNA', 'assess Rymd structure:2 governance:2 financing:2 services:2 cooperation:2 recognition:2 strategy:2');
    test.clock.set(new Date('2026-09-10T09:00:00Z'));
    await as('UANNA', 'assess Rymd structure:3 governance:2 financing:3 services:2 cooperation:2 recognition:2 strategy:2');
    test.clock.set(new Date('2027-03-10T09:00:00Z'));
    const third = await as('UANNA', 'assess Rymd structure:4 governance:3 financing:2 services:2 cooperation:1 recognition:2 strategy:3\nfinancing: The regional grant ended');
    expect(third.text).toContain('Compared with the previous one (2026-09-10): 3 improved, 2 unchanged, 2 fell.');
    expect(await rowsOf(test.programme.id)).toHaveLength(3);
    const show = (await as('UOLLE', 'assess show Rymd')).text;
    expect(show).toContain('Självskattning – Rymd');
    const shown = (await as('UANNA', 'assess show Rymd')).text;
    expect(shown).toContain('Latest 2027-03-10 (Anna) · previous 2026-09-10 · first 2026-03-02');
    expect(shown).toContain('structure: 4 (previous 3, first 2) – improved');
    expect(shown).toContain('cooperation: 1 (previous 2, first 2) – fell');
    expect(shown).toContain('services: 2 (previous 2, first 2) – unchanged');
    expect(shown).toContain('Since the first: 3 improved, 3 unchanged, 1 fell.');
    expect(shown).toContain('financing: The regional grant ended');
    expect(shown.split('\n').length).toBeLessThanOrEqual(25);
  });

  it('a second assessment the same day corrects the first: both are stored, but it is no improvement in the reply, status or the funder indicator', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'assess Rymd structure:2 governance:2 financing:2 services:2 cooperation:2 recognition:2 strategy:2');
    test.clock.advance(20 * 60_000); // the deputy scores twenty minutes later, the same day
    const again = await as('UDANA', 'assess Rymd structure:4 governance:3 financing:4 services:3 cooperation:3 recognition:2 strategy:2');
    expect(errorCode(again.outcome)).toBeUndefined();
    expect(again.text).not.toContain('förbättrade');
    expect(await rowsOf(test.programme.id)).toHaveLength(2);
    const status = (await as('UPM', 'status Rymd')).text;
    expect(status).not.toMatch(/[1-9] förbättrade områden sedan första/);
    expect((await as('UPM', 'status indicators')).text).toMatch(/Kluster med minst tre förbättrade områden: 0\b/);
    // Months later, the change is measured from the day's corrected scores.
    test.clock.set(new Date('2026-09-10T09:00:00Z'));
    const later = await as('UANNA', 'assess Rymd structure:5 governance:3 financing:4 services:3 cooperation:3 recognition:3 strategy:2');
    expect(later.text).toContain('2 förbättrade');
  });

  it('assess <cluster> alone opens a form with a score and an evidence field per area; its submission is stored like the typed form', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const { outcome } = await as('UANNA', 'assess Rymd');
    const form = outcome.kind === 'reply' ? outcome.reply.form : undefined;
    expect(form?.verb).toBe('assess');
    // The console lists the fields by key: a score's key is the word typed on one line, evidence has its own.
    expect(form?.fields.map((f) => f.key)).toEqual(['_text', 'struktur', 'strukturbelägg', 'styrning', 'styrningbelägg', 'finansiering', 'finansieringbelägg', 'tjänster', 'tjänsterbelägg', 'samverkan', 'samverkanbelägg', 'erkännande', 'erkännandebelägg', 'strategi', 'strategibelägg']);
    expect(form?.fields[1]?.options?.[2]).toEqual({ value: '3', label: '3 – Definierade medlemmar, organisationsform och ett litet team' });
    expect(await rowsOf(test.programme.id)).toEqual([]);
    // What the Slack and Teams adapters send back for it (bot/slack/render-modal.ts formValuesToCommand).
    const submitted = 'assess "Rymd" struktur:"3" strukturbelägg:"14 medlemmar" styrning:"2" finansiering:"4" tjänster:"3" samverkan:"2" erkännande:"3" strategi:"5" strategibelägg:"Antagen 2025"';
    expect(errorCode(await as('UANNA', submitted))).toBeUndefined();
    const [row] = await rowsOf(test.programme.id);
    expect([row?.structure, row?.strategy, row?.evidence]).toEqual([3, 5, { structure: '14 medlemmar', strategy: 'Antagen 2025' }]);
  });
});

describe('assess: scores and evidence are told apart the same way in both languages', () => {
  const scoresSv = 'struktur:3 styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3 strategi:2';
  const scoresEn = 'structure:3 governance:2 financing:4 services:3 cooperation:2 recognition:3 strategy:2';

  it('an evidence line runs to its end, even when it holds an area word and a colon, and a following line continues it', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const text = `assess Rymd ${scoresSv}\nstyrning: Ny organisation: tre nivåer, resultat: protokoll varje månad\nsom styrgruppen antog i januari\nstructure: 14 medlemmar`;
    const reply = await as('UANNA', text);
    expect(errorCode(reply)).toBeUndefined();
    expect(reply.text).toContain('Självskattningen av Rymd är sparad');
    const [row] = await rowsOf(test.programme.id);
    expect([row?.governance, row?.recognition, row?.structure]).toEqual([2, 3, 3]);
    expect(row?.evidence).toEqual({ governance: 'Ny organisation: tre nivåer, resultat: protokoll varje månad som styrgruppen antog i januari', structure: '14 medlemmar' });
    const shown = (await as('UOLLE', 'assess show Rymd')).text;
    expect(shown).toContain('styrning och ledning: Ny organisation: tre nivåer, resultat: protokoll');
    // The first assessment alone: its scores, with no empty comparison on every line.
    expect(shown).toContain('Skattad 2026-03-02 (Anna), den första: nästa skattning jämförs med den.');
    expect(shown).toContain('  • styrning och ledning: 2\n');
    expect(shown).not.toContain('förra –');
  });

  it('an English reader scores with English or Swedish words, and `area: N` is a score but `area: N words` evidence', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'profile språk:engelska');
    const reply = await as('UANNA', `assess Rymd structure: 3 governance:2 financing:4 services:3 cooperation:2 recognition:3 strategi:2\nstruktur: 3 staff, service: a weekly newsletter\nstrategy: Adopted in 2025`);
    expect(errorCode(reply)).toBeUndefined();
    expect(reply.text).toContain('The self-assessment of Rymd is saved (2026-03-02).');
    const [row] = await rowsOf(test.programme.id);
    expect([row?.structure, row?.services, row?.strategy]).toEqual([3, 3, 2]);
    expect(row?.evidence).toEqual({ structure: '3 staff, service: a weekly newsletter', strategy: 'Adopted in 2025' });
    // The form in English: the keys the reader types, evidence under its own key; a lone number there is evidence.
    const { outcome } = await as('UANNA', 'assess Rymd');
    const keys = outcome.kind === 'reply' ? (outcome.reply.form?.fields ?? []).map((f) => f.key) : [];
    expect(keys.slice(1, 5)).toEqual(['structure', 'structureevidence', 'governance', 'governanceevidence']);
    test.clock.advance(60_000);
    expect(errorCode(await as('UANNA', 'assess Rymd structure:"4" structureevidence:"3" governance:"2" financing:"4" services:"3" cooperation:"2" recognition:"3" strategy:"2"'))).toBeUndefined();
    const rows = await rowsOf(test.programme.id);
    expect([rows[1]?.structure, rows[1]?.evidence]).toEqual([4, { structure: '3' }]);
  });

  it('the form\'s evidence keys, as the console lists them, can be typed too: their text runs to the next area word', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UANNA', 'assess Rymd struktur:3 strukturbelägg:14 medlemmar, två anställda styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3 strategi:2\nstrategyevidence: 2 Adopted in 2025');
    expect(errorCode(reply)).toBeUndefined();
    const [row] = await rowsOf(test.programme.id);
    expect([row?.structure, row?.governance, row?.strategy]).toEqual([3, 2, 2]);
    expect(row?.evidence).toEqual({ structure: '14 medlemmar, två anställda', strategy: '2 Adopted in 2025' });
  });

  it('a line of scores may follow the command, in either language', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    expect(errorCode(await as('UANNA', `\nassess Rymd\n\n${scoresEn}\nresultat: Två rapporter, service: en mötesplats`))).toBeUndefined();
    const [row] = await rowsOf(test.programme.id);
    expect([row?.structure, row?.strategy, row?.evidence]).toEqual([3, 2, { recognition: 'Två rapporter, service: en mötesplats' }]);
  });

  it.each([
    ['sv', `${sv}\nstrukture: 14 medlemmar`, '”strukture:” är inget område. Områdena är `struktur`, `styrning`, `finansiering`, `tjänster`, `samverkan`, `erkännande`, `strategi`.', 'Menade du `struktur: 14 medlemmar`?', 'Exempel: `självskatta Rymd struktur:3'],
    ['sv', `${sv.replace('strategi:2', 'strategy:2')} strukture:4`, '”strukture:” är inget område.', 'Menade du `struktur:4`?', 'Exempel: `självskatta Rymd struktur:3'],
    ['en', `assess Rymd ${scoresEn}\nstrucure: 14 members`, '“strucure:” is not an area. The areas are `structure`, `governance`, `financing`, `services`, `cooperation`, `recognition`, `strategy`. Scores are written `area:score` on the first line, evidence `area: text` on lines of their own.', 'Did you mean `structure: 14 members`?', 'Example: `assess Rymd structure:3'],
    ['en', `assess Rymd ${scoresEn}\nbudget: 2 MSEK`, '“budget:” is not an area.', 'Example: `assess Rymd structure:3 governance:2'],
    // The nearest area is suggested in the reader's words, whichever language the typo was near.
    ['sv', sv.replace('strategi:2', 'strategyy:2'), '”strategyy:” är inget område.', 'Menade du `strategi:2`?'],
    ['en', `assess Rymd ${scoresEn.replace('governance:2', 'styrnig:2')}`, '“styrnig:” is not an area.', 'Did you mean `governance:2`?'],
  ])('a key that is no area (%s) gets the valid keys and a correct example; nothing is stored', async (language, command, ...shown) => {
    const { test, as } = await meetingProgramme(opened.db);
    if (language === 'en') await as('UANNA', 'profile språk:engelska');
    const reply = await as('UANNA', command);
    expect(errorCode(reply)).toBe('assess.area_unknown');
    for (const text of shown) expect(reply.text).toContain(text);
    expect(await rowsOf(test.programme.id)).toEqual([]);
  });
});

describe('assess: refusals store nothing', () => {
  it.each([
    ['a score outside 1–5', 'assess Rymd struktur:6 styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3 strategi:2', 'assess.score_invalid', '”6” är ingen poäng för struktur'],
    ['an unknown area, with the nearest suggested', 'assess Rymd strukture:3 styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3 strategi:2', 'assess.area_unknown', 'Menade du `struktur:3`?'],
    ['a missing area', 'assess Rymd struktur:3 styrning:2 finansiering:4 tjänster:3 samverkan:2 erkännande:3', 'assess.areas_missing', 'Ett område saknar poäng: strategi.'],
    ['an area scored twice', `${sv} struktur:4`, 'assess.area_twice', 'struktur har fått två poäng'],
    ['words that are neither score nor evidence', `${sv} bra jobbat`, 'assess.words_unexpected', '”bra jobbat”'],
  ])('%s', async (_what, command, code, shown) => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UANNA', command);
    expect(errorCode(reply)).toBe(code);
    expect(reply.text).toContain(shown);
    expect(reply.text).toContain('Exempel: `självskatta Rymd struktur:3 styrning:2 finansiering:4');
    expect(await rowsOf(test.programme.id)).toEqual([]);
  });

  it('a leader may not assess a cluster she does not lead, nor a member his own', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const erik = await as('UERIK', sv);
    expect(errorCode(erik)).toBe('assess.not_allowed');
    expect(erik.text).toContain('Bara ledare och ersättare i Rymd eller en projektledare kan skatta klustret.');
    // The example names the cluster he may assess, not the one he was refused.
    expect(erik.text).toContain('Exempel: `självskatta Skog struktur:3 styrning:2');
    expect(errorCode(await as('UNILS', sv))).toBe('permission.denied');
    expect(errorCode(await as('UPM', sv))).toBeUndefined();
    expect(await rowsOf(test.programme.id)).toHaveLength(1);
    // A refusal of what was typed shows the example for the cluster being assessed, in the reader's language.
    expect((await as('UPM', 'assess Skog struktur:9')).text).toContain('Exempel: `självskatta Skog struktur:3 styrning:2');
    await as('UERIK', 'profile språk:engelska');
    const english = await as('UERIK', 'assess Skog structure:3 governance:2\nfinancing: grants');
    expect(errorCode(english)).toBe('assess.areas_missing');
    expect(english.text).toContain('Example: `assess Skog structure:3 governance:2 financing:4');
    expect(await rowsOf(test.programme.id)).toHaveLength(1);
  });
});

describe('assess levels', () => {
  it('shows the five levels of one area in the reader\'s language, and the lowest and highest of every area', async () => {
    const { as } = await meetingProgramme(opened.db);
    const one = (await as('UNILS', 'självskatta nivåer finansiering')).text;
    expect(one).toContain('Nivåerna i finansiering');
    expect(one).toContain('3 – Flera källor, men beroende av offentliga medel');
    expect(one.split('\n').filter((l) => l.includes(' – '))).toHaveLength(5);
    const all = (await as('UNILS', 'assess levels')).text;
    expect(all).toContain('strategi: 1 – Ingen skriven strategi … 5 – Strategin revideras regelbundet utifrån resultat och omvärld');
    expect(all.split('\n').length).toBeLessThanOrEqual(25);
  });
});

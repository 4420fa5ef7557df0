// The exchange commands read their words against their declarations: Swedish keys and enum words store
// exactly what is meant, and a word that fits nowhere is refused before anything is stored.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exchangeLearnings, exchangePauses, exchangePosts, exchangeProposals, notes } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const posts = (p: MeetingProgramme) =>
  opened.db.select({ kind: exchangePosts.kind, topic: exchangePosts.topic, tags: exchangePosts.tags }).from(exchangePosts).where(eq(exchangePosts.programmeId, p.test.programme.id));
const proposals = (p: MeetingProgramme) =>
  opened.db.select({ state: exchangeProposals.state, offerAnswer: exchangeProposals.offerAnswer, declineReason: exchangeProposals.declineReason }).from(exchangeProposals).where(eq(exchangeProposals.programmeId, p.test.programme.id));
const learnings = (p: MeetingProgramme) => opened.db.select().from(exchangeLearnings).where(eq(exchangeLearnings.programmeId, p.test.programme.id));

/** Erik (Skog) offers Interreg help and Anna (Rymd) needs it: X1 is proposed. */
async function proposed() {
  const p = await meetingProgramme(opened.db);
  await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar tags:"eu projects"');
  await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
  return p;
}

async function introduced() {
  const p = await proposed();
  await p.as('UANNA', 'exchange accept X1');
  await p.as('UERIK', 'exchange accept X1');
  return p;
}

describe('exchange need and offer grammar', () => {
  it('a need that begins with the name of a cluster the person runs is that cluster\'s, and its topic is the rest', async () => {
    const p = await meetingProgramme(opened.db);
    // Dana deputises Rymd; the cluster comes first as in `anteckning Rymd …`, in any case or quoted.
    expect((await p.as('UDANA', 'utbyte behov Rymd Hjälp med en Vinnova-ansökan')).text).toContain('Behovet är registrerat för Rymd.');
    expect((await p.as('UDANA', 'utbyte erbjud "rymd" Mallar för projektbudget')).text).toContain('Erbjudandet är registrerat för Rymd.');
    // A word that only begins like the name, and a cluster the person does not run, stay in the topic as typed.
    await p.as('UDANA', 'utbyte behov Rymdresor behöver sponsorer');
    await p.as('UERIK', 'utbyte erbjud Rymd och Skog har samma behov av testbäddar');
    const stored = (await posts(p)).map((row) => [row.kind, row.topic]);
    expect(stored.sort()).toEqual([
      ['need', 'Hjälp med en Vinnova-ansökan'],
      ['need', 'Rymdresor behöver sponsorer'],
      ['offer', 'Mallar för projektbudget'],
      ['offer', 'Rymd och Skog har samma behov av testbäddar'],
    ]);
  });

  it('a need written with Swedish keys stores its topic, its tags and the named cluster exactly', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', 'utbyte behov Hjälp med en Interreg-ansökan taggar:"EU projects",Finansiering kluster:Skog');
    expect(errorCode(outcome)).toBeUndefined();
    expect(text).toContain('Behovet är registrerat för Skog.');
    expect(await posts(p)).toEqual([{ kind: 'need', topic: 'Hjälp med en Interreg-ansökan', tags: 'eu projects,finansiering' }]);
  });

  it('tags given before the topic still leave the topic whole', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'exchange offer taggar:skog,data Skogsdata från satellit');
    expect(await posts(p)).toEqual([{ kind: 'offer', topic: 'Skogsdata från satellit', tags: 'skog,data' }]);
  });

  it('a colon word that is no key of the command stays in the topic as typed', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'exchange need Obs: R&D-möte: budget > 2 MSEK, se https://www.esa.int');
    expect((await posts(p))[0]?.topic).toBe('Obs: R&D-möte: budget > 2 MSEK, se https://www.esa.int');
  });

  it('a word after a one-word tag is refused with a suggestion to quote, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UERIK', 'exchange offer Testbäddar i Kiruna taggar:eu projects');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”projects”');
    expect(text).toContain('Menade du `taggar:"eu projects"`?');
    expect(await posts(p)).toEqual([]);
  });

  it('a mistyped key near a declared one gets «Menade du» and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', 'exchange need Skogsdata klustr:Skog');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `kluster:Skog`?');
    expect(await posts(p)).toEqual([]);
  });
});

describe('exchange list grammar', () => {
  it('the Swedish filter word shows one’s own posts and proposals', async () => {
    const p = await proposed();
    const { text } = await p.as('UERIK', 'utbyte lista mina');
    expect(text).toContain('Dina utbyten');
    expect(text).toContain('X1 · Anna (Rymd) · föreslaget');
    expect((await p.as('UOLLE', 'exchange list öppna')).text).toContain('Öppna behov och erbjudanden');
  });

  it('a filter that is neither mine nor open is refused with the words there are', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UOLLE', 'exchange list alla');
    expect(errorCode(outcome)).toBe('args.enum_invalid');
    expect(text).toContain('”alla” är inget av `mina`, `öppna`.');
  });
});

describe('exchange answers grammar', () => {
  it('a decline keeps its reason exactly, colon words and times included', async () => {
    const p = await proposed();
    await p.as('UERIK', 'utbyte nej X1 Skäl: styrelsemöte 14:00 hela våren');
    expect(await proposals(p)).toEqual([{ state: 'declined', offerAnswer: 'declined', declineReason: 'Skäl: styrelsemöte 14:00 hela våren' }]);
  });

  it('words after an accept are refused and the proposal stays unanswered', async () => {
    const p = await proposed();
    const { outcome, text } = await p.as('UERIK', 'exchange accept X1 gärna');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”gärna”');
    expect(await proposals(p)).toEqual([{ state: 'proposed', offerAnswer: null, declineReason: null }]);
  });

  it('a learning written after lärdom: is stored exactly as typed', async () => {
    const p = await introduced();
    const { outcome } = await p.as('UANNA', 'utbyte klart X1 lärdom: Börja med en skiss – se https://example.org/mall: sida 2');
    expect(errorCode(outcome)).toBeUndefined();
    expect((await learnings(p)).map((l) => l.text)).toEqual(['Börja med en skiss – se https://example.org/mall: sida 2']);
    const stored = await opened.db.select({ text: notes.text }).from(notes).where(eq(notes.programmeId, p.test.programme.id));
    expect(stored[0]?.text).toContain('Börja med en skiss – se https://example.org/mall: sida 2');
  });

  it('a learning typed without lärdom: is refused with the example, and nothing is stored', async () => {
    const p = await introduced();
    const { outcome, text } = await p.as('UANNA', 'exchange done X1 Börja med en skiss');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Exempel: `utbyte klart X7 lärdom: Börja med en skiss på en sida innan partnerna tillfrågas.`');
    expect(await learnings(p)).toEqual([]);
    expect((await proposals(p))[0]?.state).toBe('introduced');
  });

  it('a mistyped learned: key gets «Menade du» and nothing is stored', async () => {
    const p = await introduced();
    const { outcome, text } = await p.as('UANNA', 'exchange done X1 lerned: Börja med en skiss');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `lärdom:');
    expect(await learnings(p)).toEqual([]);
  });

  it('a pause with a unit word after the number is refused and no pause is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UERIK', 'utbyte paus 4 veckor');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”veckor”');
    expect(await opened.db.select().from(exchangePauses).where(eq(exchangePauses.programmeId, p.test.programme.id))).toEqual([]);
  });
});

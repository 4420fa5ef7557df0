import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, exchangeLearnings, exchangePairs, exchangePauses, exchangePosts, exchangeProposals, notes } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const posts = (p: MeetingProgramme) =>
  opened.db.select({ kind: exchangePosts.kind, topic: exchangePosts.topic, tags: exchangePosts.tags, closed: exchangePosts.closedAt }).from(exchangePosts).where(eq(exchangePosts.programmeId, p.test.programme.id));
const proposals = (p: MeetingProgramme) =>
  opened.db
    .select({ number: exchangeProposals.number, state: exchangeProposals.state, needAnswer: exchangeProposals.needAnswer, offerAnswer: exchangeProposals.offerAnswer, declineReason: exchangeProposals.declineReason })
    .from(exchangeProposals)
    .where(eq(exchangeProposals.programmeId, p.test.programme.id))
    .orderBy(exchangeProposals.number);

/** Anna (Rymd) needs help with an EU proposal; Erik (Skog) offers it: X1 is proposed. */
async function proposed() {
  const p = await meetingProgramme(opened.db);
  await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
  const need = await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects,financing"');
  return { p, need };
}

describe('exchange need and offer', () => {
  it('a leader registers an offer with tags, and everyone sees it in the open list', async () => {
    const p = await meetingProgramme(opened.db);
    expect((await p.as('UERIK', 'exchange offer Medlemsrekrytering via frukostmöten tags:"Member recruitment, events"')).text).toBe(
      'Erbjudandet är registrerat för Skog. Du får förslag när ett behov passar.',
    );
    expect(await posts(p)).toEqual([{ kind: 'offer', topic: 'Medlemsrekrytering via frukostmöten', tags: 'member recruitment,events', closed: null }]);
    const list = await p.as('UOLLE', 'exchange list');
    expect(list.text).toContain('Erbjudanden\n  • Skog · Erik: Medlemsrekrytering via frukostmöten [member recruitment, events]');
  });

  it('a need with matching offers is answered with proposals, reasons and accept/decline buttons, and a pair is remembered', async () => {
    const { p, need } = await proposed();
    expect(need.text).toContain('Behovet är registrerat för Rymd.');
    expect(need.text).toContain('X1 · med Erik – båda om eu projects; Eriks erbjudande (Skog): Vi har skrivit tre Interreg-ansökningar och delar mallar; annan sektor');
    expect(need.text).toContain('[Tacka ja (X1): utbyte ja X1]  [Tacka nej (X1): utbyte nej X1]');
    expect(await proposals(p)).toEqual([{ number: 1, state: 'proposed', needAnswer: null, offerAnswer: null, declineReason: null }]);
    expect(await opened.db.select().from(exchangePairs).where(eq(exchangePairs.programmeId, p.test.programme.id))).toHaveLength(1);
    const mine = await p.as('UERIK', 'exchange list mine');
    expect(mine.text).toContain('X1 · Anna (Rymd) · föreslaget');
    expect(mine.text).toContain('[Tacka ja (X1): utbyte ja X1]');
  });

  it('a need that nothing matches is stored and says so', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UANNA', 'exchange need Hur bygger man en raket?');
    expect(text).toBe('Behovet är registrerat för Rymd.\nInget erbjudande från ett annat kluster passar just nu. Behovet ligger kvar och tas med i nästa runda.');
    expect(await posts(p)).toHaveLength(1);
    expect(await proposals(p)).toEqual([]);
  });

  it.each([
    ['a need with no text', 'UANNA', 'exchange need tags:eu', 'args.missing', 'Det saknas en text om vad det gäller.'],
    ['someone who leads no cluster', 'UPM', 'exchange need Hjälp med EU', 'exchange.no_cluster', 'Du leder inget kluster'],
    ['a member who is no leader', 'UNILS', 'exchange offer Hjälp med EU', 'permission.denied', 'Du får inte köra `utbyte erbjud`'],
    ['a leader naming a cluster they do not lead', 'UERIK', 'exchange need EU cluster:Rymd', 'exchange.not_your_cluster', 'Du leder inte Rymd'],
  ])('%s is refused and nothing is stored', async (_name, user, command, code, message) => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as(user, command);
    expect(errorCode(outcome)).toBe(code);
    expect(text).toContain(message);
    expect(await posts(p)).toEqual([]);
  });

  it('a deputy registers for their cluster, and a PM may name any cluster', async () => {
    const p = await meetingProgramme(opened.db);
    expect((await p.as('UDANA', 'exchange offer Testbäddar i Kiruna')).text).toContain('registrerat för Rymd');
    expect((await p.as('UPM', 'exchange need Skogsdata cluster:Skog')).text).toContain('registrerat för Skog');
    expect((await posts(p)).map((x) => x.kind).sort()).toEqual(['need', 'offer']);
  });
});

describe('exchange accept and decline', () => {
  it('the first accept waits for the other side; the second introduces both, with contact and agenda', async () => {
    const { p } = await proposed();
    expect((await p.as('UERIK', 'exchange accept X1')).text).toBe('Du har tackat ja till X1. Jag presenterar er när Anna också har tackat ja.');
    expect((await proposals(p))[0]).toMatchObject({ state: 'proposed', offerAnswer: 'accepted', needAnswer: null });
    const intro = await p.as('UANNA', 'utbyte ja x1');
    expect(intro.text).toContain('Utbyte X1: möt Erik');
    expect(intro.text).toContain('Kluster: Skog');
    expect(intro.text).toContain('Nås via: <@UERIK>');
    expect(intro.text).toContain('Behovet: Hjälp med en Interreg-ansökan');
    expect(intro.text).toContain('Erbjudandet: Vi har skrivit tre Interreg-ansökningar och delar mallar');
    expect((await proposals(p))[0]).toMatchObject({ state: 'introduced', offerAnswer: 'accepted', needAnswer: 'accepted' });
    expect((await posts(p)).find((x) => x.kind === 'need')?.closed).not.toBeNull();
    expect((await p.as('UERIK', 'exchange list mine')).text).toContain('X1 · Anna (Rymd) · presenterade för varandra');
  });

  it('two accepts at the same moment introduce exactly once', async () => {
    const { p } = await proposed();
    const replies = await Promise.all([p.as('UANNA', 'exchange accept X1'), p.as('UERIK', 'exchange accept X1')]);
    expect(replies.filter((r) => r.text.includes('Utbyte X1: möt'))).toHaveLength(1);
    expect(replies.filter((r) => r.text.includes('Du har tackat ja till X1.'))).toHaveLength(1);
    expect((await proposals(p))[0]).toMatchObject({ state: 'introduced', needAnswer: 'accepted', offerAnswer: 'accepted' });
  });

  it('a double click by one person accepts once and tells the second click it was already answered', async () => {
    const { p } = await proposed();
    const replies = await Promise.all([p.as('UERIK', 'exchange accept X1'), p.as('UERIK', 'exchange accept X1')]);
    expect(replies.map((r) => errorCode(r.outcome) ?? 'ok').sort()).toEqual(['exchange.already_answered', 'ok']);
    expect((await proposals(p))[0]).toMatchObject({ state: 'proposed', offerAnswer: 'accepted', needAnswer: null });
  });

  it('a decline with a reason closes the proposal, and it can no longer be accepted', async () => {
    const { p } = await proposed();
    expect((await p.as('UERIK', 'exchange decline X1 Hinner inte före sommaren')).text).toBe('Du har tackat nej till X1. Behovet ligger kvar för andra förslag.');
    expect(await proposals(p)).toEqual([{ number: 1, state: 'declined', needAnswer: null, offerAnswer: 'declined', declineReason: 'Hinner inte före sommaren' }]);
    const late = await p.as('UANNA', 'exchange accept X1');
    expect(errorCode(late.outcome)).toBe('exchange.closed');
    expect(late.text).toContain('Utbyte X1 är redan avgjort');
    expect((await proposals(p))[0]?.needAnswer).toBeNull();
  });

  it.each([
    ['accepting an exchange one is not part of', 'UDANA', 'exchange accept X1', 'exchange.not_party', 'Du är inte med i utbyte X1'],
    ['an unknown id', 'UANNA', 'exchange accept X9', 'exchange.not_found', 'Jag hittar inget utbyte X9'],
    ['an id of another kind', 'UANNA', 'exchange accept M1', 'args.id_invalid', '”M1” är inget giltigt id här'],
    ['no id', 'UANNA', 'exchange decline', 'args.missing', 'utbytets id'],
  ])('%s is refused and nothing changes', async (_name, user, command, code, message) => {
    const { p } = await proposed();
    const { outcome, text } = await p.as(user, command);
    expect(errorCode(outcome)).toBe(code);
    expect(text).toContain(message);
    expect(await proposals(p)).toEqual([{ number: 1, state: 'proposed', needAnswer: null, offerAnswer: null, declineReason: null }]);
  });

  it('accepting twice is refused the second time', async () => {
    const { p } = await proposed();
    await p.as('UANNA', 'exchange accept X1');
    const again = await p.as('UANNA', 'exchange accept X1');
    expect(errorCode(again.outcome)).toBe('exchange.already_answered');
    expect(again.text).toContain('Du har redan svarat på utbyte X1.');
    expect((await proposals(p))[0]).toMatchObject({ state: 'proposed', needAnswer: 'accepted', offerAnswer: null });
  });

  it("an id of another programme's exchange is not found, and that exchange is untouched", async () => {
    const { p: other } = await proposed();
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', 'exchange accept X1');
    expect(errorCode(outcome)).toBe('exchange.not_found');
    expect(text).toContain('Jag hittar inget utbyte X1 i programmet.');
    expect((await proposals(other))[0]).toMatchObject({ state: 'proposed', needAnswer: null });
  });
});

describe('exchange repeat window, pause and resume', () => {
  it('the same pair is not proposed again within six months, and is after', async () => {
    const { p } = await proposed();
    expect((await p.as('UANNA', 'exchange need Mer hjälp med Interreg tags:"eu projects"')).text).toContain('Inget erbjudande från ett annat kluster passar just nu.');
    p.test.clock.advance(150 * 24 * 60 * 60 * 1000);
    expect((await p.as('UANNA', 'exchange need Ännu mer Interreg tags:"eu projects"')).text).toContain('Inget erbjudande');
    p.test.clock.advance(40 * 24 * 60 * 60 * 1000);
    expect((await p.as('UANNA', 'exchange need Interreg igen tags:"eu projects"')).text).toContain('X2 · med Erik');
    expect((await proposals(p)).map((x) => x.number)).toEqual([1, 2]);
  });

  it('a paused leader is not proposed until they resume', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'exchange offer Interreg-ansökningar');
    expect((await p.as('UERIK', 'exchange pause 4')).text).toContain('Du får inga förslag om utbyten till och med 2026-03-30.');
    expect(await opened.db.select().from(exchangePauses).where(eq(exchangePauses.programmeId, p.test.programme.id))).toHaveLength(1);
    expect((await p.as('UANNA', 'exchange need Interreg-ansökan')).text).toContain('Inget erbjudande');
    expect((await p.as('UERIK', 'exchange resume')).text).toBe('Du får förslag om utbyten igen.');
    expect((await p.as('UANNA', 'exchange need Interreg-ansökan')).text).toContain('X1 · med Erik');
  });

  it('a pause of zero or many weeks is refused and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    for (const weeks of ['0', '99', 'två', '4.5']) {
      const { outcome, text } = await p.as('UERIK', `exchange pause ${weeks}`);
      expect(errorCode(outcome)).toBe('args.integer_invalid');
      expect(text).toContain(`”${weeks}” är inte ett heltal från 1 till 52.`);
    }
    expect(errorCode((await p.as('UERIK', 'exchange pause')).outcome)).toBe('args.missing');
    expect(await opened.db.select().from(exchangePauses).where(eq(exchangePauses.programmeId, p.test.programme.id))).toHaveLength(0);
  });
});

describe('exchange done', () => {
  it('the learning becomes a note of both clusters that search finds', async () => {
    const { p } = await proposed();
    expect((await p.as('UPM', 'status Rymd')).text).toContain('Öppna behov av erfarenhetsutbyte: 1');
    const early = await p.as('UANNA', 'exchange done X1 learned: något');
    expect(errorCode(early.outcome)).toBe('exchange.not_introduced');
    await p.as('UANNA', 'exchange accept X1');
    await p.as('UERIK', 'exchange accept X1');
    const { text } = await p.as('UANNA', 'exchange done X1 learned: Börja med en projektskiss på en sida innan partnerna tillfrågas');
    expect(text).toBe('Tack! Lärdomen från X1 är sparad som N1, N2 i Rymd och Skog. Alla i programmet hittar den med `sök`.');
    const stored = await opened.db
      .select({ number: notes.number, cluster: clusters.name, text: notes.text })
      .from(notes)
      .innerJoin(clusters, eq(clusters.id, notes.clusterId))
      .where(eq(notes.programmeId, p.test.programme.id))
      .orderBy(notes.number);
    const noteText =
      'Lärdom från erfarenhetsutbyte X1 (Rymd ↔ Skog) om ”Hjälp med en Interreg-ansökan” och ”Vi har skrivit tre Interreg-ansökningar och delar mallar”: Börja med en projektskiss på en sida innan partnerna tillfrågas';
    expect(stored).toEqual([{ number: 1, cluster: 'Rymd', text: noteText }, { number: 2, cluster: 'Skog', text: noteText }]);
    expect((await proposals(p))[0]?.state).toBe('done');
    // A completed exchange is an experience-exchange activity in the funder's indicators.
    expect((await p.as('UPM', 'status')).text).toContain('Genomförda erfarenhetsutbyten: 1');
    const found = await p.as('UOLLE', 'search projektskiss');
    expect(found.text).toContain('Anteckning N1');
    expect(found.text).toContain('Anteckning N2');
    const twice = await p.as('UANNA', 'exchange done X1 learned: igen');
    expect(errorCode(twice.outcome)).toBe('exchange.learning_twice');
    expect(await opened.db.select().from(exchangeLearnings).where(and(eq(exchangeLearnings.programmeId, p.test.programme.id)))).toHaveLength(1);
  });

  it('done without learned: before the introduction is refused, after it opens a form; nothing is stored', async () => {
    const { p } = await proposed();
    const early = await p.as('UERIK', 'exchange done X1');
    expect(errorCode(early.outcome)).toBe('args.missing');
    expect(early.text).toContain('learned:');
    await p.as('UANNA', 'exchange accept X1');
    await p.as('UERIK', 'exchange accept X1');
    const { outcome, text } = await p.as('UERIK', 'exchange done X1');
    expect(errorCode(outcome)).toBeUndefined();
    expect(text).toContain('Vad lärde du dig av utbyte X1');
    const form = outcome.kind === 'reply' ? outcome.reply.form : undefined;
    expect(form?.verb).toBe('exchange done');
    expect(form?.fields.map((f) => [f.key, f.initial ?? null, f.required])).toEqual([['_text', 'X1', true], ['learned', null, true]]);
    expect((await proposals(p))[0]?.state).toBe('introduced');
    expect(await opened.db.select().from(exchangeLearnings).where(eq(exchangeLearnings.programmeId, p.test.programme.id))).toHaveLength(0);
  });
});

describe('exchange round', () => {
  it('a PM round pairs open needs with offers, each person once, and names who got no pair', async () => {
    const p = await meetingProgramme(opened.db);
    for (const [id, name] of [['UTOVA', 'Tova'], ['UMAJA', 'Maja']] as const) await p.as(id, 'whoami', name);
    await p.as('UPM', 'cluster add Turism sector:tourism');
    await p.as('UPM', 'cluster role Turism @Tova leader');
    await p.as('UPM', 'cluster add Mat sector:food');
    await p.as('UPM', 'cluster role Mat @Maja leader');
    // The offering side is paused while the posts are made, so no post is paired when stated and only the
    // round can pair them; a minute apart, so their order is known.
    for (const [user, command] of [
      ['UERIK', 'exchange pause 1'],
      ['UMAJA', 'exchange pause 1'],
      ['UANNA', 'exchange need Styrelsearbete och valberedning'],
      ['UTOVA', 'exchange need Finansiering av evenemang'],
      ['UERIK', 'exchange offer Styrelsearbete i ideella föreningar'],
      ['UMAJA', 'exchange offer Sponsring och finansiering av evenemang'],
      ['UERIK', 'exchange resume'],
      ['UMAJA', 'exchange resume'],
    ] as const) {
      await p.as(user, command);
      p.test.clock.advance(60_000);
    }
    const leaderTries = await p.as('UANNA', 'exchange round');
    expect(errorCode(leaderTries.outcome)).toBe('permission.denied');
    const { text } = await p.as('UPM', 'exchange round');
    expect(text).toContain('Rundans förslag (2)');
    expect(text).toContain('X1 · Anna och Erik – båda nämner styrelsearbete');
    expect(text).toContain('X2 · Tova och Maja – båda nämner finansiering, evenemang');
    expect((await proposals(p)).map((x) => x.state)).toEqual(['proposed', 'proposed']);
    const again = await p.as('UPM', 'exchange round');
    expect(again.text).toContain('Rundan gav inga nya par');
    // Anna's and Tova's needs wait on X1 and X2: they have their pairs and nobody is to be told.
    expect(again.text).not.toContain('säg till dem');
    expect(await proposals(p)).toHaveLength(2);
    // Tova declines X2: her need waits again and is named. Only needs are named: Erik and Maja only offer,
    // and an offer waits on no one.
    expect(errorCode((await p.as('UTOVA', 'exchange decline X2')).outcome)).toBeUndefined();
    const third = await p.as('UPM', 'exchange round');
    expect(third.text).toContain('Behov som inte fick något par den här gången (säg till dem): Tova');
    expect(third.text).not.toMatch(/säg till dem\): .*(Anna|Erik|Maja)/);
    expect(await proposals(p)).toHaveLength(2);
    await p.as('UPM', 'profile lang:en');
    const english = await p.as('UPM', 'exchange round');
    expect(english.text).toContain('Needs that got no pair this time (tell them): Tova');
    expect(english.text).not.toContain('Erik');
    expect(await proposals(p)).toHaveLength(2);
  });
});

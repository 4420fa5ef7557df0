// Issue 20, "Peer exchange misses and mis-matches": matching runs whichever side comes second, ignores the
// words every post is written with, names the rule that kept a near match out, and a completed exchange's
// learning is found by what the exchange was about.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { exchangeProposals, people } from '../../../db/schema/index.js';
import { renderPlainText, type Reply } from '../../../handlers/core/reply.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const DAY = 24 * 60 * 60 * 1000;

/** The meeting fixture plus Tova, who leads Turism (a third cluster). */
async function threeClusters(): Promise<MeetingProgramme> {
  const p = await meetingProgramme(opened.db);
  await p.as('UTOVA', 'whoami', 'Tova');
  await p.as('UPM', 'cluster add Turism sector:tourism');
  await p.as('UPM', 'cluster role Turism @Tova leader');
  return p;
}

async function proposals(p: MeetingProgramme) {
  const rows = await opened.db
    .select({ number: exchangeProposals.number, state: exchangeProposals.state, needPerson: exchangeProposals.needPersonId, offerPerson: exchangeProposals.offerPersonId })
    .from(exchangeProposals)
    .where(eq(exchangeProposals.programmeId, p.test.programme.id))
    .orderBy(exchangeProposals.number);
  const names = new Map((await opened.db.select({ id: people.id, name: people.displayName }).from(people).where(eq(people.programmeId, p.test.programme.id))).map((r) => [r.id, r.name]));
  return rows.map((r) => ({ number: r.number, state: r.state, need: names.get(r.needPerson), offer: names.get(r.offerPerson) }));
}

const outbox = async (p: MeetingProgramme) =>
  (await createRepositories(opened.db).outbox.list(p.test.programme.id)).messages.map((m) => ({ kind: m.kind, text: renderPlainText(m.reply as unknown as Reply) }));

describe('a new offer is matched against the needs already waiting', () => {
  it('the offerer gets the waiting need as a proposal with buttons, and the need side gets it as a message', async () => {
    const p = await threeClusters();
    const need = await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
    expect(need.text).toContain('Inget erbjudande från ett annat kluster passar just nu.');
    const offer = await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
    expect(offer.text).toContain('Erbjudandet är registrerat för Skog.');
    expect(offer.text).toContain('Behov som ditt erbjudande passar\n  • X1 · Anna (Rymd) behöver: Hjälp med en Interreg-ansökan');
    expect(offer.text).toContain('[Tacka ja (X1): utbyte ja X1]  [Tacka nej (X1): utbyte nej X1]');
    // The pair this offer just made is not named as left out by the six-month rule.
    expect(offer.text).not.toContain('föreslogs inte');
    expect(await proposals(p)).toEqual([{ number: 1, state: 'proposed', need: 'Anna', offer: 'Erik' }]);
    expect(await outbox(p)).toEqual([{ kind: 'exchange.proposal', text: expect.stringContaining('För ert behov ”Hjälp med en Interreg-ansökan” föreslår jag Erik (Skog)') }]);
    // Both said yes: the pair is introduced as if the need had been stated second.
    await p.as('UERIK', 'exchange accept X1');
    expect((await p.as('UANNA', 'exchange accept X1')).text).toContain('Utbyte X1: möt Erik');
  });

  it('an offer that fits no waiting need is stored and proposes nothing', async () => {
    const p = await threeClusters();
    await p.as('UANNA', 'exchange need Hur bygger man en raket?');
    const { text } = await p.as('UERIK', 'exchange offer Medlemsrekrytering via frukostmöten');
    expect(text).toBe('Erbjudandet är registrerat för Skog. Du får förslag när ett behov passar.');
    expect(await proposals(p)).toEqual([]);
  });
});

describe('words every post is written with do not make a match', () => {
  it('a question about municipal contracts is not paired with an Interreg offer because both say «skrivit»', async () => {
    const p = await threeClusters();
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar gärna mallar');
    const need = await p.as('UANNA', 'exchange need Har någon skrivit avtal med kommuner om upphandling?');
    expect(need.text).toContain('Inget erbjudande från ett annat kluster passar just nu.');
    expect(await proposals(p)).toEqual([]);
  });

  it('the same holds when the offer comes second, and in English', async () => {
    const p = await threeClusters();
    await p.as('UANNA', 'exchange need We have written contracts with municipalities, how do we make them better?');
    const offer = await p.as('UERIK', 'exchange offer We have written three Interreg applications and make templates');
    expect(offer.text).toBe('Erbjudandet är registrerat för Skog. Du får förslag när ett behov passar.');
    expect(await proposals(p)).toEqual([]);
  });

  it('a word about the subject still matches whatever verbs surround it', async () => {
    const p = await threeClusters();
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar');
    const need = await p.as('UANNA', 'exchange need Vi behöver hjälp med Interreg');
    expect(need.text).toContain('X1 · med Erik – båda nämner interreg');
  });
});

describe('a near match left out is named with the rule', () => {
  it('after a decline another open offer with the same tag is proposed, and a later need names the six-month rule for both', async () => {
    const p = await threeClusters();
    await p.as('UERIK', 'exchange offer Mallar för EU-ansökningar tags:"eu projects"');
    await p.as('UANNA', 'exchange need Stöd i en ansökan tags:"eu projects"');
    expect((await p.as('UANNA', 'exchange decline X1')).text).toContain('Du har tackat nej till X1.');
    // Tova's offer with the same tag comes after the decline: Anna's need, still open, gets it.
    const tova = await p.as('UTOVA', 'exchange offer Granskning av ansökningar tags:"eu projects"');
    expect(tova.text).toContain('X2 · Anna (Rymd) behöver: Stöd i en ansökan');
    p.test.clock.advance(10 * DAY);
    const again = await p.as('UANNA', 'exchange need Budget till en ansökan tags:"eu projects"');
    expect(again.text).toContain('Inget erbjudande från ett annat kluster passar just nu.');
    expect(again.text).toContain('Erbjudandet från Erik (Skog), ”Mallar för EU-ansökningar”, föreslogs inte: ni föreslogs för varandra i X1 för mindre än sex månader sedan.');
    expect(again.text).toContain('Erbjudandet från Tova (Turism), ”Granskning av ansökningar”, föreslogs inte: ni föreslogs för varandra i X2 för mindre än sex månader sedan.');
    expect(await proposals(p)).toEqual([
      { number: 1, state: 'declined', need: 'Anna', offer: 'Erik' },
      { number: 2, state: 'proposed', need: 'Anna', offer: 'Tova' },
    ]);
  });

  it('someone who paused proposals is named as paused, in English too', async () => {
    const p = await threeClusters();
    expect((await p.as('UANNA', 'profile språk:engelska')).text).toContain('English');
    await p.as('UERIK', 'exchange offer Templates for EU applications tags:"eu projects"');
    await p.as('UERIK', 'exchange pause 4');
    const need = await p.as('UANNA', 'exchange need Support with an application tags:"eu projects"');
    expect(need.text).toContain('No offer from another cluster fits right now.');
    expect(need.text).toContain('The offer from Erik (Skog), “Templates for EU applications”, was not proposed: Erik has paused exchange proposals.');
    expect(await proposals(p)).toEqual([]);
  });
});

describe('a completed exchange is found by what it was about', () => {
  it('`search interreg` finds the learning saved after an Interreg exchange, in both clusters', async () => {
    const p = await threeClusters();
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar');
    await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan');
    await p.as('UANNA', 'exchange accept X1');
    await p.as('UERIK', 'exchange accept X1');
    await p.as('UANNA', 'exchange done X1 lärdom: Börja med en skiss på en sida innan partnerna tillfrågas.');
    const found = await p.as('UOLLE', 'search interreg');
    expect(found.text).toContain('Anteckning N1');
    expect(found.text).toContain('Anteckning N2');
    expect(found.text).toContain('Anteckning N1 · 2026-03-02 · Rymd – … *Interreg*-ansökan” och ”Vi har skrivit tre *Interreg*-ansökningar');
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exchangePosts, exchangeProposals } from '../../../db/schema/index.js';
import type { Outcome } from '../../../handlers/core/incoming.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const SEVEN_MONTHS = 7 * 31 * 24 * 60 * 60 * 1000;

/** Six clusters in six sectors, each led by one person, on top of the meeting fixture (Rymd: Anna, Skog: Erik). */
async function sixClusters(): Promise<MeetingProgramme> {
  const p = await meetingProgramme(opened.db);
  for (const [id, name] of [['UTOVA', 'Tova'], ['UVIKTOR', 'Viktor'], ['UMAJA', 'Maja'], ['UEVA', 'Eva']] as const) await p.as(id, 'whoami', name);
  for (const [cluster, sector, leader] of [['Turism', 'tourism', 'Tova'], ['Fordon', 'vehicles', 'Viktor'], ['Mat', 'food', 'Maja'], ['Energi', 'energy', 'Eva']] as const) {
    await p.as('UPM', `cluster add ${cluster} sector:${sector}`);
    await p.as('UPM', `cluster role ${cluster} @${leader} leader`);
  }
  return p;
}

const offers: [string, string][] = [
  ['UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar gärna mallar för EU-projekt tags:"eu projects,financing"'],
  ['UERIK', 'exchange offer Medlemsrekrytering genom frukostmöten med lokala företag tags:"member recruitment"'],
  ['UTOVA', 'exchange offer Erfarenhet av styrelsearbete och av att rekrytera oberoende ledamöter till styrelsen tags:"board work"'],
  ['UTOVA', 'exchange offer We run international study trips and trade fairs in Germany tags:internationalisation,events'],
  ['UVIKTOR', 'exchange offer Analysis of regional statistics and cluster mapping with SCB data tags:analysis'],
  ['UVIKTOR', 'exchange offer Kommunikation i sociala medier och nyhetsbrev till medlemmar tags:communication'],
  ['UMAJA', 'exchange offer Finansiering från Vinnova och regionen, med budgetmallar tags:financing'],
  ['UMAJA', 'exchange offer Planering av konferenser med 300 deltagare tags:events'],
  ['UEVA', 'exchange offer Horizon Europe consortium building and EU project management tags:"eu projects"'],
  ['UEVA', 'exchange offer Rekrytering av nya medlemsföretag via branschdagar tags:"member recruitment"'],
  ['UANNA', 'exchange offer Exportfrämjande och internationella partnerskap med ESA tags:internationalisation'],
  ['UANNA', 'exchange offer Workshops om hållbarhetsanalys för företag tags:analysis'],
];

// [who states the need, the need, who should be proposed first, words of the offer expected first]
const needs: [string, string, string, string][] = [
  ['UANNA', 'exchange need Vi behöver hjälp med en Interreg-ansökan', 'Erik', 'Interreg-ansökningar'],
  ['UERIK', 'exchange need Hur rekryterar man oberoende ledamöter till styrelsen?', 'Tova', 'oberoende ledamöter'],
  ['UTOVA', 'exchange need How do we write a Horizon Europe proposal?', 'Eva', 'Horizon Europe'],
  ['UVIKTOR', 'exchange need Budgetmallar för finansiering från Vinnova', 'Maja', 'Vinnova'],
  ['UMAJA', 'exchange need Vi vill locka fler medlemsföretag genom rekrytering', 'Eva', 'nya medlemsföretag'],
  ['UEVA', 'exchange need Nyhetsbrev och sociala medier för medlemmar', 'Viktor', 'nyhetsbrev'],
  ['UERIK', 'exchange need cluster mapping using statistics', 'Viktor', 'cluster mapping'],
  ['UVIKTOR', 'exchange need study trips to trade fairs', 'Tova', 'study trips'],
  ['UANNA', 'exchange need Konferenser för 300 deltagare', 'Maja', 'konferenser'],
  // Eva's own offer (Horizon Europe, EU project management) would fit best, but never herself.
  ['UEVA', 'exchange need EU project management for a new call tags:"eu projects"', 'Erik', 'EU-projekt'],
];

function firstProposal(outcome: Outcome): string | undefined {
  if (outcome.kind !== 'reply') return undefined;
  const list = outcome.reply.blocks.find((b) => b.type === 'list');
  return list?.type === 'list' ? list.items[0] : undefined;
}

describe('exchange matching', () => {
  it('ranks the right offer first for each need on a seeded set of 22 needs and offers in Swedish and English', async () => {
    const p = await sixClusters();
    for (const [user, text] of offers) expect((await p.as(user, text)).text).toMatch(/Erbjudandet är registrerat/);
    for (const [user, text, expectedName, expectedWords] of needs) {
      // Each need is stated seven months after the previous one, so earlier pairs are outside the window.
      p.test.clock.advance(SEVEN_MONTHS);
      const { outcome } = await p.as(user, text);
      const first = firstProposal(outcome);
      expect(first, text).toContain(`med ${expectedName} – `);
      expect(first, text).toContain(expectedWords);
    }
    const posts = await opened.db.select().from(exchangePosts).where(eq(exchangePosts.programmeId, p.test.programme.id));
    expect(posts.length).toBe(22);
    // 22 commands on a shared, busy machine; the figure that matters is the ranking, not the time.
  }, 90_000);

  it('never proposes an offer of the same person or the same cluster', async () => {
    const p = await sixClusters();
    await p.as('UANNA', 'exchange offer Vi skriver ESA-ansökningar tags:"eu projects"');
    await p.as('UDANA', 'exchange offer ESA-ansökningar, mallar och tidplaner tags:"eu projects"');
    await p.as('UMAJA', 'exchange offer Mallar för ESA-ansökningar från livsmedelsbranschen tags:"eu projects"');
    const { outcome, text } = await p.as('UANNA', 'exchange need Hjälp med ESA-ansökningar tags:"eu projects"');
    expect(text).toContain('med Maja – båda om eu projects');
    expect(text).not.toContain('med Dana');
    expect(text).not.toContain('med Anna');
    const stored = await opened.db.select().from(exchangeProposals).where(eq(exchangeProposals.programmeId, p.test.programme.id));
    expect(stored).toHaveLength(1);
    expect(outcome.kind === 'reply' && outcome.reply.buttons?.map((b) => b.command)).toEqual(['utbyte ja X1', 'utbyte nej X1']);
  });

  it('prefers another sector when two offers are equally relevant, and says why', async () => {
    const p = await sixClusters();
    await p.as('UPM', 'cluster add Satellit sector:space');
    await p.as('UPM', 'cluster role Satellit @Olle leader');
    await p.as('UOLLE', 'exchange offer Styrelsearbete i ideella föreningar');
    await p.as('UMAJA', 'exchange offer Styrelsearbete i ideella föreningar');
    const { text } = await p.as('UANNA', 'exchange need Styrelsearbete');
    expect(text).toContain('X1 · med Maja – båda nämner styrelsearbete; Majas erbjudande (Mat): Styrelsearbete i ideella föreningar; annan sektor');
    expect(text).toContain('X2 · med Olle – båda nämner styrelsearbete; Olles erbjudande (Satellit): Styrelsearbete i ideella föreningar');
  });

  it('puts people who are away today last', async () => {
    const p = await sixClusters();
    await p.as('UMAJA', 'exchange offer Styrelsearbete i ideella föreningar');
    await p.as('UEVA', 'exchange offer Styrelsearbete i ideella föreningar');
    await p.as('UMAJA', 'away 2026-03-01 2026-03-20');
    const { text } = await p.as('UANNA', 'exchange need Styrelsearbete');
    expect(text).toContain('X1 · med Eva');
    expect(text).toContain('X2 · med Maja – båda nämner styrelsearbete; Majas erbjudande (Mat): Styrelsearbete i ideella föreningar; annan sektor; Maja är borta just nu');
  });
  it('prefers another organisation when sector and relevance are equal', async () => {
    const p = await sixClusters();
    await p.as('UPM', 'org add 556677-8899 "Norrbotten Space AB" type:company');
    await p.as('UPM', 'org add 202100-2841 "Luleå tekniska universitet" type:academia');
    await p.as('UPM', 'cluster add Trä sector:forest');
    await p.as('UPM', 'cluster role Trä @Olle leader');
    await p.as('UANNA', 'profile org:556677-8899');
    await p.as('UERIK', 'profile org:556677-8899');
    await p.as('UOLLE', 'profile org:202100-2841');
    await p.as('UERIK', 'exchange offer Styrelsearbete i ideella föreningar');
    await p.as('UOLLE', 'exchange offer Styrelsearbete i ideella föreningar');
    const { text } = await p.as('UANNA', 'exchange need Styrelsearbete');
    expect(text).toContain('X1 · med Olle – båda nämner styrelsearbete; Olles erbjudande (Trä): Styrelsearbete i ideella föreningar; annan sektor; annan organisation');
    expect(text).toContain('X2 · med Erik – båda nämner styrelsearbete; Eriks erbjudande (Skog): Styrelsearbete i ideella föreningar; annan sektor\n');
  });
});

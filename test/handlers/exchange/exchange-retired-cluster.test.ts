// Exchanges after a cluster is retired, and the round's list of needs without a pair. Found by a user playing
// the product: after `kluster avveckla`, `utbyte lista` still listed the retired cluster's open offers (which
// nobody would keep), and `utbyte runda` named Anna among the needs that got no pair although her need already
// had a proposal X1 waiting for answers.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exchangePosts, exchangeProposals } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Erik (Skog) offers satellite test beds and Anna (Rymd) needs them: X1 is proposed. Olle leads Vatten, with
 *  a need and an offer of its own that match nothing. */
async function programme() {
  const p = await meetingProgramme(opened.db);
  for (const [user, command] of [
    ['UPM', 'cluster add Vatten sector:water'],
    ['UPM', 'cluster role Vatten @Olle leader'],
    ['UERIK', 'utbyte erbjud Vi delar testbäddar för satelliter'],
    ['UANNA', 'utbyte behov Testbäddar för satelliter'],
    ['UOLLE', 'utbyte erbjud Vi lånar ut provtagningsutrustning för sjöar'],
    ['UOLLE', 'utbyte behov Mätdata om grundvattennivåer'],
  ] as const) {
    const reply = await p.as(user, command);
    if (errorCode(reply)) throw new Error(`fixture failed: ${command}: ${reply.text}`);
  }
  return p;
}

describe('exchanges of a retired cluster', () => {
  it('retiring a cluster closes its open needs and offers, says so, and the list no longer shows them', async () => {
    const p = await programme();
    const id = p.test.programme.id;
    const openTopics = async () => (await opened.db.select({ topic: exchangePosts.topic }).from(exchangePosts).where(and(eq(exchangePosts.programmeId, id), isNull(exchangePosts.closedAt)))).map((r) => r.topic).sort();
    expect(await openTopics()).toHaveLength(4);
    expect((await p.as('UPM', 'utbyte lista')).text).toContain('Vatten · Olle');

    const retired = await p.as('UPM', 'kluster avveckla Vatten');
    expect(retired.text).toContain('Klustret Vatten är avvecklat.');
    expect(retired.text).toContain('Stängda utbyten: 1 behov och 1 erbjudande från klustret visas inte längre i `utbyte lista`.');
    expect(await openTopics()).toEqual(['Testbäddar för satelliter', 'Vi delar testbäddar för satelliter']);

    const list = await p.as('UPM', 'utbyte lista');
    expect(list.text).not.toContain('Vatten');
    expect(list.text).toContain('Rymd · Anna: Testbäddar för satelliter');
    expect(list.text).toContain('Skog · Erik: Vi delar testbäddar för satelliter');
  });

  it('a cluster without open exchanges is retired with the usual reply only', async () => {
    const p = await meetingProgramme(opened.db);
    const retired = await p.as('UPM', 'cluster retire Skog');
    expect(retired.text).toContain('Klustret Skog är avvecklat.');
    expect(retired.text).not.toContain('Stängda utbyten');
  });
});

describe('exchange round', () => {
  it('does not name a need with a proposal still waiting for answers as one without a pair', async () => {
    const p = await programme();
    const id = p.test.programme.id;
    const proposals = await opened.db.select({ number: exchangeProposals.number, state: exchangeProposals.state }).from(exchangeProposals).where(eq(exchangeProposals.programmeId, id));
    expect(proposals).toEqual([{ number: 1, state: 'proposed' }]);

    const round = await p.as('UPM', 'utbyte runda');
    // Olle's need matches nothing and has no proposal: he is the one to tell; Anna waits on X1.
    expect(round.text).toContain('Behov som inte fick något par den här gången (säg till dem): Olle');
    expect(round.text).not.toMatch(/säg till dem\): .*Anna/);
    // The round proposed nothing new: X1 is still the only proposal.
    expect(await opened.db.select({ number: exchangeProposals.number }).from(exchangeProposals).where(eq(exchangeProposals.programmeId, id))).toEqual([{ number: 1 }]);

    // Declined, the need is waiting again and is named.
    expect(errorCode(await p.as('UANNA', 'utbyte nej X1'))).toBeUndefined();
    const again = await p.as('UPM', 'utbyte runda');
    expect(again.text).toMatch(/säg till dem\): (Anna och Olle|Olle och Anna)/);
  });
});

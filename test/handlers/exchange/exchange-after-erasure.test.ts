// Issue 20: after a person with a declined proposal ran `forget-me`, every `exchange round` failed with a
// duplicate key on exchange_proposals_pair_idx — one person's erasure stopped the feature for everyone.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exchangePosts, exchangeProposals, people } from '../../../db/schema/index.js';
import { createRepositories } from '../../../db/repositories.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const proposals = (p: MeetingProgramme) =>
  opened.db
    .select({ number: exchangeProposals.number, state: exchangeProposals.state, needPerson: exchangeProposals.needPersonId, offerPerson: exchangeProposals.offerPersonId })
    .from(exchangeProposals)
    .where(eq(exchangeProposals.programmeId, p.test.programme.id))
    .orderBy(exchangeProposals.number);
const personId = async (p: MeetingProgramme, userId: string) =>
  (await opened.db.select({ id: people.id, userId: people.userId }).from(people).where(eq(people.programmeId, p.test.programme.id))).find((r) => r.userId === userId)!.id;

async function forget(p: MeetingProgramme, userId: string) {
  const asked = await p.as(userId, 'forget-me');
  const command = asked.outcome.kind === 'reply' ? asked.outcome.reply.buttons?.[0]?.command : undefined;
  const done = await p.as(userId, command!);
  expect(errorCode(done.outcome)).toBeUndefined();
  return done;
}

/** Anna (Rymd) needs Interreg help; Erik (Skog) offers it; X1 is proposed and declined. */
async function declined(decliner: 'UANNA' | 'UERIK') {
  const p = await meetingProgramme(opened.db);
  await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
  await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
  expect((await p.as(decliner, 'exchange decline X1 Inte nu')).outcome.kind).toBe('reply');
  expect((await proposals(p)).map((x) => x.state)).toEqual(['declined']);
  return p;
}

describe('exchange after forget-me', () => {
  it.each([
    ['the offering side', 'UERIK'],
    ['the needing side', 'UANNA'],
  ] as const)('after %s of a declined proposal is forgotten, exchange round still answers and proposes nothing twice', async (_side, decliner) => {
    const p = await declined(decliner);
    await forget(p, decliner);
    for (const attempt of [1, 2]) {
      const round = await p.as('UPM', 'exchange round');
      expect(errorCode(round.outcome), `round ${attempt}: ${round.text}`).toBeUndefined();
      expect(round.text).toContain('Rundan gav inga nya par');
    }
    expect((await proposals(p)).map((x) => [x.number, x.state])).toEqual([[1, 'declined']]);
  });

  it("the forgotten person's open needs and offers are closed, so nobody is proposed to a person LOKET can no longer reach", async () => {
    const p = await declined('UERIK');
    const erik = await personId(p, 'UERIK');
    await forget(p, 'UERIK');
    const open = (await opened.db.select().from(exchangePosts).where(eq(exchangePosts.programmeId, p.test.programme.id))).filter((x) => x.closedAt === null);
    expect(open.map((x) => [x.kind, x.personId === erik])).toEqual([['need', false]]);
    const list = await p.as('UPM', 'exchange list');
    expect(list.text).not.toMatch(/Person \d+/);
  });

  it('others are still paired after one side of a declined proposal is forgotten', async () => {
    const p = await declined('UERIK');
    await p.as('UPM', 'cluster add Turism sector:tourism');
    await p.as('UOLLE', 'whoami', 'Olle');
    await p.as('UPM', 'cluster role Turism @Olle leader');
    await p.as('UOLLE', 'exchange offer Interreg-ansökningar för besöksnäringen tags:"eu projects"');
    await forget(p, 'UERIK');
    // Anna's need got Olle's offer when he posted it (or now, in the round): either way, exactly once.
    const round = await p.as('UPM', 'exchange round');
    expect(errorCode(round.outcome), round.text).toBeUndefined();
    const anna = await personId(p, 'UANNA');
    const olle = await personId(p, 'UOLLE');
    const stored = await proposals(p);
    expect(stored.filter((x) => x.needPerson === anna && x.offerPerson === olle)).toHaveLength(1);
    expect(stored).toHaveLength(2);
  });

  it('a proposal still waiting for the forgotten person closes as declined on their side, so the other side is not left waiting', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
    await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
    await p.as('UANNA', 'exchange accept X1');
    await forget(p, 'UERIK');
    const [row] = await opened.db.select().from(exchangeProposals).where(eq(exchangeProposals.programmeId, p.test.programme.id));
    expect([row!.state, row!.needAnswer, row!.offerAnswer]).toEqual(['declined', 'accepted', 'declined']);
    const again = await p.as('UANNA', 'exchange accept X1');
    expect(errorCode(again.outcome)).toBeDefined();
  });

  it('a need and an offer still open after the six-month window are not proposed to each other a second time', async () => {
    const p = await declined('UERIK');
    p.test.clock.advance(200 * 24 * 3600_000);
    const round = await p.as('UPM', 'exchange round');
    expect(errorCode(round.outcome), round.text).toBeUndefined();
    expect(round.text).toContain('Rundan gav inga nya par');
    expect((await proposals(p)).map((x) => [x.number, x.state])).toEqual([[1, 'declined']]);
  });

  it('a need and an offer proposed to each other a second time at the same moment store one proposal, and the second gets none', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
    await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
    const [first] = await proposals(p);
    const [row] = await opened.db.select().from(exchangeProposals).where(eq(exchangeProposals.number, first!.number));
    const repos = createRepositories(opened.db);
    const again = await repos.exchanges.createProposal({ programmeId: p.test.programme.id, needId: row!.needId, offerId: row!.offerId, needPersonId: row!.needPersonId, offerPersonId: row!.offerPersonId, reason: 'x', at: new Date() });
    expect(again.proposal).toBeNull();
    expect(await proposals(p)).toHaveLength(1);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { planActions, planGaps, planReviews } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const gapsOf = (programmeId: string) => opened.db.select().from(planGaps).where(eq(planGaps.programmeId, programmeId));
const actionsOf = (programmeId: string) => opened.db.select().from(planActions).where(eq(planActions.programmeId, programmeId));

describe('plan commands read Swedish and English keys', () => {
  it('a gap and an action written with Swedish verbs and keys are stored exactly as meant', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    expect((await as('UANNA', 'plan brist Rymd område:samverkan Få gemensamma projekt med Skog')).text).toContain('Bristen G1 är tillagd i planen för Rymd');
    expect((await as('UANNA', 'plan åtgärd G1 Bjud in Skog till en workshop ägare:@Nils senast:2026-04-30')).text).toBe('Åtgärden P1 är tillagd till G1: ägare Nils, klar senast 2026-04-30.');
    expect((await gapsOf(test.programme.id)).map((g) => [g.area, g.text])).toEqual([['cooperation', 'Få gemensamma projekt med Skog']]);
    expect((await actionsOf(test.programme.id)).map((a) => [a.text, a.dueOn])).toEqual([['Bjud in Skog till en workshop', '2026-04-30']]);
  });

  it('a refused plan action shows an example that can be typed: the gap typed and a due date ahead; an unknown gap points to the plan', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:strategy Ingen strategi');
    const unknownOwner = await as('UANNA', 'plan åtgärd G1 Sök medel ägare:@Okänd senast:2026-04-30');
    expect(errorCode(unknownOwner)).toBeDefined();
    // Thirty days after the test clock's day (2026-02-14).
    expect(unknownOwner.text).toContain('Exempel: `plan åtgärd G1 Ansök om Vinnova-medel ägare:@anna senast:2026-03-16`');
    const noGap = await as('UANNA', 'plan åtgärd G7 Sök medel ägare:@Nils senast:2026-04-30');
    expect(errorCode(noGap)).toBe('plan.gap_not_found');
    expect(noGap.text).toContain('Exempel: `utvecklingsplan`');
    expect(await actionsOf(test.programme.id)).toHaveLength(0);
  });

  it('without owner:, the person mentioned owns the action', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:strategy Ingen strategi');
    expect((await as('UANNA', 'plan action G1 Skriv strategi @Dana due:2026-05-01')).text).toContain('ägare Dana');
    expect((await actionsOf(test.programme.id)).map((a) => a.text)).toEqual(['Skriv strategi']);
  });

  it('text after the area and more text after it is refused and nothing is stored', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UANNA', 'plan gap Rymd Ingen strategi område:strategi för 2027');
    expect(errorCode(reply)).toBe('args.leftover');
    expect(reply.text).toContain('Jag förstod inte ”för”, ”2027”');
    expect(await gapsOf(test.programme.id)).toEqual([]);
  });

  it('a word after the due date is refused and nothing is stored', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:strategy Ingen strategi');
    const reply = await as('UANNA', 'plan action G1 Skriv strategi owner:@Nils due:2026-05-01 snarast');
    expect(errorCode(reply)).toBe('args.leftover');
    expect(await actionsOf(test.programme.id)).toEqual([]);
  });

  it('a mistyped area key gets «Menade du» and nothing is stored', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UANNA', 'plan gap Rymd omrde:strategi Ingen strategi');
    expect(errorCode(reply)).toBe('args.unknown_key');
    expect(reply.text).toContain('Menade du `område:strategi`?');
    expect(await gapsOf(test.programme.id)).toEqual([]);
  });

  it('plan done takes only a plan action id', async () => {
    const { as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:strategy Ingen strategi');
    const reply = await as('UANNA', 'plan done G1');
    expect(errorCode(reply)).toBe('args.id_invalid');
    expect(reply.text).toContain('Exempel: `plan klar P9`');
  });

  it('plan review of a cluster with a space in its name needs no quotes', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UPM', 'cluster add "Swedish Space Cluster" sector:space');
    expect((await as('UPM', 'plan review Swedish Space Cluster')).text).toBe('Planen för Swedish Space Cluster är noterad som översedd 2026-03-02.');
    const reviews = await opened.db.select().from(planReviews).where(eq(planReviews.programmeId, test.programme.id));
    expect(reviews).toHaveLength(1);
  });

  it('plan review without a cluster is the one the asker leads or deputises; anyone else is asked for the name and nothing is stored', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reviews = () => opened.db.select({ clusterId: planReviews.clusterId }).from(planReviews).where(eq(planReviews.programmeId, test.programme.id));
    expect((await as('UANNA', 'plan översyn')).text).toBe('Planen för Rymd är noterad som översedd 2026-03-02.');
    expect(await reviews()).toHaveLength(1);
    // The project manager leads no cluster: which plan is meant must be said.
    const pm = await as('UPM', 'plan översyn');
    expect(errorCode(pm)).toBe('args.missing');
    expect(pm.text).toContain('Det saknas klustrets namn');
    expect(await reviews()).toHaveLength(1);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { planActions, planGaps, planReviews, programmeRoles } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const gapsOf = (programmeId: string) => opened.db.select().from(planGaps).where(eq(planGaps.programmeId, programmeId));
const actionsOf = (programmeId: string) => opened.db.select().from(planActions).where(eq(planActions.programmeId, programmeId));

describe('plan gap and plan action', () => {
  it('a leader records a gap with a Swedish area name and it is stored under the English machine name', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UANNA', 'plan gap Rymd area:finansiering Ingen basfinansiering efter 2027');
    expect(reply.text).toContain('Bristen G1 är tillagd i planen för Rymd (område: finansiering)');
    const rows = await gapsOf(test.programme.id);
    expect(rows.map((r) => [r.number, r.area, r.text])).toEqual([[1, 'financing', 'Ingen basfinansiering efter 2027']]);
  });

  it('an unknown area is refused with the list of areas and nothing is stored', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UANNA', 'plan gap Rymd area:marknad Något');
    expect(errorCode(reply)).toBe('args.enum_invalid');
    expect(reply.text).toContain('”marknad” är inget av `struktur`, `styrning`, `finansiering`, `tjänster`, `samverkan`, `erkännande`, `strategi`.');
    expect(await gapsOf(test.programme.id)).toEqual([]);
  });

  it("a leader may not write in another cluster's plan", async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UERIK', 'plan gap Rymd area:strategy Ingen strategi');
    expect(errorCode(reply)).toBe('plan.not_allowed');
    expect(await gapsOf(test.programme.id)).toEqual([]);
  });

  it('an action gets an owner and a due date and its own P id', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:services Saknar testbäddstjänst');
    const reply = await as('UANNA', 'plan action G1 Ta fram tjänstekatalog owner:@Nils due:2026-04-30');
    expect(reply.text).toBe('Åtgärden P1 är tillagd till G1: ägare Nils, klar senast 2026-04-30.');
    const [row] = await actionsOf(test.programme.id);
    expect([row?.number, row?.dueOn, row?.text]).toEqual([1, '2026-04-30', 'Ta fram tjänstekatalog']);
  });

  it('a due date in the past, an owner that is not a person and an unknown gap are refused and nothing is stored', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:services Saknar testbäddstjänst');
    const past = await as('UANNA', 'plan action G1 Något owner:@Nils due:2026-03-01');
    expect(errorCode(past)).toBe('plan.due_past');
    expect(past.text).toContain('Slutdatumet 2026-03-01 har redan passerat (i dag är det 2026-03-02)');
    expect(errorCode(await as('UANNA', 'plan action G1 Något owner:Nils due:2026-04-01'))).toBe('args.person_invalid');
    expect(errorCode(await as('UANNA', 'plan action G1 Något owner:@Nobody due:2026-04-01'))).toBe('person.not_found');
    expect(errorCode(await as('UANNA', 'plan action G9 Något owner:@Nils due:2026-04-01'))).toBe('plan.gap_not_found');
    expect(await actionsOf(test.programme.id)).toEqual([]);
  });
});

describe('plan progress, done and review', () => {
  it('plan shows done/total, overdue and the last review', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:governance Styrelsen saknar industri');
    await as('UANNA', 'plan action G1 Rekrytera två ledamöter owner:@Anna due:2026-03-10');
    await as('UANNA', 'plan action G1 Uppdatera stadgar owner:@Dana due:2026-06-30');
    await as('UANNA', 'plan action G1 Bjud in till årsmöte owner:@Anna due:2026-03-05');
    expect((await as('UDANA', 'plan done P2')).text).toBe('P2 är klar.');
    expect((await as('UANNA', 'plan review Rymd')).text).toBe('Planen för Rymd är noterad som översedd 2026-03-02.');
    test.clock.set(new Date('2026-03-20T09:00:00Z'));
    const plan = await as('UOLLE', 'plan Rymd');
    expect(plan.text).toContain('Utvecklingsplan – Rymd');
    expect(plan.text).toContain('Framsteg: 1/3 åtgärder klara, 2 försenade');
    expect(plan.text).toContain('Senast översedd: 2026-03-02');
    expect(plan.text).toContain('G1 [styrning och ledning] Styrelsen saknar industri');
    expect(plan.text).toContain('P2 Uppdatera stadgar – Dana – 2026-06-30 – klar');
    expect(plan.text).toContain('P1 Rekrytera två ledamöter – Anna – 2026-03-10 – försenad');
    const rows = await actionsOf(test.programme.id);
    expect(rows.filter((r) => r.doneAt).map((r) => r.number)).toEqual([2]);
    expect(await opened.db.select().from(planReviews).where(eq(planReviews.programmeId, test.programme.id))).toHaveLength(1);
  });

  it('closing a plan action twice changes nothing, and only the owner or a plan editor may close it', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UANNA', 'plan gap Rymd area:strategy Ingen strategi');
    await as('UANNA', 'plan action G1 Skriv strategi owner:@Nils due:2026-05-01');
    expect(errorCode(await as('UOLLE', 'plan done P1'))).toBe('plan.not_allowed');
    expect((await as('UNILS', 'plan done P1')).text).toBe('P1 är klar.');
    expect((await as('UNILS', 'plan done P1')).text).toBe('P1 markerades redan som klar 2026-03-02. Inget ändrades.');
    const rows = await actionsOf(test.programme.id);
    expect(rows.map((r) => r.doneAt !== null)).toEqual([true]);
  });
});

describe('board add', () => {
  it('a project manager adds an advisory-board member; a leader may not', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UKARIN', 'whoami', 'Karin');
    expect(errorCode(await as('UANNA', 'board add @Karin'))).toBe('permission.denied');
    expect((await as('UPM', 'board add @Karin')).text).toBe('Karin är nu ledamot i den rådgivande styrgruppen.');
    expect((await as('UPM', 'board add @Karin')).text).toBe('Karin är redan ledamot i den rådgivande styrgruppen.');
    const rows = await opened.db.select().from(programmeRoles).where(eq(programmeRoles.programmeId, test.programme.id));
    expect(rows.filter((r) => r.role === 'board')).toHaveLength(1);
  });
});

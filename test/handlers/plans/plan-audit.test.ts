// The audit lines of a new plan gap and a new plan action name the record by its short id and its cluster,
// as every other line does (found by a project manager: «lade till planåtgärd» with nothing after it).
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog, clusters, planActions, planGaps } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('audit of plan gaps and plan actions', () => {
  it('the entries of `plan gap` and `plan action` keep the G and P id and the cluster, and `audit` shows them in both languages', async () => {
    const p = await meetingProgramme(opened.db);
    const id = p.test.programme.id;
    await p.as('UERIK', 'plan gap Skog area:strategy Ingen strategi för bioekonomin');
    expect(errorCode(await p.as('UANNA', 'plan gap Rymd area:finansiering Ingen basfinansiering efter 2027'))).toBeUndefined();
    expect(errorCode(await p.as('UANNA', 'plan action G2 Ansök om Vinnova-medel owner:@Nils due:2026-06-30'))).toBeUndefined();

    const [rymd] = await opened.db.select().from(clusters).where(and(eq(clusters.programmeId, id), eq(clusters.name, 'Rymd')));
    const [gap] = await opened.db.select().from(planGaps).where(and(eq(planGaps.programmeId, id), eq(planGaps.number, 2)));
    const [action] = await opened.db.select().from(planActions).where(eq(planActions.programmeId, id));
    expect([gap?.clusterId, action?.number, action?.gapId]).toEqual([rymd!.id, 1, gap!.id]);
    const entries = await opened.db
      .select({ action: auditLog.action, subjectId: auditLog.subjectId, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.programmeId, id), inArray(auditLog.action, ['plan.gap', 'plan.action'])))
      .orderBy(asc(auditLog.id));
    expect(entries).toEqual([
      { action: 'plan.gap', subjectId: expect.any(String), detail: { ref: 'G1', area: 'strategy', clusterId: expect.any(String) } },
      { action: 'plan.gap', subjectId: gap!.id, detail: { ref: 'G2', area: 'financing', clusterId: rymd!.id } },
      { action: 'plan.action', subjectId: action!.id, detail: { ref: 'P1', gap: 'G2', clusterId: rymd!.id } },
    ]);

    const sv = (await p.as('UPM', 'logg')).text;
    expect(sv).toMatch(/ · Erik · lade till brist i utvecklingsplan G1 Skog$/m);
    expect(sv).toMatch(/ · Anna · lade till brist i utvecklingsplan G2 Rymd$/m);
    expect(sv).toMatch(/ · Anna · lade till planåtgärd P1 Rymd$/m);
    // Named with its cluster, the entries are found by the cluster's log too.
    const rymdOnly = (await p.as('UPM', 'logg Rymd')).text;
    expect(rymdOnly).toMatch(/lade till planåtgärd P1 Rymd$/m);
    expect(rymdOnly).toMatch(/lade till brist i utvecklingsplan G2 Rymd$/m);
    expect(rymdOnly).not.toContain('G1');

    await p.as('UPM', 'profile lang:en');
    const en = (await p.as('UPM', 'audit')).text;
    expect(en).toMatch(/ · Anna: added plan gap G2 Rymd$/m);
    expect(en).toMatch(/ · Anna: added plan action P1 Rymd$/m);
  });
});

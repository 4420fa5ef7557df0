// `status alla` is about the clusters still at work, and about a retired one only while it has a meeting in the period or an open action item (db/status.repository.ts, test/handlers/reports/retired-cluster-totals.test.ts), and
// its assessment column never calls a retired cluster «ej skattad» (found by a project manager: a retired
// cluster listed as not assessed, as if an assessment were still owed; the column read only open clusters'
// assessments, so a retired cluster had none whatever it had been scored).
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { assessments, clusters } from '../../../db/schema/index.js';
import type { Actor } from '../../../handlers/core/actor.js';
import { clusterAssessmentLines } from '../../../handlers/assessment/assessment-status.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const scores = 'struktur:2 styrning:2 finansiering:2 tjänster:3 samverkan:3 erkännande:3 strategi:3';

/** Rymd is assessed and then retired, Vatten retired without an assessment; Skog is at work, never assessed. */
async function retiredProgramme() {
  const p = await meetingProgramme(opened.db);
  for (const [user, command] of [
    ['UANNA', `assess Rymd ${scores}`],
    ['UPM', 'cluster add Vatten sector:water'],
    ['UPM', 'kluster avveckla Rymd'],
    ['UPM', 'kluster avveckla Vatten'],
    ['UPM', 'board add @Olle'],
  ] as const) {
    const reply = await p.as(user, command);
    if (errorCode(reply)) throw new Error(`fixture failed: ${command}: ${reply.text}`);
  }
  return p;
}

describe('retired clusters in status alla', () => {
  it('are not listed, for the project manager nor the board, while the clusters at work are, with their column', async () => {
    const p = await retiredProgramme();
    const id = p.test.programme.id;
    const retired = await opened.db.select({ name: clusters.name }).from(clusters).where(and(eq(clusters.programmeId, id), isNotNull(clusters.retiredAt)));
    expect(retired.map((c) => c.name).sort()).toEqual(['Rymd', 'Vatten']);
    for (const user of ['UPM', 'UOLLE']) {
      const all = (await p.as(user, 'status alla')).text;
      const lines = all.split('\n').filter((line) => line.startsWith('  • '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ {2}• Skog \(ledare: Erik\) – .* · ej skattad$/);
      expect(all).not.toMatch(/Rymd|Vatten/);
    }
    // Asked for by name, a retired cluster still shows its last assessment.
    expect((await p.as('UPM', 'status Rymd')).text).toContain('Självskattning: 2026-03-02, 0 förbättrade områden sedan första');
  });

  it('the column gives a retired cluster its last assessment, or nothing (its line says it is retired), never «ej skattad»', async () => {
    const p = await retiredProgramme();
    const id = p.test.programme.id;
    const byName = new Map((await opened.db.select().from(clusters).where(eq(clusters.programmeId, id))).map((c) => [c.name, c]));
    const stored = await opened.db.select({ clusterId: assessments.clusterId, assessedOn: assessments.assessedOn }).from(assessments).where(eq(assessments.programmeId, id));
    expect(stored).toEqual([{ clusterId: byName.get('Rymd')!.id, assessedOn: '2026-03-02' }]);
    expect([byName.get('Rymd')!.retiredAt, byName.get('Vatten')!.retiredAt]).toEqual([p.test.clock.now(), p.test.clock.now()]);

    const repos = createRepositories(opened.db);
    const actor = (language: 'sv' | 'en') => ({ programmeId: id, language }) as Actor;
    const sv = await clusterAssessmentLines({ actor: actor('sv'), repos });
    expect(['Rymd', 'Vatten', 'Skog'].map((name) => sv(byName.get(name)!.id))).toEqual(['skattad 2026-03-02, 0 förbättrade', '', 'ej skattad']);
    const en = await clusterAssessmentLines({ actor: actor('en'), repos });
    expect(['Rymd', 'Vatten', 'Skog'].map((name) => en(byName.get(name)!.id))).toEqual(['assessed 2026-03-02, 0 improved', '', 'not assessed']);
  });

  it('status of a retired cluster says in its header since when it is retired, and status alla lists one with a meeting as retired, not «ej skattad»', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode(await p.as('UERIK', 'möte Skogsdag datum:2026-02-10 kluster:Skog'))).toBeUndefined();
    expect(errorCode(await p.as('UPM', 'kluster avveckla Skog'))).toBeUndefined();
    const [skog] = await opened.db.select({ retiredAt: clusters.retiredAt }).from(clusters).where(and(eq(clusters.programmeId, p.test.programme.id), eq(clusters.name, 'Skog')));
    expect(skog?.retiredAt).toEqual(p.test.clock.now());

    const sv = (await p.as('UPM', 'status Skog')).text;
    expect(sv.split('\n')[0]).toBe('Skog (avvecklat 2026-03-02): läget 2026-01-01 – 2026-03-31');
    expect((await p.as('UPM', 'status Rymd')).text.split('\n')[0]).toBe('Rymd: läget 2026-01-01 – 2026-03-31');
    const all = (await p.as('UPM', 'status alla')).text;
    expect(all).toMatch(/^ {2}• Skog \(ledare: Erik\) – möten 1, .* – avvecklat 2026-03-02$/m);
    expect(all).not.toMatch(/Skog .*ej skattad/);

    await p.as('UPM', 'profile lang:en');
    expect((await p.as('UPM', 'status Skog')).text.split('\n')[0]).toBe('Skog (retired 2026-03-02): status 2026-01-01 – 2026-03-31');
    expect((await p.as('UPM', 'status all')).text).not.toMatch(/Skog .*not assessed/);
  });

  it("a leader asking for the status of the cluster she led before it was retired is told it is retired, not that it is not hers", async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', 'cluster role Skog @Anna deputy');
    await p.as('UPM', 'kluster avveckla Rymd');
    const sv = await p.as('UANNA', 'status Rymd');
    expect(errorCode(sv)).toBe('status.retired_not_yours');
    expect(sv.text).toContain('Rymd är avvecklat sedan 2026-03-02. Läget i ett avvecklat kluster ser projektledaren och den rådgivande styrgruppen.');
    expect(sv.text).not.toContain('inte ett av dem');
    await p.as('UANNA', 'profile lang:en');
    expect((await p.as('UANNA', 'status Rymd')).text).toContain('Rymd has been retired since 2026-03-02. The status of a retired cluster is seen by the project manager and the advisory board.');
    // Skog, which she deputises, is hers to see.
    expect(errorCode(await p.as('UANNA', 'status Skog'))).toBeUndefined();
  });
});

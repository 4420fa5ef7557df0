// `plan gap` without a cluster: a leader or deputy of exactly one cluster writes in that cluster's plan, as
// `progress` does; anyone else, and a misspelt cluster name, is still refused with nothing stored.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, planGaps } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Each stored gap as [cluster name, area, text]. */
async function gapsOf(programmeId: string) {
  const rows = await opened.db.select({ cluster: clusters.name, area: planGaps.area, text: planGaps.text }).from(planGaps).innerJoin(clusters, eq(clusters.id, planGaps.clusterId)).where(eq(planGaps.programmeId, programmeId));
  return rows.map((r) => [r.cluster, r.area, r.text]);
}

describe('plan gap without a cluster', () => {
  it('a leader of one cluster writes in its plan, whether the area comes first or last (Swedish)', async () => {
    const p = await meetingProgramme(opened.db);
    const first = await p.as('UANNA', 'plan gap område:finansiering Ingen basfinansiering efter 2027');
    expect(first.outcome.kind === 'reply' && first.outcome.reply.error).toBeUndefined();
    expect(first.text).toContain('Bristen G1 är tillagd i planen för Rymd (område:');
    // The next step is shown with the Swedish keys a Swedish reader types.
    expect(first.text).toContain('`plan åtgärd G1 <text> ägare:@namn senast:ÅÅÅÅ-MM-DD`');
    const last = await p.as('UANNA', 'plan gap Få gemensamma projekt område:samverkan');
    expect(last.text).toContain('Bristen G2 är tillagd i planen för Rymd');
    expect(await gapsOf(p.test.programme.id)).toEqual([
      ['Rymd', 'financing', 'Ingen basfinansiering efter 2027'],
      ['Rymd', 'cooperation', 'Få gemensamma projekt'],
    ]);
  });

  it('a deputy of one cluster writes in its plan, in English', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UDANA', 'profile lang:en');
    const { outcome, text } = await p.as('UDANA', 'plan gap area:financing No long-term base funding');
    expect(outcome.kind === 'reply' && outcome.reply.error).toBeUndefined();
    expect(text).toContain('Gap G1 is added to the plan of Rymd');
    expect(await gapsOf(p.test.programme.id)).toEqual([['Rymd', 'financing', 'No long-term base funding']]);
  });

  it('a named cluster still decides, and a misspelt one is refused rather than read as the description', async () => {
    const p = await meetingProgramme(opened.db);
    const named = await p.as('UANNA', 'plan gap Rymd area:strategy Ingen strategi');
    expect(named.text).toContain('planen för Rymd');
    const misspelt = await p.as('UANNA', 'plan gap Rynd area:strategy Ingen strategi');
    expect(errorCode(misspelt)).toBe('cluster.not_found');
    expect(misspelt.text).toContain('Jag hittar inget kluster som heter ”Rynd”.');
    const other = await p.as('UANNA', 'plan gap Skog area:strategy Ingen strategi');
    expect(errorCode(other)).toBe('plan.not_allowed');
    expect(await gapsOf(p.test.programme.id)).toEqual([['Rymd', 'strategy', 'Ingen strategi']]);
  });

  it('without a description, and for someone with no cluster of their own, it is refused and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const empty = await p.as('UANNA', 'plan gap område:strategi');
    expect(errorCode(empty)).toBe('args.missing');
    expect(empty.text).toContain('en beskrivning av bristen');
    expect(empty.text).toContain('Exempel: `plan brist Rymd område:finansiering');
    const manager = await p.as('UPM', 'plan gap område:strategi Ingen strategi');
    expect(errorCode(manager)).toBe('cluster.not_found');
    expect(await gapsOf(p.test.programme.id)).toEqual([]);
  });

  it('plan without a cluster shows the plan the asker works on: a member of one cluster and deputy of another sees the second', async () => {
    const p = await meetingProgramme(opened.db);
    // Nils is a member of Rymd; made deputy of Skog, his plan is Skog's.
    await p.as('UPM', 'cluster role Skog @Nils deputy');
    await p.as('UERIK', 'plan gap Skog område:finansiering Ingen basfinansiering');
    const shown = (await p.as('UNILS', 'plan')).text;
    expect(shown).toContain('Skog');
    expect(shown).toContain('Ingen basfinansiering');
    expect(shown).not.toContain('Rymd');
  });
});

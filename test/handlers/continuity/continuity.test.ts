import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { continuitySignals } from '../../../handlers/continuity/continuity.js';
import { greedyBusFactor } from '../../../handlers/continuity/continuity-measure.js';
import { openTestDatabase } from '../../support/test-database.js';
import { continuityProgramme } from './continuity-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('greedy bus factor', () => {
  it('is 0 with nothing recorded and 1 when one person touched everything', () => {
    expect(greedyBusFactor([])).toMatchObject({ factor: 0, total: 0 });
    expect(greedyBusFactor([{ people: ['olle'], n: 7 }])).toEqual({ factor: 1, chosen: [{ personId: 'olle', added: 7 }], covered: 7, total: 7 });
  });

  it('picks the most-covering person first and stops at half', () => {
    const groups = [
      { people: ['anna', 'dana'], n: 3 }, { people: ['dana', 'nils'], n: 2 }, { people: ['anna', 'nils'], n: 1 },
      { people: ['nils'], n: 4 }, { people: ['anna'], n: 2 }, { people: ['dana'], n: 2 }, { people: ['gunnar'], n: 1 },
    ];
    expect(greedyBusFactor(groups)).toEqual({ factor: 2, chosen: [{ personId: 'dana', added: 7 }, { personId: 'nils', added: 5 }], covered: 12, total: 15 });
    // Seven of fourteen is already half: one person is enough.
    expect(greedyBusFactor(groups.filter((g) => g.people[0] !== 'nils' || g.people.length > 1).concat([{ people: ['nils'], n: 3 }])).factor).toBe(1);
  });

  it('exactly half is enough, and ties go to the first name', () => {
    expect(greedyBusFactor([{ people: ['erik'], n: 2 }, { people: ['anna'], n: 2 }])).toMatchObject({ factor: 1, chosen: [{ personId: 'anna', added: 2 }] });
  });
});

describe('person-dependency signals', () => {
  it('a one-person cluster has bus factor 1 and a well-shared cluster 2, with the shares counted by hand', async () => {
    const p = await continuityProgramme(opened.db);
    const repos = createRepositories(opened.db);
    const signals = await continuitySignals(repos, p.test.programme.id, undefined, '2026-03-02');
    const { clusters } = await repos.clusters.list(p.test.programme.id);
    const id = (name: string) => clusters.find((c) => c.cluster.name === name)!.cluster.id;
    const ensam = signals.get(id('Ensam'))!;
    expect(ensam.bus).toMatchObject({ factor: 1, covered: 7, total: 7, names: ['Olle'] });
    expect(ensam.shares).toEqual({ meeting: { total: 2, single: 2 }, decision: { total: 1, single: 1 }, org: { total: 1, single: 1 }, plan_action: { total: 1, single: 1 } });
    expect(ensam.soleContacts).toMatchObject([{ organisation: 'Region Norrbotten', person: 'Olle', lastMet: '2026-02-03' }]);
    expect(ensam.deputies).toEqual([]);
    const rymd = signals.get(id('Rymd'))!;
    expect(rymd.bus).toMatchObject({ factor: 2, covered: 12, total: 15, names: ['Dana', 'Nils'] });
    expect(rymd.bus.factor).toBeGreaterThanOrEqual(2);
    // The old meeting counts for "ever", not for the last 12 months.
    expect(rymd.shares).toEqual({ meeting: { total: 4, single: 1 }, decision: { total: 1, single: 0 }, org: { total: 2, single: 0 }, plan_action: { total: 2, single: 2 } });
    expect(rymd.recorders.map((r) => r.name).sort()).toEqual(['Anna', 'Dana', 'Nils']);
    expect(rymd.ownersAwayOrGone.map((a) => `P${a.number}:${a.owner}:${a.reason}`)).toEqual(['P1:Nils:away', 'P2:Gunnar:gone']);
    expect(signals.get(id('Skog'))).toMatchObject({ bus: { factor: 0, total: 0 }, leader: { name: 'Erik' }, deputies: [], recorders: [] });
  });

  it('status <cluster> explains the bus factor and suggests who should co-own a contact', async () => {
    const p = await continuityProgramme(opened.db);
    const ensam = await p.as('UPM', 'status kontinuitet Ensam');
    expect(ensam.text).toContain('Personberoende (bussfaktor): 1 – Olle har ensam rört 7 av 7 poster och kontakter de senaste 12 månaderna.');
    expect(ensam.text).toContain('Har antecknat något senaste 8 veckorna: 1: Olle');
    expect((await p.as('UPM', 'status Ensam')).text).toContain('Ersättare: ingen\n');
    expect(ensam.text).toContain('Bara en person har rört: möten 2 av 2 (100 %), beslut 1 av 1 (100 %), kontakter 1 av 1 (100 %), planåtgärder 1 av 1 (100 %)');
    expect(ensam.text).toContain('Organisationer som bara en person har träffat\n  • Region Norrbotten – bara Olle (senast 2026-02-03)');
    expect(ensam.text).toContain('Förslag: bara Olle har träffat Region Norrbotten. Utse en ersättare (`kluster roll Ensam @namn ersättare`)');
    await p.as('UPM', 'cluster role Ensam @Erik deputy');
    expect((await p.as('UPM', 'status kontinuitet Ensam')).text).toContain('Förslag: be Erik att bli medansvarig för kontakten med Region Norrbotten (hittills har bara Olle träffat dem).');
    const rymd = await p.as('UANNA', 'status kontinuitet Rymd');
    expect(rymd.text).toContain('Personberoende (bussfaktor): 2 – Dana och Nils har tillsammans rört 12 av 15 poster och kontakter de senaste 12 månaderna. Ingen enskild person bär hälften.');
    expect(rymd.text).toContain('Planåtgärder vars ägare är borta eller har slutat\n  • P1 Kartlägg testbäddar – ägare Nils (borta)\n  • P2 Prata med kommunen – ägare Gunnar (inte längre med i något kluster)');
    expect(rymd.text).toContain('Förslag: ge P1 en ny ägare, Nils är borta.');
  });

  it('the status overview lists the clusters that rest on one person or lack a deputy', async () => {
    const p = await continuityProgramme(opened.db);
    const { text } = await p.as('UPM', 'status kontinuitet');
    expect(text).toContain('Personberoende\n  • Ensam: bussfaktor 1 (Olle), ingen ersättare, 1 aktiv senaste 8 veckorna');
    expect(text).toContain('  • Rymd: bussfaktor 2 (Dana och Nils), 3 aktiva senaste 8 veckorna, 2 planåtgärder utan närvarande ägare');
    expect(text).toContain('  • Skog: inga poster eller kontakter de senaste 12 månaderna, ingen ersättare, 0 aktiva senaste 8 veckorna');
    // A leader sees only their own cluster.
    const own = await p.as('UOLLE', 'status kontinuitet');
    expect(own.text).toContain('• Ensam: bussfaktor 1');
    expect(own.text).not.toContain('Rymd:');
  });
});

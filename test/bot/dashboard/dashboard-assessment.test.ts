import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { dashboardProgramme, linkOf } from './dashboard-fixture.js';

let opened: OpenedDatabase;
let fixture: Awaited<ReturnType<typeof dashboardProgramme>>;
beforeAll(async () => {
  opened = await openTestDatabase();
  fixture = await dashboardProgramme(opened.db);
});
afterAll(async () => {
  fixture?.server.close();
  await opened.close();
});

const scores = (s: number[]) => ['struktur', 'styrning', 'finansiering', 'tjänster', 'samverkan', 'erkännande', 'strategi'].map((a, i) => `${a}:${s[i]}`).join(' ');
/** The table that follows the element with this id, as rows of cell texts. */
function tableAfter(html: string, id: string): string[][] {
  const from = html.indexOf(`id="${id}"`);
  const body = html.slice(html.indexOf('<tbody>', from) + 7, html.indexOf('</tbody>', from));
  return body.split('</tr>').filter((r) => r.includes('<t')).map((r) => [...r.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]!));
}

describe('self-assessments and evaluations in the web view', () => {
  it('the cluster page draws the latest assessment against the first and the scores over time, each with its table; the programme page the evaluations per kind', async () => {
    const { p, as } = fixture;
    p.test.clock.set(new Date('2026-01-20T09:00:00Z'));
    await as('UANNA', `assess Rymd ${scores([2, 2, 2, 3, 3, 3, 3])}`);
    p.test.clock.set(new Date('2026-03-20T09:00:00Z'));
    await as('UDANA', `assess Rymd ${scores([3, 3, 2, 4, 3, 3, 2])}`);
    await as('UPM', 'evaluate M3');
    await as('UERIK', 'rate M3 4 GIS-lager för skogsdata');
    await as('UOLLE', 'rate M3 3');
    const programme = await (await fetch(linkOf(await as('UPM', 'status från:2026-01-01 till:2026-03-31')))).text();
    expect(programme).toContain('id="evaluations-chart"');
    expect(tableAfter(programme, 'evaluations-chart')).toEqual([['utbildning', '3,5', '2', '1']]);
    // The evaluated meetings with their comments, never who gave them.
    const meetingsTable = programme.slice(programme.indexOf('Utvärderade möten (utan namn)'));
    expect(meetingsTable).toContain('<th scope="row">M3 Utbildning GIS</th><td>2026-02-10</td><td>utbildning</td><td>2</td><td>2</td><td>3,5</td><td>GIS-lager för skogsdata</td>');
    expect(meetingsTable.slice(0, meetingsTable.indexOf('</table>'))).not.toMatch(/Erik|Olle/);
    const href = /href="([^"]+\/clusters\/[^"]+)">Rymd</.exec(programme)![1]!.replace(/&amp;/g, '&');
    const cluster = await (await fetch(new URL(href, linkOf(await as('UPM', 'dashboard'))))).text();
    const radar = cluster.slice(cluster.indexOf('id="assessment-radar"'), cluster.indexOf('</section>', cluster.indexOf('id="assessment-radar"')));
    expect(radar).toContain('<svg');
    expect(radar).toContain('Senaste (2026-03-20) mot första (2026-01-20)');
    expect(tableAfter(cluster, 'assessment-radar')).toEqual([
      ['struktur', '3', '2'],
      ['styrning och ledning', '3', '2'],
      ['finansiering', '2', '2'],
      ['tjänster', '4', '3'],
      ['medlemmarnas samverkan', '3', '3'],
      ['resultat och erkännande', '3', '3'],
      ['strategi', '2', '3'],
    ]);
    expect(tableAfter(cluster, 'assessment-over-time')[0]).toEqual(['struktur', '2', '3']);
    expect(cluster.slice(cluster.indexOf('id="assessment-over-time"')).indexOf('<svg')).toBeGreaterThan(0);
    const skog = await (await fetch(new URL(href.replace(fixture.clusterId('Rymd'), fixture.clusterId('Skog')), linkOf(await as('UPM', 'dashboard'))))).text();
    expect(skog).toContain('Klustret har ingen självskattning ännu.');
  });
});

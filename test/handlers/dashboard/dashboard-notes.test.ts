// The cluster web view's weekly notes: one per writer and week, each with its writer's name.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderClusterBody } from '../../../bot/dashboard/cluster-page.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { loadClusterView } from '../../../handlers/dashboard/dashboard-cluster-data.js';
import { openTestDatabase } from '../../support/test-database.js';
import { weeklyProgramme } from '../../support/weekly-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

it("the cluster page shows the leader's and the deputy's notes of one week, each under its writer's name", async () => {
  const p = await weeklyProgramme(opened.db);
  await p.as('UPM', 'cluster role Rymd <@UDANA|Dana> deputy');
  await p.as('UANNA', 'progress done: Skickade Vinnova-utkast');
  p.test.clock.advance(60 * 60 * 1000);
  await p.as('UDANA', 'progress done: Utbildning i exportkontroll');
  const repos = createRepositories(opened.db);
  const { cluster } = await repos.clusters.findByName(p.test.programme.id, 'Rymd');
  const input = { repos, programmeId: p.test.programme.id, period: { from: '2026-03-01', to: '2026-03-31' }, today: '2026-03-02', timezone: 'Europe/Stockholm', language: 'sv' as const };
  const view = await loadClusterView({ ...input, clusterId: cluster!.id });
  expect(view!.notes.map((n) => [n.isoWeek, n.author, n.done])).toEqual([
    ['2026-W10', 'Anna', 'Skickade Vinnova-utkast'],
    ['2026-W10', 'Dana', 'Utbildning i exportkontroll'],
  ]);
  const html = renderClusterBody('sv', view!, '2026-03-02');
  expect(html).toContain('<h3>2026-W10</h3><p class="by">Anna</p>');
  expect(html).toContain('<h3>2026-W10</h3><p class="by">Dana</p>');
});

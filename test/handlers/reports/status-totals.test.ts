// Programme totals are counted once over the programme, never summed from the clusters' rows: an action
// item of a meeting of four clusters is one item in `status`, on the dashboard and in `actions all`, and
// one item in each of the four clusters' rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { loadProgrammeView } from '../../../handlers/dashboard/dashboard-data.js';
import { t } from '../../../handlers/i18n/index.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';
import { figuresOf } from './totals-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const q1 = { from: '2026-01-01', to: '2026-03-31' };
const today = '2026-03-02';

async function fourClusterMeeting(): Promise<MeetingProgramme> {
  const p = await meetingProgramme(opened.db);
  for (const command of ['cluster add Sol sector:energy', 'cluster add Hav sector:marine']) await p.as('UPM', command);
  const logged = await p.as('UPM', 'meeting Nätverksträff date:2026-02-02 cluster:Rymd,Skog,Sol,Hav with:@Petra\naction: @Anna Skicka underlaget due:2026-02-20\naction: @Erik Boka nästa träff due:2026-04-30');
  if (logged.outcome.kind !== 'reply' || logged.outcome.reply.error) throw new Error(logged.text);
  return p;
}

describe('programme totals', () => {
  it('an action item of a meeting of four clusters counts once in status, as actions all lists it, and once in each cluster', async () => {
    const p = await fourClusterMeeting();
    const repos = createRepositories(opened.db);
    const listed = await repos.actionItems.listOpen({ programmeId: p.test.programme.id, limit: 100 });
    expect(listed.total).toBe(2);
    expect((await p.as('UPM', 'actions all')).text).toContain('Alla öppna åtgärder (2)');

    const status = await p.as('UPM', 'status');
    expect(status.text).toContain('Åtgärder från möten: 2 öppna, 1 försenad');
    expect(status.text).toContain('Möten under perioden: 1');
    expect(figuresOf(status.outcome, 'status.actions')).toEqual([2, 1]);
    for (const cluster of ['Rymd', 'Skog', 'Sol', 'Hav']) {
      expect(figuresOf((await p.as('UPM', `status ${cluster}`)).outcome, 'status.actions')).toEqual([2, 1]);
    }
  });

  it('the dashboard shows the same programme totals as status, not the sum of its cluster rows', async () => {
    const p = await fourClusterMeeting();
    const view = await loadProgrammeView({ repos: createRepositories(opened.db), programmeId: p.test.programme.id, period: q1, today, timezone: 'Europe/Stockholm', language: 'sv' });
    expect(view.summary).toMatchObject({ clusters: 4, meetings: 1, openActions: 2, overdueActions: 1 });
    expect(view.clusters.map((c) => [c.name, c.meetings, c.openActions, c.overdueActions])).toEqual([
      ['Hav', 1, 2, 1],
      ['Rymd', 1, 2, 1],
      ['Skog', 1, 2, 1],
      ['Sol', 1, 2, 1],
    ]);
    expect(view.totals.find((f) => f.label === t('sv', 'status.actions'))?.value).toBe('2 öppna, 1 försenad');
  });

  it("a leader's status counts an item of a meeting of both their clusters once, as the two clusters' lists hold it", async () => {
    const p = await fourClusterMeeting();
    await p.as('UPM', 'cluster role Skog @Anna deputy');
    const status = await p.as('UANNA', 'status');
    expect(figuresOf(status.outcome, 'status.actions')).toEqual([2, 1]);
    expect(figuresOf(status.outcome, 'status.clusters')[0]).toBe(2);
  });

  it('plan actions are counted over every cluster in scope, each in its own cluster', async () => {
    const p = await fourClusterMeeting();
    await p.as('UPM', 'plan gap Rymd area:strategy Ingen strategi');
    await p.as('UPM', 'plan gap Hav area:financing Ingen finansiering');
    await p.as('UPM', 'plan action G1 Skriv strategi owner:@Anna due:2026-06-30');
    await p.as('UPM', 'plan action G2 Sök medel owner:@Erik due:2026-06-30');
    await p.as('UPM', 'plan action G2 Ring Vinnova owner:@Erik due:2026-06-30');
    await p.as('UPM', 'plan done P3');
    const status = await p.as('UPM', 'status');
    expect(figuresOf(status.outcome, 'plan.progress_label')).toEqual([1, 3, 0]);
    expect(figuresOf((await p.as('UPM', 'status Hav')).outcome, 'plan.progress_label')).toEqual([1, 2, 0]);
  });
});

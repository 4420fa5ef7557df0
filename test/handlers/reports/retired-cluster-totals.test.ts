// Every total a person sees equals the list it summarises, also once a cluster is retired. Found by a project
// manager: after `kluster avveckla` the overview said «Möten under perioden: 26 / Åtgärder från möten: 23
// öppna» while the cluster lines of `status alla` summed to 25 and 22: the retired cluster's meeting and open
// action item were counted but its line was gone. A retired cluster keeps its records, so a report to the
// funder counts them: `status alla` lists it, marked retired, while it has a meeting in the period or an open
// action item; the overview counts it apart from the clusters at work and never as one needing attention.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { actionItems, clusters } from '../../../db/schema/index.js';
import { renderProgrammeBody } from '../../../bot/dashboard/programme-page.js';
import { loadProgrammeView } from '../../../handlers/dashboard/dashboard-data.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';
import { figuresOf } from './totals-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Rymd, Skog and Vatten each held a meeting with an open action item; Vatten is retired, and so is Hav, which
 *  never did anything. */
async function programme() {
  const p = await meetingProgramme(opened.db);
  for (const command of [
    'cluster add Vatten sector:water',
    'cluster add Hav sector:marine',
    'meeting Start date:2026-02-10 cluster:Rymd\naction: @Anna Gör A',
    'meeting Skogsmöte date:2026-02-11 cluster:Skog\naction: @Erik Gör B',
    'meeting Vattenmöte date:2026-02-12 cluster:Vatten\naction: @Petra Gör C',
    'kluster avveckla Vatten',
    'kluster avveckla Hav',
  ]) {
    const reply = await p.as('UPM', command);
    if (errorCode(reply)) throw new Error(`fixture failed: ${command}: ${reply.text}`);
  }
  return p;
}

const linesOf = (text: string) => text.split('\n').filter((line) => line.startsWith('  • '));
const sum = (lines: string[], pattern: RegExp) => lines.reduce((n, line) => n + Number(pattern.exec(line)![1]), 0);

describe('a retired cluster in status', () => {
  it('status alla lists the retired cluster with activity, marked, so its lines add up to the totals', async () => {
    const p = await programme();
    const id = p.test.programme.id;
    // Stored: both are retired, and the retired cluster's action item is still open, as its records stay.
    const retired = await opened.db.select({ name: clusters.name }).from(clusters).where(and(eq(clusters.programmeId, id), isNotNull(clusters.retiredAt)));
    expect(retired.map((c) => c.name).sort()).toEqual(['Hav', 'Vatten']);
    const open = await opened.db.select({ text: actionItems.text }).from(actionItems).where(and(eq(actionItems.programmeId, id), isNull(actionItems.doneAt)));
    expect(open.map((a) => a.text).sort()).toEqual(['Gör A', 'Gör B', 'Gör C']);

    const overview = await p.as('UPM', 'status');
    expect(figuresOf(overview.outcome, 'status.meetings')).toEqual([3]);
    expect(figuresOf(overview.outcome, 'status.actions')).toEqual([3, 0]);
    // Two clusters at work (both need attention: no plan review), and the retired one counted apart.
    expect(figuresOf(overview.outcome, 'status.clusters')).toEqual([2, 2, 1]);
    expect(overview.text).toContain('Kluster: 2, varav 2 behöver uppmärksamhet; dessutom 1 avvecklat med möten eller öppna åtgärder');
    expect(overview.text).not.toMatch(/Behöver uppmärksamhet\n(.*\n)*.*Vatten/);

    const all = await p.as('UPM', 'status alla');
    const lines = linesOf(all.text);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^ {2}• Vatten \(ledare: ingen\) – möten 1, åtgärder 1 öppen\/0 försenade, plan 0\/0 – avvecklat 2026-03-02$/);
    expect(all.text).not.toContain('Hav');
    expect(sum(lines, /möten (\d+)/)).toBe(figuresOf(overview.outcome, 'status.meetings')[0]);
    expect(sum(lines, /åtgärder (\d+) öpp/)).toBe(figuresOf(overview.outcome, 'status.actions')[0]);
    expect(lines).toHaveLength(figuresOf(overview.outcome, 'status.clusters').filter((_, i) => i !== 1).reduce((a, b) => a + b, 0));

    // The web view lists the same clusters with the same figures, the retired one marked.
    const view = await loadProgrammeView({ repos: createRepositories(opened.db), programmeId: id, period: { from: '2026-01-01', to: '2026-03-31' }, today: '2026-03-02', timezone: 'Europe/Stockholm', language: 'sv' });
    expect(view.clusters.map((c) => [c.name, c.meetings, c.openActions])).toEqual([['Rymd', 1, 1], ['Skog', 1, 1], ['Vatten', 1, 1]]);
    expect(view.summary).toMatchObject({ clusters: 2, retiredClusters: 1, meetings: 3, openActions: 3 });
    const html = renderProgrammeBody('sv', view, { action: '', programme: '', cluster: (c) => c, otherLanguage: '' });
    expect(html).toContain('Vatten (avvecklat 2026-03-02)');
  });

  it('an English reader sees the retired cluster marked «retired»', async () => {
    const p = await programme();
    expect(errorCode(await p.as('UPM', 'profile lang:en'))).toBeUndefined();
    const all = await p.as('UPM', 'status all');
    expect(linesOf(all.text).some((line) => /^ {2}• Vatten \(leader: [^)]*\) – .* – retired 2026-03-02$/.test(line))).toBe(true);
    expect((await p.as('UPM', 'status')).text).toContain('Clusters: 2, of which 2 need attention; also 1 retired with meetings or open actions');
  });

  it('once its last open action item is done and the period holds none of its meetings, it leaves the list and the totals alike', async () => {
    const p = await programme();
    expect(errorCode(await p.as('UPM', 'done A3'))).toBeUndefined();
    const overview = await p.as('UPM', 'status från:2026-03-01 till:2026-03-31');
    expect(figuresOf(overview.outcome, 'status.meetings')).toEqual([0]);
    expect(figuresOf(overview.outcome, 'status.actions')).toEqual([2, 0]);
    expect(figuresOf(overview.outcome, 'status.clusters')).toEqual([2, 2]);
    const lines = linesOf((await p.as('UPM', 'status alla från:2026-03-01 till:2026-03-31')).text);
    expect(lines.map((line) => line.split(' (')[0])).toEqual(['  • Rymd', '  • Skog']);
    expect(sum(lines, /åtgärder (\d+) öpp/)).toBe(2);
  });
});

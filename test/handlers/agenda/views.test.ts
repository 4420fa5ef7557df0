// Upcoming meetings show in every view, and are counted in none until they are logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { createRunForPerson } from '../../../handlers/core/run-for-person.js';
import { renderPlainText } from '../../../handlers/core/reply.js';
import { home } from '../../../handlers/programme/home.js';
import { buildDigest } from '../../../handlers/weekly/digest-content.js';
import { loadProgrammeView } from '../../../handlers/dashboard/dashboard-data.js';
import { renderProgrammeBody } from '../../../bot/dashboard/programme-page.js';
import { storedFiles } from '../continuity/handover-fixture.js';
import { meetingProgramme } from '../../support/programme-fixture.js';
import { silentLogger, testSettings } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** A reply's text without its «Kommande möten» block. */
const withoutUpcoming = (text: string) => text.replace(/Kommande möten\n(?: {2}• .*\n?)+\n?/g, '');

describe('upcoming meetings in the views', () => {
  it('status shows the next planned meetings and counts none of them; logging one is what counts', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp date:2026-02-20 cluster:Rymd');
    const before = { overview: (await p.as('UPM', 'status')).text, cluster: (await p.as('UPM', 'status Rymd')).text, indicators: (await p.as('UPM', 'status indicators')).text, continuity: (await p.as('UPM', 'status continuity')).text };
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-10 time:10:00 cluster:Rymd');
    await p.as('UNILS', 'agenda M2 Budget');
    await p.as('UERIK', 'meeting plan Skogsdag date:2026-03-11 time:09:00 cluster:Skog kind:workshop');
    const overview = (await p.as('UPM', 'status')).text;
    expect(overview).toContain('Kommande möten\n  • M2 2026-03-10 10:00 Klustermöte (Rymd) – 1 punkt\n  • M3 2026-03-11 09:00 Skogsdag (Skog) – inga punkter än');
    expect(withoutUpcoming(overview)).toBe(withoutUpcoming(before.overview));
    const cluster = (await p.as('UPM', 'status Rymd')).text;
    expect(cluster).toContain('M2 2026-03-10 10:00 Klustermöte');
    expect(cluster).not.toContain('Skogsdag');
    expect(withoutUpcoming(cluster)).toBe(withoutUpcoming(before.cluster));
    expect((await p.as('UPM', 'status indicators')).text).toBe(before.indicators);
    expect((await p.as('UPM', 'status continuity')).text).toBe(before.continuity);
    // A leader sees only her clusters' planned meetings in status.
    const anna = (await p.as('UANNA', 'status')).text;
    expect(anna).toContain('Klustermöte');
    expect(anna).not.toContain('Skogsdag');
    p.test.clock.set(new Date('2026-03-10T11:00:00Z'));
    await p.as('UANNA', 'meeting log M2');
    expect((await p.as('UPM', 'status indicators')).text).not.toBe(before.indicators);
  });

  it('the posted digest lists the fortnight\'s planned meetings under «Kommande möten»', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-10 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan Långt fram date:2026-05-10 time:10:00 cluster:Rymd');
    const digest = renderPlainText(await buildDigest({ repos: createRepositories(opened.db), programmeId: p.test.programme.id, now: p.test.clock.now(), timezone: 'Europe/Stockholm', language: 'sv' }));
    expect(digest).toContain('Kommande möten\n  • M1 2026-03-10 10:00 Klustermöte (Rymd) – inga punkter än');
    expect(digest).not.toContain('Långt fram');
    expect(digest.match(/Kommande möten/g)).toHaveLength(1);
  });

  it("App Home / the Teams welcome shows the meetings that concern the person, and the handover pack carries the cluster's with their agendas", async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-10 time:10:00 cluster:Rymd');
    await p.as('UERIK', 'meeting plan Skogsdag date:2026-03-11 time:09:00 cluster:Skog with:@Olle');
    await p.as('UNILS', 'agenda M1 Budget för hösten');
    const run = createRunForPerson({ db: opened.db, clock: p.test.clock, logger: silentLogger, settings: testSettings });
    const homeOf = async (userId: string) => {
      const outcome = await run({ platform: 'slack', workspaceId: p.workspaceId, userId }, home, 'home');
      return outcome.kind === 'reply' ? renderPlainText(outcome.reply) : '';
    };
    const nils = await homeOf('UNILS');
    expect(nils).toContain('Kommande möten\n  • M1 2026-03-10 10:00 Klustermöte (Rymd) – 1 punkt');
    expect(nils).not.toContain('Skogsdag');
    expect(await homeOf('UOLLE')).toContain('M2 2026-03-11 09:00 Skogsdag (Skog)');
    await p.as('UPM', 'handover pack Rymd');
    const files = await storedFiles(opened.db, p.test.programme.id);
    const pack = JSON.parse(files.find((f) => f.name.endsWith('.json'))!.content) as { upcomingMeetings: unknown };
    expect(pack.upcomingMeetings).toEqual([{ id: 'M1', starts: '2026-03-10 10:00', kind: 'cluster', title: 'Klustermöte', topics: ['Budget för hösten'] }]);
    expect(files.find((f) => f.name.endsWith('.md'))!.content).toContain('## Kommande möten och deras dagordningar\n\n- 2026-03-10 10:00 M1 klustermöte: Klustermöte – Budget för hösten');
  });

  it('the dashboard lists planned meetings beside figures that do not count them', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp date:2026-02-20 cluster:Rymd');
    const input = { repos: createRepositories(opened.db), programmeId: p.test.programme.id, period: { from: '2026-01-01', to: '2026-03-31' }, today: '2026-03-02', timezone: 'Europe/Stockholm', language: 'sv' as const };
    const before = await loadProgrammeView(input);
    expect(before.upcoming).toEqual([]);
    await p.as('UANNA', 'meeting plan Klustermöte date:2026-03-10 time:10:00 cluster:Rymd');
    const after = await loadProgrammeView(input);
    expect(after.upcoming).toEqual(['M2 2026-03-10 10:00 Klustermöte (Rymd) – inga punkter än']);
    expect(after.totals).toEqual(before.totals);
    expect(after.fields).toEqual(before.fields);
    expect([...(after.activity.values())].map((weeks) => [...weeks.values()])).toEqual([...(before.activity.values())].map((weeks) => [...weeks.values()]));
    const html = renderProgrammeBody('sv', after, { action: '', programme: '', cluster: (id) => id, otherLanguage: '' });
    expect(html).toContain('<h2 id="upcoming">Kommande möten</h2><ul><li>M2 2026-03-10 10:00 Klustermöte (Rymd) – inga punkter än</li></ul>');
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../../db/schema/index.js';
import { blockActionBody, FORM_CONTENT_TYPE, type RecordedCall } from '../../support/fake-slack-api.js';
import { postSigned, shownText } from './slack-harness.js';
import { startOAuthHarness, type OAuthHarness } from './oauth-harness.js';

const RYMD = { teamId: 'T0RYMD0001', teamName: 'Rymdklustret', botToken: 'xoxb-1001-2001-rymdrymdrymdrymd' };
const SKOG = { teamId: 'T0SKOG0002', teamName: 'Skogsklustret', botToken: 'xoxb-1002-2002-skogskogskogskog' };
const PETRA = 'U0RYMDBOSS';

let h: OAuthHarness;
beforeAll(async () => {
  h = await startOAuthHarness({ admins: [{ platform: 'slack', userId: PETRA }] });
  await h.install(RYMD);
  await h.install(SKOG);
  for (const text of ['cluster add Rymd sector:space', 'cluster role Rymd @me leader', 'meeting Styrgrupp cluster:Rymd\naction: @me Boka lokal till workshopen due:2030-01-15']) {
    await h.command(RYMD.teamId, PETRA, text);
  }
});
afterAll(async () => h.close());

const homeOpened = (teamId: string, user: string, tab = 'home') =>
  h.event(teamId, { type: 'app_home_opened', user, channel: 'D0HOME0001', tab, event_ts: `${Date.now() / 1000}` });
const publishesFor = (user: string) => h.fake.callsTo('views.publish').filter((c) => c.body['user_id'] === user);
const viewText = (call: RecordedCall) => shownText(call.body['view'] as Record<string, unknown>);

describe('Slack App Home', () => {
  it('opening the Home tab publishes that person’s clusters, open actions, weekly note status and buttons', async () => {
    expect((await homeOpened(RYMD.teamId, PETRA)).status).toBe(200);
    const call = await h.fake.waitFor(() => publishesFor(PETRA)[0], 10_000);
    expect(call.authorization).toBe(`Bearer ${RYMD.botToken}`);
    const view = call.body['view'] as { type: string; blocks: { type: string; elements?: { value?: string }[] }[] };
    expect(view.type).toBe('home');
    const text = viewText(call);
    expect(text).toContain('Dina kluster');
    expect(text).toContain('Rymd (klusterledare)');
    expect(text).toContain('A1 Boka lokal till workshopen');
    expect(text).toMatch(/Veckorapport \d{4}-W\d{2}/);
    expect(text).toContain('Rymd: saknas');
    const commands = view.blocks.flatMap((b) => b.elements ?? []).flatMap((e) => (e.value ? [e.value] : []));
    expect(commands).toEqual(expect.arrayContaining(['progress', 'meeting', 'actions mine', 'exchange list mine', 'help']));
  });

  it('after the weekly note is posted, the next opening shows it as posted', async () => {
    await h.command(RYMD.teamId, PETRA, 'progress cluster:Rymd done: Workshop med kommunen next: Ansökan');
    const before = publishesFor(PETRA).length;
    await homeOpened(RYMD.teamId, PETRA);
    const call = await h.fake.waitFor(() => publishesFor(PETRA)[before], 10_000);
    expect(viewText(call)).toContain('Rymd: inskickad ✓');
  });

  it('a button on the Home tab runs its command and answers in the person’s DM with the workspace’s token', async () => {
    const payload = JSON.parse(new URLSearchParams(blockActionBody({ value: 'actions mine' })).get('payload')!) as Record<string, unknown>;
    const { channel: _channel, response_url: _url, ...rest } = payload;
    const body = new URLSearchParams({ payload: JSON.stringify({
      ...rest, team: { id: RYMD.teamId }, user: { id: PETRA, team_id: RYMD.teamId, name: 'petra' },
      container: { type: 'view', view_id: 'V0HOME0001' }, view: { id: 'V0HOME0001', type: 'home', team_id: RYMD.teamId }, trigger_id: 'trig-home-button',
    }) }).toString();
    expect((await postSigned(`${h.baseUrl}/slack/events`, body, { contentType: FORM_CONTENT_TYPE })).status).toBe(200);
    const post = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postMessage' && c.body['channel'] === PETRA), 10_000);
    expect(post.authorization).toBe(`Bearer ${RYMD.botToken}`);
    expect(shownText(post.body)).toContain('A1 Boka lokal till workshopen');
  });

  it('opening the Messages tab publishes nothing', async () => {
    const before = h.fake.callsTo('views.publish').length;
    await homeOpened(RYMD.teamId, PETRA, 'messages');
    await homeOpened(RYMD.teamId, 'U0OTHER001');
    await h.fake.waitFor(() => publishesFor('U0OTHER001')[0], 10_000);
    expect(h.fake.callsTo('views.publish')).toHaveLength(before + 1);
  });

  it('in a workspace that has not joined the programme the Home tab says how to connect, with its own token, and stores no one', async () => {
    await homeOpened(SKOG.teamId, 'U0SKOGUSER');
    const call = await h.fake.waitFor(() => publishesFor('U0SKOGUSER')[0], 10_000);
    expect(call.authorization).toBe(`Bearer ${SKOG.botToken}`);
    expect(viewText(call)).toContain('Den här arbetsytan är inte ansluten till något LOKET-program ännu.');
    expect(await h.database.db.select().from(people).where(and(eq(people.platform, 'slack'), eq(people.userId, 'U0SKOGUSER')))).toEqual([]);
  });
});

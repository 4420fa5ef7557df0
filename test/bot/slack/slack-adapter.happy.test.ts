import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversations, people } from '../../../db/schema/index.js';
import type { ProcessIncoming } from '../../../handlers/core/incoming.js';
import {
  FORM_CONTENT_TYPE,
  JSON_CONTENT_TYPE,
  blockActionBody,
  eventBody,
  slashCommandBody,
  viewSubmissionBody,
} from '../../support/fake-slack-api.js';
import { USER_ID, sharedTestDatabase, shownText, startSlackHarness, type HarnessOptions, type SlackHarness } from './slack-harness.js';

const database = sharedTestDatabase();
let h: SlackHarness;

beforeAll(database.open);
afterAll(database.close);

async function start(options: HarnessOptions = {}) {
  h = await startSlackHarness({ db: database.db, ...options });
  await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
}

afterEach(async () => {
  await h.close();
});

const command = (text: string, extra: Record<string, string> = {}) =>
  slashCommandBody({ team_id: h.teamId, text, trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl('cmd'), ...extra });

describe('the /loket slash command', () => {
  it('is acknowledged with an empty 200 before the core answers, and the help then reaches the response_url privately', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await start({ wrapCore: (core): ProcessIncoming => async (message) => { await held; return core(message); } });
    const triggerId = h.unique('trig.');

    const res = await h.post(command('help', { trigger_id: triggerId }), { contentType: FORM_CONTENT_TYPE });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(h.fake.responses).toEqual([]);

    release();
    const response = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    expect(response.body['response_type']).toBe('ephemeral');
    expect(shownText(response.body)).toContain('LOKET – vad vill du göra?');
    expect(shownText(response.body)).toContain('Möten och åtgärder: skriv `/loket hjälp möten`');
    expect(h.coreCalls[0]).toMatchObject({ platform: 'slack', workspaceId: h.teamId, userId: USER_ID, displayName: 'anna.berg', channelId: 'C0KLUSTER1', text: 'help', deliveryKey: { source: 'slack.command', key: triggerId } });
    expect(await h.deliveries('slack.command', triggerId)).toHaveLength(1);
  });

  it('a project manager adds a cluster: the row is stored in the programme and the reply says it was added', async () => {
    await start();
    const res = await h.post(command('cluster add Rymd sector:space'), { contentType: FORM_CONTENT_TYPE });
    expect(res.status).toBe(200);

    const response = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    expect(shownText(response.body)).toContain('Klustret ”Rymd” (sektor: space) är tillagt');
    const rows = await h.clustersNamed('Rymd');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ programmeId: h.testCore.programme.id, sector: 'space' });
  });

  it('remembers the channel the command came from, so digests can be posted there later', async () => {
    await start();
    await h.post(command('whoami', { channel_id: 'C0DIGEST01', channel_name: 'kluster-nytt' }), { contentType: FORM_CONTENT_TYPE });
    await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    const rows = await h.testCore.db.select().from(conversations).where(and(eq(conversations.programmeId, h.testCore.programme.id), eq(conversations.conversationId, 'C0DIGEST01')));
    expect(rows).toMatchObject([{ platform: 'slack', workspaceExternalId: h.teamId, conversationType: 'channel' }]);
  });
});

describe('buttons', () => {
  it('a click runs the button’s command as the clicking user and answers on the response_url as a new message', async () => {
    await start();
    const triggerId = h.unique('trig.');
    const body = blockActionBody({
      value: 'cluster add Fordon sector:vehicles', trigger_id: triggerId, response_url: h.fake.responseUrl('click'),
      team: { id: h.teamId, domain: 'norrbotten-kluster' }, user: { id: USER_ID, username: 'anna.berg', name: 'anna.berg', team_id: h.teamId },
    });
    const res = await h.post(body, { contentType: FORM_CONTENT_TYPE });
    expect(res.status).toBe(200);

    const response = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'click'));
    expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shownText(response.body)).toContain('Klustret ”Fordon” (sektor: vehicles) är tillagt');
    expect(await h.clustersNamed('Fordon')).toHaveLength(1);
    expect(h.coreCalls[0]?.deliveryKey).toEqual({ source: 'slack.action', key: triggerId });
  });
});

describe('mentions and direct messages', () => {
  it('a mention in a channel runs the text after the mention and answers only the asker, with chat.postEphemeral', async () => {
    await start();
    const eventId = h.unique('Ev');
    const res = await h.post(eventBody({ team_id: h.teamId, event_id: eventId, event: { text: '<@U0LOKETBOT> cluster add Hav sector:sea' } }), { contentType: JSON_CONTENT_TYPE });
    expect(res.status).toBe(200);

    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral'));
    expect(call.body).toMatchObject({ channel: 'C0KLUSTER1', user: USER_ID });
    expect(shownText(call.body)).toContain('Klustret ”Hav” (sektor: sea) är tillagt');
    expect(h.coreCalls[0]).toMatchObject({ text: 'cluster add Hav sector:sea', deliveryKey: { source: 'slack.message', key: `${h.teamId}:C0KLUSTER1:1767258000.123456` } });
    expect(await h.clustersNamed('Hav')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('a direct message is a command, answered in the DM with chat.postMessage, and the DM is remembered as the person’s 1:1', async () => {
    await start();
    const res = await h.post(eventBody({ fixture: 'message-im', team_id: h.teamId, event_id: h.unique('Ev'), event: { text: 'hjälp' } }), { contentType: JSON_CONTENT_TYPE });
    expect(res.status).toBe(200);

    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postMessage'));
    expect(call.body['channel']).toBe('D0ANNALOKET');
    expect(shownText(call.body)).toContain('LOKET – vad vill du göra?');
    const rows = await h.testCore.db.select().from(conversations).where(and(eq(conversations.programmeId, h.testCore.programme.id), eq(conversations.conversationId, 'D0ANNALOKET')));
    expect(rows).toMatchObject([{ conversationType: 'personal', userId: USER_ID }]);
  });

  it('bot messages and edits in a DM are not commands: the core never sees them and nothing is posted', async () => {
    await start();
    await h.post(eventBody({ fixture: 'message-im', team_id: h.teamId, event_id: h.unique('Ev'), event: { bot_id: 'B0OTHERBOT', text: 'help' } }), { contentType: JSON_CONTENT_TYPE });
    await h.post(eventBody({ fixture: 'message-im', team_id: h.teamId, event_id: h.unique('Ev'), event: { subtype: 'message_changed', text: 'help' } }), { contentType: JSON_CONTENT_TYPE });
    await h.adapter.stop();
    expect(h.coreCalls).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('a first-time user of a connected workspace is stored as a person of the programme', async () => {
    await start();
    await h.post(eventBody({ team_id: h.teamId, event_id: h.unique('Ev'), event: { user: 'U0BERIT002', text: '<@U0LOKETBOT> whoami' } }), { contentType: JSON_CONTENT_TYPE });
    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral'));
    expect(call.body['user']).toBe('U0BERIT002');
    const rows = await h.testCore.db.select().from(people).where(and(eq(people.programmeId, h.testCore.programme.id), eq(people.userId, 'U0BERIT002')));
    expect(rows).toMatchObject([{ platform: 'slack', workspaceExternalId: h.teamId }]);
  });
});

describe('modals', () => {
  const values = {
    _text: { value: { type: 'plain_text_input', value: 'Skog "och" trä' } },
    sector: { value: { type: 'static_select', selected_option: { value: 'forest', text: { type: 'plain_text', text: 'Skog' } } } },
  };

  it('a submitted modal is closed with an empty 200, its values run as a command, and the answer goes to the response_url it carries', async () => {
    await start();
    const metadata = JSON.stringify({ v: 'cluster add', u: USER_ID, t: h.teamId, c: 'C0KLUSTER1', r: h.fake.responseUrl('form') });
    const viewId = h.unique('V');
    const body = viewSubmissionBody({ team: { id: h.teamId, domain: 'x' }, view: { id: viewId, hash: '1767258200.a1', private_metadata: metadata, state: { values } } });
    const res = await h.post(body, { contentType: FORM_CONTENT_TYPE });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');

    const response = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'form'));
    expect(shownText(response.body)).toContain('Klustret ”Skog och trä” (sektor: forest) är tillagt');
    expect(h.coreCalls[0]).toMatchObject({ text: 'cluster add "Skog och trä" sector:"forest"', fromForm: true, deliveryKey: { source: 'slack.view', key: `${viewId}:1767258200.a1` } });
    expect(await h.clustersNamed('Skog och trä')).toHaveLength(1);
  });

  it('a submitted modal without a response_url is answered privately in its channel with chat.postEphemeral', async () => {
    await start();
    const metadata = JSON.stringify({ v: 'cluster add', u: USER_ID, t: h.teamId, c: 'C0KLUSTER1' });
    const body = viewSubmissionBody({ team: { id: h.teamId, domain: 'x' }, view: { id: h.unique('V'), private_metadata: metadata, state: { values } } });
    expect((await h.post(body, { contentType: FORM_CONTENT_TYPE })).status).toBe(200);

    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral'));
    expect(call.body).toMatchObject({ channel: 'C0KLUSTER1', user: USER_ID });
    expect(shownText(call.body)).toContain('Skog och trä');
    expect(await h.clustersNamed('Skog och trä')).toHaveLength(1);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, blockActionBody, eventBody, signSlackRequest, slashCommandBody } from '../../support/fake-slack-api.js';
import { SIGNING_SECRET, USER_ID, sharedTestDatabase, startSlackHarness, type SlackHarness } from './slack-harness.js';

const database = sharedTestDatabase();
let h: SlackHarness;

beforeAll(database.open);
afterAll(database.close);

beforeEach(async () => {
  h = await startSlackHarness({ db: database.db });
  await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
});

afterEach(async () => {
  await h.close();
});

/** A command that would store a row if it ever reached the core. */
function clusterAddCommand(name: string) {
  return slashCommandBody({ team_id: h.teamId, text: `cluster add ${name} sector:space`, trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl(name) });
}

/** Lets anything that wrongly started still reach Slack or the database before the test looks. */
async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 150));
  await h.adapter.stop();
}

describe('Slack request signatures', () => {
  it('a request signed with another secret gets 401, never reaches the core and stores nothing', async () => {
    const res = await h.post(clusterAddCommand('Rymd'), { contentType: FORM_CONTENT_TYPE, signature: 'bad' });
    expect(res.status).toBe(401);
    await settle();
    expect(h.coreCalls).toEqual([]);
    expect(h.fake.responses).toEqual([]);
    expect(await h.clustersNamed('Rymd')).toEqual([]);
  });

  it('a request without signature headers gets 401 and never reaches the core', async () => {
    const res = await h.post(clusterAddCommand('Skog'), { contentType: FORM_CONTENT_TYPE, signature: 'none' });
    expect(res.status).toBe(401);
    await settle();
    expect(h.coreCalls).toEqual([]);
    expect(await h.clustersNamed('Skog')).toEqual([]);
  });

  it('a correctly signed request older than five minutes gets 401, so a captured request cannot be replayed', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.post(clusterAddCommand('Turism'), { contentType: FORM_CONTENT_TYPE, signature: { timestamp: sixMinutesAgo } });
    expect(res.status).toBe(401);
    await settle();
    expect(h.coreCalls).toEqual([]);
    expect(await h.clustersNamed('Turism')).toEqual([]);
  });

  it('a body changed after signing gets 401', async () => {
    const signedBody = clusterAddCommand('Fordon');
    const tampered = signedBody.replace('Fordon', 'Fordonstest');
    const res = await fetch(`${h.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'Content-Type': FORM_CONTENT_TYPE, ...signSlackRequest(SIGNING_SECRET, signedBody) },
      body: tampered,
    });
    expect(res.status).toBe(401);
    await settle();
    expect(h.coreCalls).toEqual([]);
    expect(await h.clustersNamed('Fordonstest')).toEqual([]);
  });

  it('events and button clicks are verified too: unsigned ones get 401 and run nothing', async () => {
    const event = eventBody({ team_id: h.teamId, event_id: h.unique('Ev'), event: { text: '<@U0LOKETBOT> cluster add Hav sector:sea' } });
    const click = blockActionBody({ value: 'cluster add Hav sector:sea', trigger_id: h.unique('trig.'), team: { id: h.teamId, domain: 'x' } });
    expect((await h.post(event, { contentType: JSON_CONTENT_TYPE, signature: 'bad' })).status).toBe(401);
    expect((await h.post(click, { contentType: FORM_CONTENT_TYPE, signature: 'none' })).status).toBe(401);
    await settle();
    expect(h.coreCalls).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    expect(await h.clustersNamed('Hav')).toEqual([]);
  });

  it('the bot token goes to Slack only in the Authorization header of Web API calls', async () => {
    const event = eventBody({ team_id: h.teamId, event_id: h.unique('Ev'), event: { text: '<@U0LOKETBOT> whoami' } });
    expect((await h.post(event, { contentType: JSON_CONTENT_TYPE })).status).toBe(200);
    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral'));
    expect(call.authorization).toBe('Bearer xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy');
    expect(JSON.stringify(call.body)).not.toContain('xoxb-');
    expect(JSON.stringify(h.logs)).not.toContain('pdFZKVeTuE8sk7oOcBrzbqgy');
  });
});

import { createServer } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerSlack } from '../../../bot/slack/slack-adapter.js';
import { createTestCore } from '../../support/test-core.js';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, eventBody, slashCommandBody } from '../../support/fake-slack-api.js';
import { USER_ID, sharedTestDatabase, shownText, startSlackHarness, type HarnessOptions, type SlackHarness } from './slack-harness.js';

const database = sharedTestDatabase();
let h: SlackHarness | undefined;

beforeAll(database.open);
afterAll(database.close);

async function start(options: HarnessOptions = {}) {
  h = await startSlackHarness({ db: database.db, ...options });
  await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
  return h;
}

afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Each mention is its own message: a new ts (a message is known by team, channel and ts).
let sent = 0;
const mention = (h: SlackHarness, text: string) =>
  eventBody({ team_id: h.teamId, event_id: h.unique('Ev'), event: { text: `<@U0LOKETBOT> ${text}`, ts: `1767259${String(++sent).padStart(3, '0')}.000100` } });

/** A port on 127.0.0.1 where nothing listens: Slack's Web API "down". */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/`;
}

describe('when Slack fails', () => {
  it('a reply Slack refuses is logged with platform, team, user and handler, and the user gets the short Swedish apology', async () => {
    const h = await start();
    h.fake.failNext('chat.postEphemeral', 'channel_not_found');
    await h.post(mention(h, 'cluster add Rymd sector:space'), { contentType: JSON_CONTENT_TYPE });

    const apology = await h.fake.waitFor((s) => s.calls.filter((c) => c.method === 'chat.postEphemeral')[1]);
    expect(apology.body).toMatchObject({ channel: 'C0KLUSTER1', user: USER_ID, text: 'Något gick fel hos LOKET. Försök igen om en stund.' });
    const logged = h.logs.find((l) => l['msg'] === 'Slack listener failed');
    expect(logged).toMatchObject({ level: 50, platform: 'slack', team: h.teamId, user: USER_ID, handler: 'slack.mention' });
    expect(JSON.stringify(logged)).toContain('channel_not_found');
    // The command itself was committed before the reply failed; a redelivery will not add it twice.
    expect(await h.clustersNamed('Rymd')).toHaveLength(1);
  });

  it('a user who chose English gets the apology in English', async () => {
    const h = await start();
    await h.post(mention(h, 'profile lang:en'), { contentType: JSON_CONTENT_TYPE });
    await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral'));
    h.fake.failNext('chat.postEphemeral', 'internal_error');
    await h.post(mention(h, 'whoami'), { contentType: JSON_CONTENT_TYPE });

    const apology = await h.fake.waitFor((s) => s.calls.filter((c) => c.method === 'chat.postEphemeral')[2]);
    expect(apology.body['text']).toBe('Something went wrong in LOKET. Please try again in a moment.');
  });

  it('a rate-limited reply waits for Retry-After and is then delivered', async () => {
    const h = await start();
    h.fake.rateLimitNext('chat.postEphemeral', 1);
    const started = Date.now();
    await h.post(mention(h, 'cluster list'), { contentType: JSON_CONTENT_TYPE });

    const calls = await h.fake.waitFor((s) => {
      const posted = s.calls.filter((c) => c.method === 'chat.postEphemeral');
      return posted.length === 2 ? posted : undefined;
    }, 6000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(calls[1]?.body).toEqual(calls[0]?.body);
    expect(h.logs.some((l) => l['msg'] === 'Slack listener failed')).toBe(false);
  });

  it('an unreachable Web API does not stop start-up: slash commands are still answered through their response_url', async () => {
    const h = await start({ apiUrl: await closedPortUrl() });
    await h.post(slashCommandBody({ team_id: h.teamId, text: 'cluster add Rymd sector:space', trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl('cmd') }), { contentType: FORM_CONTENT_TYPE });

    const response = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    expect(shownText(response.body)).toContain('Klustret ”Rymd”');
    expect(await h.clustersNamed('Rymd')).toHaveLength(1);
    await h.adapter.stop();
    expect(h.logs.find((l) => l['msg'] === 'Slack auth.test failed; will retry on a later event')).toMatchObject({ level: 40, platform: 'slack' });
  });

  it('the bot mention is stripped even while the bot’s own user id is unknown', async () => {
    const h = await start({ apiUrl: await closedPortUrl() });
    const eventId = h.unique('Ev');
    await h.post(eventBody({ team_id: h.teamId, event_id: eventId, event: { text: '<@U0SOMEBOT>: cluster add Hav sector:sea' } }), { contentType: JSON_CONTENT_TYPE });
    await h.adapter.stop();

    expect(h.coreCalls[0]?.text).toBe('cluster add Hav sector:sea');
    expect(await h.clustersNamed('Hav')).toHaveLength(1);
    expect(await h.deliveries('slack.message', `${h.teamId}:C0KLUSTER1:1767258000.123456`)).toHaveLength(1);
  });
});

describe('configuration', () => {
  it('OAuth mode without the database or LOKET_SECRET_KEY is refused with a clear message and mounts nothing', async () => {
    const { core } = await createTestCore({ db: database.db });
    const expressApp = express();
    const attempt = registerSlack({
      expressApp,
      config: { mode: 'oauth', signingSecret: 's', clientId: 'c', clientSecret: 'cs', stateSecret: 'st' },
      core,
      logger: pino({ level: 'silent' }),
    });
    await expect(attempt).rejects.toThrow('Slack OAuth mode needs the database, the core settings and LOKET_SECRET_KEY');
    // Nothing was mounted: Slack would get a 404, not a half-configured endpoint.
    const server = expressApp.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/slack/events`, { method: 'POST', body: '{}' });
    server.close();
    expect(res.status).toBe(404);
  });
});

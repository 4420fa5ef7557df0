// The proactive senders at their boundary: a fake Slack Web API and a fake Teams connector on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../bot/slack/slack-notifier.js';
import { createTeamsNotifier } from '../../bot/teams/teams-notifier.js';
import type { OpenedDatabase } from '../../db/client.js';
import { createRepositories } from '../../db/repositories.js';
import { digestSubscriptions, jobRuns } from '../../db/schema/index.js';
import { textReply, type Reply } from '../../handlers/core/reply.js';
import { DeliveryError, routeNotifiers } from '../../handlers/core/notifier.js';
import { DIGEST_JOB } from '../../handlers/weekly/weekly-digest.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { FIXTURE_BOT, startFakeTeamsConnector, type FakeTeamsConnector } from '../support/fake-teams-connector.js';
import { createTestCore, silentLogger } from '../support/test-core.js';
import { openTestDatabase } from '../support/test-database.js';
import { weeklyRunner } from '../support/weekly-runner.js';
import { startTeamsServer, type TeamsServer } from './teams/teams-server.js';

let opened: OpenedDatabase;
let slack: FakeSlackApi;
let connector: FakeTeamsConnector;
let teams: TeamsServer;
beforeAll(async () => {
  opened = await openTestDatabase();
  slack = await startFakeSlackApi();
  connector = await startFakeTeamsConnector();
  teams = await startTeamsServer({ core: (await createTestCore({ db: opened.db })).core });
});
afterAll(async () => {
  await teams.close();
  await connector.close();
  await slack.close();
  await opened.close();
});

function slackNotifier() {
  const sleeps: number[] = [];
  // Waits are recorded, not slept: the test proves the pacing and Retry-After without waiting for them.
  const notifier = createSlackNotifier({ token: () => 'xoxb-test', apiUrl: slack.url, logger: silentLogger, sleep: async (ms) => void sleeps.push(ms) });
  return { notifier, sleeps };
}
const channel = () => `C${randomUUID().slice(0, 8).toUpperCase()}`;
const target = (channelId: string) => ({ platform: 'slack' as const, workspaceId: 'T1', channelId });

describe('slack notifier', () => {
  it('a 429 with Retry-After is waited out and the post then succeeds, with the bot token', async () => {
    const { notifier, sleeps } = slackNotifier();
    const id = channel();
    slack.rateLimitNext('chat.postMessage', 2);
    const delivery = await notifier.postToChannel(target(id), textReply('Veckosammanfattning'));
    const calls = slack.callsTo('chat.postMessage').filter((c) => c.body['channel'] === id);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.authorization).toBe('Bearer xoxb-test');
    expect(sleeps).toContain(2000);
    expect(delivery.messageId).toMatch(/^1767225600\./);
  });

  it('retries on 429 are bounded and end in a certain failure', async () => {
    const { notifier } = slackNotifier();
    const id = channel();
    // One try and three retries, all rate limited.
    slack.rateLimitNext('chat.postMessage', 0, 4);
    const error = await notifier.postToChannel(target(id), textReply('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('failed');
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body['channel'] === id)).toHaveLength(4);
  });

  it('a channel the bot is not in is reported as gone', async () => {
    const { notifier } = slackNotifier();
    slack.failNext('chat.postMessage', 'not_in_channel');
    const error = await notifier.postToChannel(target(channel()), textReply('x')).catch((e: unknown) => e);
    expect((error as DeliveryError).kind).toBe('gone');
  });

  it('two posts to one channel are paced about a second apart; another channel does not wait', async () => {
    const { notifier, sleeps } = slackNotifier();
    const id = channel();
    await notifier.postToChannel(target(id), textReply('ett'));
    await notifier.postToChannel(target(channel()), textReply('annan'));
    expect(sleeps).toEqual([]);
    await notifier.postToChannel(target(id), textReply('två'));
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(900);
  });

  it('a direct message opens the 1:1 conversation first', async () => {
    const { notifier } = slackNotifier();
    await notifier.sendDirect({ platform: 'slack', workspaceId: 'T1', userId: 'UANNA', displayName: 'Anna' }, textReply('Dags för veckorapporten'));
    const open = slack.callsTo('conversations.open').at(-1)!;
    expect(open.body['users']).toBe('UANNA');
    const post = slack.callsTo('chat.postMessage').at(-1)!;
    expect(String(post.body['channel'])).toMatch(/^D0FAKE/);
  });

  it('a long digest goes out as one message with the rest in its thread', async () => {
    const { notifier } = slackNotifier();
    const id = channel();
    const reply: Reply = { title: 'Veckosammanfattning', visibility: 'channel', blocks: Array.from({ length: 20 }, (_, i) => ({ type: 'list' as const, title: `Kluster ${i}`, items: ['Gjort: något'] })) };
    const { messageId } = await notifier.postToChannel(target(id), reply);
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.body['channel'] === id);
    expect(posts).toHaveLength(3);
    expect(posts[0]!.body['thread_ts']).toBeUndefined();
    expect(posts.slice(1).map((p) => p.body['thread_ts'])).toEqual([messageId, messageId]);
  });
});

describe('teams notifier', () => {
  async function teamsSubscription() {
    const test = await createTestCore({ db: opened.db });
    const repos = createRepositories(opened.db);
    const tenant = `tenant-${randomUUID().slice(0, 8)}`;
    const conversationId = `19:${randomUUID()}@thread.tacv2`;
    const reference = { channelId: 'msteams', serviceUrl: connector.serviceUrl, bot: FIXTURE_BOT, conversation: { id: conversationId } };
    await repos.conversations.remember({ programmeId: test.programme.id, platform: 'teams', workspaceExternalId: tenant, conversationId, conversationType: 'channel', reference });
    const { subscription } = await repos.digests.subscribe({ programmeId: test.programme.id, platform: 'teams', workspaceExternalId: tenant, channelId: conversationId, weekday: 5, time: '14:00', language: 'sv', createdBy: (await test.makeManager('teams', tenant, 'pm')).personId, at: test.clock.now() });
    const notifier = routeNotifiers({ teams: createTeamsNotifier({ send: teams.adapter.send, logger: silentLogger, language: 'sv' }) });
    test.clock.set(new Date('2026-03-06T13:05:00Z'));
    return { test, subscription, conversationId, tenant, run: weeklyRunner(opened.db, test.clock, notifier, test.programme.id), notifier, reference };
  }

  it('the digest is posted to the stored conversation reference', async () => {
    const { run, conversationId } = await teamsSubscription();
    await run();
    const call = await connector.waitFor((c) => c.conversationId === conversationId);
    expect(JSON.stringify(call.body)).toContain('Veckosammanfattning 2026-W10');
  });

  it('a 403 (bot removed) turns the subscription off and is not retried', async () => {
    const { test, run, subscription, conversationId } = await teamsSubscription();
    connector.failNext(403);
    await run();
    const [row] = await opened.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.id, subscription.id));
    expect([row!.active, row!.inactiveReason]).toEqual([false, 'gone']);
    test.clock.advance(5 * 60_000);
    await run();
    expect(connector.calls.filter((c) => c.conversationId === conversationId)).toHaveLength(1);
    const runs = await opened.db.select().from(jobRuns).where(eq(jobRuns.target, `teams:${subscription.workspaceExternalId}:${conversationId}`));
    expect(runs.map((r) => [r.job, r.status])).toEqual([[DIGEST_JOB, 'failed']]);
  });

  it('a person without a 1:1 chat is @mentioned in the channel instead, so Teams notifies them', async () => {
    const { notifier, reference, conversationId, tenant } = await teamsSubscription();
    const fallbackChannel = { platform: 'teams' as const, workspaceId: tenant, channelId: conversationId, reference };
    await notifier.sendDirect({ platform: 'teams', workspaceId: tenant, userId: '29:anna', displayName: 'Anna', fallbackChannel }, textReply('Dags för veckorapporten'));
    const call = await connector.waitFor((c) => c.conversationId === conversationId && JSON.stringify(c.body).includes('Dags för'));
    expect(call.kind).toBe('send');
    const body = call.body as { text: string; entities: unknown[] };
    expect(body.text).toBe('<at>Anna</at>: Dags för veckorapporten');
    expect(body.entities).toEqual([{ type: 'mention', text: '<at>Anna</at>', mentioned: { id: '29:anna', name: 'Anna', role: 'user' } }]);
  });

  it('in a card the mention goes with the card, and a post to the channel itself mentions nobody', async () => {
    const { notifier, reference, conversationId, tenant } = await teamsSubscription();
    const fallbackChannel = { platform: 'teams' as const, workspaceId: tenant, channelId: conversationId, reference };
    const card: Reply = { visibility: 'private', blocks: [{ type: 'text', text: 'Två åtgärder är försenade' }, { type: 'list', items: ['A1 Boka labbet', 'A2 Ring IRF'] }] };
    await notifier.sendDirect({ platform: 'teams', workspaceId: tenant, userId: '29:erik', displayName: 'Erik Ek', fallbackChannel }, card);
    const call = await connector.waitFor((c) => c.conversationId === conversationId && JSON.stringify(c.body).includes('Två åtgärder'));
    const content = (call.body as { attachments: { content: { body: { text?: string }[]; msteams: { entities: unknown[] } } }[] }).attachments[0]!.content;
    expect(content.body[0]!.text).toBe('<at>Erik Ek</at>: Två åtgärder är försenade');
    expect(content.msteams.entities).toEqual([{ type: 'mention', text: '<at>Erik Ek</at>', mentioned: { id: '29:erik', name: 'Erik Ek', role: 'user' } }]);

    await notifier.postToChannel({ platform: 'teams', workspaceId: tenant, channelId: conversationId, reference }, textReply('Veckans sammanfattning'));
    const post = await connector.waitFor((c) => c.conversationId === conversationId && JSON.stringify(c.body).includes('Veckans sammanfattning'));
    expect(JSON.stringify(post.body)).not.toContain('mention');
  });
});

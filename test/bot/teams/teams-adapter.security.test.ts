// Who may talk to /api/messages: with an app id only requests bearing a valid Bot Framework token for this
// bot; without one only when TEAMS_ALLOW_UNAUTHENTICATED says so (emulators, tests).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusters } from '../../../db/schema/index.js';
import { messageActivity, type TeamsUser } from '../../support/fake-teams-connector.js';
import { createTestCore, uniqueWorkspaceId, type TestCore } from '../../support/test-core.js';
import { startBotFrameworkIssuer, type BotFrameworkIssuer } from './bot-framework-issuer.js';
import { startTeamsServer, useTeamsTestBed } from './teams-server.js';

const APP_ID = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const credentials = { clientId: APP_ID, clientSecret: 'test-secret-never-used', tenantId: 'loket-test-tenant', allowUnauthenticated: false };

const bed = useTeamsTestBed();
let issuer: BotFrameworkIssuer;
beforeAll(async () => {
  issuer = await startBotFrameworkIssuer();
});
afterAll(() => issuer.close());

async function setup(config: Parameters<typeof startTeamsServer>[0]['config']) {
  const test = await createTestCore({ db: bed.db });
  const tenantId = uniqueWorkspaceId('tenant-');
  const anna: TeamsUser = { id: `29:1anna-${randomUUID()}`, name: 'Anna Berg' };
  await test.connectWorkspace('teams', tenantId);
  await test.makeManager('teams', tenantId, anna.id, anna.name);
  const server = await startTeamsServer({ core: test.core, config, cloud: issuer.cloud });
  bed.servers.push(server);
  const conversation = { id: `a:1${randomUUID()}`, conversationType: 'personal' as const };
  const activity = messageActivity({ text: 'cluster add Rymd sector:space', from: anna, tenantId, conversation, serviceUrl: bed.connector.serviceUrl });
  return { test, server, activity, conversation };
}

const storedClusters = (test: TestCore) => bed.db.select().from(clusters).where(eq(clusters.programmeId, test.programme.id));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('with an app id configured', () => {
  it('a request without an Authorization header is refused with 401 and never reaches LOKET', async () => {
    const { test, server, activity, conversation } = await setup(credentials);
    const response = await server.post(activity);
    expect(response.status).toBe(401);
    expect(await storedClusters(test)).toEqual([]);
    expect(bed.connector.calls.filter((c) => c.conversationId === conversation.id)).toEqual([]);
  });

  it('a request with a token that is not a JWT is refused with 401', async () => {
    const { test, server, activity } = await setup(credentials);
    expect((await server.post(activity, bearer('not-a-token'))).status).toBe(401);
    expect(await storedClusters(test)).toEqual([]);
  });

  it('a request with a valid Bot Framework token for this bot is processed', async () => {
    const { test, server, activity } = await setup(credentials);
    const token = issuer.sign({ audience: APP_ID, serviceUrl: bed.connector.serviceUrl });
    expect((await server.post(activity, bearer(token))).status).toBe(200);
    expect((await storedClusters(test)).map((c) => c.name)).toEqual(['Rymd']);
  });

  it('a genuine token issued for another bot is refused', async () => {
    const { test, server, activity } = await setup(credentials);
    const token = issuer.sign({ audience: randomUUID(), serviceUrl: bed.connector.serviceUrl });
    expect((await server.post(activity, bearer(token))).status).toBe(401);
    expect(await storedClusters(test)).toEqual([]);
  });

  it('a token replayed with another serviceUrl (to redirect replies and the bot token) is refused', async () => {
    const { test, server, activity } = await setup(credentials);
    const token = issuer.sign({ audience: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect((await server.post(activity, bearer(token))).status).toBe(401);
    expect(await storedClusters(test)).toEqual([]);
  });

  it('an expired token and a token from another issuer are refused', async () => {
    const { test, server, activity } = await setup(credentials);
    const expired = issuer.sign({ audience: APP_ID, serviceUrl: bed.connector.serviceUrl, expiresInSeconds: -3600 });
    const foreign = issuer.sign({ audience: APP_ID, serviceUrl: bed.connector.serviceUrl, issuer: 'https://evil.example' });
    expect((await server.post(activity, bearer(expired))).status).toBe(401);
    expect((await server.post(activity, bearer(foreign))).status).toBe(401);
    expect(await storedClusters(test)).toEqual([]);
  });

  it('TEAMS_ALLOW_UNAUTHENTICATED does not switch validation off when an app id is set, and says so', async () => {
    const { test, server, activity } = await setup({ ...credentials, allowUnauthenticated: true });
    expect((await server.post(activity)).status).toBe(401);
    expect(await storedClusters(test)).toEqual([]);
    expect(server.logs.some((l) => l.level === 40 && l.msg.includes('TEAMS_ALLOW_UNAUTHENTICATED is ignored'))).toBe(true);
  });
});

describe('without an app id', () => {
  it('TEAMS_ALLOW_UNAUTHENTICATED accepts unsigned requests and warns loudly, once', async () => {
    const { test, server, activity, conversation } = await setup({ allowUnauthenticated: true });
    expect((await server.post(activity)).status).toBe(200);
    expect((await server.post({ ...activity, id: `${activity.id}-2`, text: 'cluster list' })).status).toBe(200);
    expect((await storedClusters(test)).map((c) => c.name)).toEqual(['Rymd']);
    const warnings = server.logs.filter((l) => l.level === 40 && l.msg.includes('WITHOUT any authentication'));
    expect(warnings).toHaveLength(1);
    // No token exists to send, and none is fetched from login.microsoftonline.com.
    const replies = bed.connector.calls.filter((c) => c.conversationId === conversation.id);
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply.authorization ?? '').not.toMatch(/^Bearer ey/);
  });

  it('with neither credentials nor the flag every request is refused, and the log says why', async () => {
    const { test, server, activity } = await setup({ allowUnauthenticated: false });
    expect((await server.post(activity)).status).toBe(401);
    expect(await storedClusters(test)).toEqual([]);
    expect(server.logs.some((l) => l.level === 50 && l.msg.includes('every request to /api/messages is refused'))).toBe(true);
  });
});

describe('shutting down', () => {
  it('after stop() new activities get 503 and are not processed, while the rest of the server still answers', async () => {
    const { test, server, activity } = await setup({ allowUnauthenticated: true });
    await server.adapter.stop();
    expect((await server.post(activity)).status).toBe(503);
    expect(await storedClusters(test)).toEqual([]);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

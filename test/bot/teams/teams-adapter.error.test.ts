// When things go wrong around a Teams message: the connector refuses or throttles, the core breaks, or the
// activity carries nothing to act on. The user never sees a stack trace and Teams never sees a 500.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clusters } from '../../../db/schema/index.js';
import type { ProcessIncoming } from '../../../handlers/core/incoming.js';
import { messageActivity, type TeamsUser } from '../../support/fake-teams-connector.js';
import { createTestCore, uniqueWorkspaceId, type TestCore } from '../../support/test-core.js';
import { startTeamsServer, useTeamsTestBed } from './teams-server.js';

const bed = useTeamsTestBed();

async function setup(options: { test?: TestCore; wrap?: (core: ProcessIncoming) => ProcessIncoming } = {}) {
  const test = options.test ?? (await createTestCore({ db: bed.db }));
  const tenantId = uniqueWorkspaceId('tenant-');
  const anna: TeamsUser = { id: `29:1anna-${randomUUID()}`, name: 'Anna Berg' };
  await test.connectWorkspace('teams', tenantId);
  await test.makeManager('teams', tenantId, anna.id, anna.name);
  const server = await startTeamsServer({ core: options.wrap ? options.wrap(test.core) : test.core });
  bed.servers.push(server);
  const conversation = { id: `a:1${randomUUID()}`, conversationType: 'personal' as const };
  const say = (text: string, locale?: string) =>
    messageActivity({ text, from: anna, tenantId, conversation, serviceUrl: bed.connector.serviceUrl, ...(locale ? { locale } : {}) });
  const replies = () => bed.connector.calls.filter((c) => c.conversationId === conversation.id);
  return { test, server, say, replies, tenantId, anna };
}

/** Fault injection around the real core: an exception that escapes it (a bug, an outage) on commands that
 *  start with `prefix`; everything else runs the real core. */
const failingOn =
  (prefix: string) =>
  (core: ProcessIncoming): ProcessIncoming =>
  (message) =>
    message.text.startsWith(prefix) ? Promise.reject(new Error('connection reset')) : core(message);

const storedClusters = (test: TestCore) => bed.db.select().from(clusters).where(eq(clusters.programmeId, test.programme.id));

describe('the Bot Connector fails', () => {
  it('a reply the connector refuses (403, bot removed) is logged, the request still succeeds and the command stays done', async () => {
    const { test, server, say, replies, tenantId, anna } = await setup();
    bed.connector.failNext(403);

    const response = await server.post(say('cluster add Rymd sector:space'));

    expect(response.status).toBe(200);
    expect(replies().map((c) => c.status)).toEqual([403]);
    expect((await storedClusters(test)).map((c) => c.name)).toEqual(['Rymd']);
    const logged = server.logs.find((l) => l.msg === 'teams reply could not be delivered');
    expect(logged).toMatchObject({ level: 50, platform: 'teams', tenant: tenantId, user: anna.id, handler: 'teams.text', status: 403 });
  });

  it('a throttled reply (429) is sent again and reaches the chat', async () => {
    const { server, say, replies } = await setup();
    bed.connector.failNext(429);

    expect((await server.post(say('cluster add Rymd sector:space'))).status).toBe(200);

    expect(replies().map((c) => c.status)).toEqual([429, 200]);
    expect(replies()[1]!.body.text).toContain('Klustret ”Rymd”');
  });
});

describe('LOKET itself fails', () => {
  it('when the core throws, the user gets the short Swedish message and the failure is logged with who and where', async () => {
    const { server, say, replies, tenantId, anna } = await setup({ wrap: failingOn('cluster') });

    expect((await server.post(say('cluster list'))).status).toBe(200);

    expect(replies().map((c) => c.body.text)).toEqual(['Något gick fel hos LOKET. Försök igen om en stund.']);
    const logged = server.logs.find((l) => l.msg === 'teams message failed');
    expect(logged).toMatchObject({ level: 50, platform: 'teams', tenant: tenantId, user: anna.id, handler: 'teams.text' });
    expect(JSON.stringify(logged)).toContain('connection reset');
  });

  it('an English Teams client gets the generic message in English', async () => {
    const { server, say, replies } = await setup({ wrap: failingOn('whoami') });
    await server.post(say('whoami', 'en-US'));
    expect(replies().map((c) => c.body.text)).toEqual(['Something went wrong in LOKET. Please try again in a moment.']);
  });

  it('when the database is gone the user still gets an answer, not a 500', async () => {
    const own = await createTestCore();
    const { server, say, replies } = await setup({ test: own });
    await own.close();

    expect((await server.post(say('cluster add Rymd sector:space'))).status).toBe(200);

    expect(replies().map((c) => c.body.text)).toEqual(['Något gick fel hos LOKET. Försök igen om en stund.']);
  });
});

describe('activities with nothing to act on', () => {
  it('a message with only a file and no text is acknowledged without a reply and without storing anything', async () => {
    const { test, server, say, replies } = await setup();
    const fileOnly = { ...say('x'), attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'plan.pdf' }] };
    delete (fileOnly as { text?: string }).text;

    expect((await server.post(fileOnly)).status).toBe(200);

    expect(replies()).toEqual([]);
    expect(await storedClusters(test)).toEqual([]);
  });

  it('a message without sender or conversation is acknowledged and ignored', async () => {
    const { server } = await setup();
    const before = bed.connector.calls.length;
    const response = await server.post({ type: 'message', id: randomUUID(), text: 'cluster list', serviceUrl: bed.connector.serviceUrl, channelId: 'msteams' });
    expect(response.status).toBe(200);
    expect(bed.connector.calls.length).toBe(before);
    expect(server.logs.some((l) => l.msg === 'teams message without sender or conversation ignored')).toBe(true);
  });

  it('a request body that is not an activity gets a client error, not a crash', async () => {
    const { server } = await setup();
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

// Teams at its boundary: recorded activities POSTed over HTTP to registerTeams on a real Express app, the
// real core on a migrated database, and the replies caught by a fake Bot Connector on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clusters, conversations, memberships, people } from '../../../db/schema/index.js';
import { textReply } from '../../../handlers/core/reply.js';
import type { IncomingMessage } from '../../../handlers/core/incoming.js';
import {
  FIXTURE_BOT,
  messageActivity,
  startFakeTeamsConnector,
  submitActivity,
  type TeamsUser,
} from '../../support/fake-teams-connector.js';
import { createTestCore, uniqueWorkspaceId, type TestCore } from '../../support/test-core.js';
import { startTeamsServer, visibleText, useTeamsTestBed } from './teams-server.js';

const bed = useTeamsTestBed();

const anna: TeamsUser = { id: `29:1anna-${randomUUID()}`, name: 'Anna Berg', aadObjectId: randomUUID() };

/** A fresh programme with a connected tenant, Anna as its project manager, and a server in front of it. */
async function teamsProgramme() {
  const test = await createTestCore({ db: bed.db });
  const tenantId = uniqueWorkspaceId('tenant-');
  await test.connectWorkspace('teams', tenantId);
  await test.makeManager('teams', tenantId, anna.id, anna.name);
  // What the adapter hands the core, beside what the core answers.
  const seen: IncomingMessage[] = [];
  const server = await startTeamsServer({ core: (message) => (seen.push(message), test.core(message)) });
  bed.servers.push(server);
  const personal = { id: `a:1${randomUUID()}`, conversationType: 'personal' as const };
  const say = (text: string, extra: Partial<Parameters<typeof messageActivity>[0]> = {}) =>
    messageActivity({ text, from: anna, tenantId, conversation: personal, serviceUrl: bed.connector.serviceUrl, ...extra });
  return { test, tenantId, server, personal, say, seen };
}

const repliesTo = (conversationId: string) => bed.connector.calls.filter((c) => c.conversationId === conversationId);

async function clusterRows(test: TestCore) {
  return bed.db.select().from(clusters).where(eq(clusters.programmeId, test.programme.id));
}

describe('Teams messages, end to end', () => {
  it('a manager who types `cluster add Rymd sector:space` in a 1:1 chat sees the confirmation there, and the cluster and chat are stored', async () => {
    const { test, tenantId, server, personal, say } = await teamsProgramme();
    const activity = say('cluster add Rymd sector:space');

    const response = await server.post(activity);

    expect(response.status).toBe(200);
    const reply = await bed.connector.waitFor((c) => c.conversationId === personal.id);
    expect(reply.kind).toBe('send');
    expect(reply.body).toMatchObject({ type: 'message', textFormat: 'markdown', from: { id: FIXTURE_BOT.id }, conversation: { id: personal.id } });
    expect(reply.body.text).toContain('Klustret ”Rymd” (sektor: space) är tillagt');
    // Unauthenticated mode never fetches or sends a real token (there is none to fetch).
    expect(reply.authorization ?? '').not.toMatch(/^Bearer ey/);

    expect((await clusterRows(test)).map((r) => [r.name, r.sector])).toEqual([['Rymd', 'space']]);
    const [stored, ...others] = await bed.db.select().from(conversations).where(eq(conversations.programmeId, test.programme.id));
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ platform: 'teams', workspaceExternalId: tenantId, conversationId: personal.id, conversationType: 'personal', userId: anna.id });
    expect(stored!.serviceUrl).toBe(bed.connector.serviceUrl);
    expect(stored!.reference).toMatchObject({
      channelId: 'msteams',
      serviceUrl: bed.connector.serviceUrl.replace(/\/$/, ''),
      conversation: { id: personal.id, conversationType: 'personal', tenantId },
      bot: { id: FIXTURE_BOT.id, name: 'LOKET' },
      user: { id: anna.id, name: 'Anna Berg' },
    });
  });

  it('the same activity delivered twice is answered once and stored once', async () => {
    const { test, server, personal, say } = await teamsProgramme();
    const activity = say('cluster add Skog sector:forest');

    const first = await server.post(activity);
    const second = await server.post(activity);

    expect([first.status, second.status]).toEqual([200, 200]);
    // The HTTP response is sent after the handler finished, so no second reply can still be on its way.
    expect(repliesTo(personal.id)).toHaveLength(1);
    expect(await clusterRows(test)).toHaveLength(1);
  });

  it('in a channel the bot mention is dropped and a mentioned colleague becomes leader, the same person who later writes 1:1', async () => {
    const { test, tenantId, server, say } = await teamsProgramme();
    await server.post(say('cluster add Rymd sector:space'));
    const erik: TeamsUser = { id: `29:1erik-${randomUUID()}`, name: 'Erik Lund', aadObjectId: randomUUID() };
    const channel = { id: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2;messageid=1741770164119`, conversationType: 'channel' as const };
    const mention = messageActivity({
      text: '<at>LOKET</at>&nbsp;cluster role Rymd <at>Erik Lund</at> leader',
      mentions: [erik],
      from: anna,
      tenantId,
      conversation: channel,
      serviceUrl: bed.connector.serviceUrl,
    });

    expect((await server.post(mention)).status).toBe(200);

    const reply = await bed.connector.waitFor((c) => c.conversationId === channel.id);
    expect(reply.body.text).toBe('Erik Lund är nu klusterledare i Rymd.');
    const [erikRow] = await bed.db.select().from(people).where(and(eq(people.programmeId, test.programme.id), eq(people.userId, erik.id)));
    const [membership] = await bed.db.select().from(memberships).where(eq(memberships.personId, erikRow!.id));
    expect(membership?.role).toBe('leader');
    // The reply went into the thread; what is kept is the channel itself, so later posts start a new thread.
    const channelId = channel.id.split(';', 1)[0]!;
    const [channelRow] = await bed.db.select().from(conversations).where(eq(conversations.conversationId, channelId));
    expect(channelRow).toMatchObject({ programmeId: test.programme.id, conversationType: 'channel', userId: null });
    expect((channelRow!.reference as { conversation: { id: string } }).conversation.id).toBe(channelId);
    expect(await bed.db.select().from(conversations).where(eq(conversations.conversationId, channel.id))).toEqual([]);

    const erikChat = { id: `a:1${randomUUID()}`, conversationType: 'personal' as const };
    await server.post(messageActivity({ text: 'whoami', from: erik, tenantId, conversation: erikChat, serviceUrl: bed.connector.serviceUrl }));
    const whoami = await bed.connector.waitFor((c) => c.conversationId === erikChat.id);
    expect(visibleText(whoami)).toContain('Kluster: Rymd (klusterledare)');
  });

  it('pressing a card button runs its command as if it had been typed', async () => {
    const { server, tenantId, personal, say } = await teamsProgramme();
    await server.post(say('cluster add Rymd sector:space'));
    const press = submitActivity({ value: { loketCommand: 'cluster list' }, from: anna, tenantId, conversation: personal, serviceUrl: bed.connector.serviceUrl });

    expect((await server.post(press)).status).toBe(200);

    const reply = await bed.connector.waitFor((c) => c.conversationId === personal.id && c.body.attachments !== undefined);
    expect(visibleText(reply)).toContain('Kluster (1)');
    expect(visibleText(reply)).toContain('• Rymd – space – ledare: –');
  });

  it('a submitted card form is rebuilt into its command and stored like typed text', async () => {
    const { test, server, tenantId, personal, seen } = await teamsProgramme();
    const form = submitActivity({
      value: { loketForm: 'cluster add', _text: 'Fordonstest Norr', sector: 'vehicle testing' },
      from: anna,
      tenantId,
      conversation: personal,
      serviceUrl: bed.connector.serviceUrl,
    });

    expect((await server.post(form)).status).toBe(200);

    const reply = await bed.connector.waitFor((c) => c.conversationId === personal.id);
    expect(reply.body.text).toContain('Klustret ”Fordonstest Norr” (sektor: vehicle testing) är tillagt');
    expect((await clusterRows(test)).map((r) => [r.name, r.sector])).toEqual([['Fordonstest Norr', 'vehicle testing']]);
    // Marked as a form, so a field left empty reads as emptied (a rating's comment), not as unchanged.
    expect(seen.at(-1)).toMatchObject({ text: 'cluster add "Fordonstest Norr" sector:"vehicle testing"', fromForm: true });
  });

  it('a colleague who is not a manager is refused in their chat with a clear reason, and nothing is stored', async () => {
    const { test, server, tenantId } = await teamsProgramme();
    const nils: TeamsUser = { id: `29:1nils-${randomUUID()}`, name: 'Nils Ek' };
    const chat = { id: `a:1${randomUUID()}`, conversationType: 'personal' as const };
    const activity = messageActivity({ text: 'cluster add Rymd sector:space', from: nils, tenantId, conversation: chat, serviceUrl: bed.connector.serviceUrl });

    expect((await server.post(activity)).status).toBe(200);

    const reply = await bed.connector.waitFor((c) => c.conversationId === chat.id);
    expect(reply.body.text).toBe('Du får inte köra `kluster ny`. Det kan: projektledare.');
    expect(await clusterRows(test)).toEqual([]);
  });

  it('an English Teams client gets the reply in English', async () => {
    const { server, personal, say } = await teamsProgramme();
    await server.post(say('cluster add Rymd sector:space', { locale: 'en-GB' }));
    const reply = await bed.connector.waitFor((c) => c.conversationId === personal.id);
    expect(reply.body.text).toContain('The cluster “Rymd” (sector: space) has been added.');
  });
});

describe('proactive messages', () => {
  it('a reply sent later to the stored conversation reference reaches that chat as the bot', async () => {
    const { test, server, personal, say } = await teamsProgramme();
    await server.post(say('cluster list'));
    await bed.connector.waitFor((c) => c.conversationId === personal.id);
    const [stored] = await bed.db.select().from(conversations).where(eq(conversations.programmeId, test.programme.id));

    await server.adapter.send(stored!.reference, textReply('Påminnelse: veckans lägesrapport', { visibility: 'channel' }));

    const calls = repliesTo(personal.id);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toMatchObject({ text: 'Påminnelse: veckans lägesrapport', from: { id: FIXTURE_BOT.id }, conversation: { id: personal.id } });
  });

  it('TEAMS_SERVICE_URL overrides the stored service URL for proactive sends', async () => {
    const other = await startFakeTeamsConnector();
    try {
      const test = await createTestCore({ db: bed.db });
      const server = await startTeamsServer({ core: test.core, config: { serviceUrl: other.serviceUrl } });
      bed.servers.push(server);
      const conversationId = `a:1${randomUUID()}`;
      const reference = { channelId: 'msteams', serviceUrl: bed.connector.serviceUrl, bot: FIXTURE_BOT, conversation: { id: conversationId } };

      await server.adapter.send(reference, textReply('Veckans sammanfattning'));

      expect(repliesTo(conversationId)).toEqual([]);
      const call = await other.waitFor((c) => c.conversationId === conversationId);
      expect(call.body.text).toBe('Veckans sammanfattning');
    } finally {
      await other.close();
    }
  });
});

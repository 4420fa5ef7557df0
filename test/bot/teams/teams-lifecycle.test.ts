// Installing and removing LOKET in Teams, at the boundary: recorded-shape installationUpdate and
// conversationUpdate activities POSTed to the real adapter, the real core and lifecycle on a migrated
// database, and what Teams would show caught by the fake Bot Connector.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, clusters, conversations, digestSubscriptions, people } from '../../../db/schema/index.js';
import { createInstallations } from '../../../handlers/core/installations.js';
import { createRunForPerson } from '../../../handlers/core/run-for-person.js';
import { home } from '../../../handlers/programme/home.js';
import { FIXTURE_BOT, messageActivity, type TeamsUser } from '../../support/fake-teams-connector.js';
import { createTestCore, silentLogger, testSettings, uniqueWorkspaceId } from '../../support/test-core.js';
import { startTeamsServer, visibleText, useTeamsTestBed } from './teams-server.js';

const bed = useTeamsTestBed();

type Activity = Record<string, any>;
const fixture = (name: string): Activity => JSON.parse(readFileSync(new URL(`../../fixtures/teams/${name}.json`, import.meta.url), 'utf8')) as Activity;
const person = (name: string): TeamsUser => ({ id: `29:1${name}-${randomUUID()}`, name, aadObjectId: randomUUID() });

/** A recorded lifecycle activity readdressed to this test's tenant, person and conversation. */
function lifecycleActivity(name: string, options: { tenantId: string; from: TeamsUser; conversationId: string; teamId?: string; locale?: string }): Activity {
  const activity = fixture(name);
  activity.id = `f:${randomUUID()}`;
  activity.serviceUrl = bed.connector.serviceUrl;
  activity.from = { id: options.from.id, aadObjectId: options.from.aadObjectId };
  activity.conversation = { ...activity.conversation, id: options.conversationId, tenantId: options.tenantId };
  activity.channelData = { ...activity.channelData, tenant: { id: options.tenantId } };
  if (options.teamId) activity.channelData.team = { ...activity.channelData.team, id: options.teamId };
  if (options.locale) activity.locale = options.locale;
  return activity;
}

const anna = person('Anna Berg');

/** A programme whose tenant is connected, Anna its project manager, behind a server with install handling. */
async function teamsProgramme() {
  const test = await createTestCore({ db: bed.db });
  const tenantId = uniqueWorkspaceId('tenant-');
  await test.connectWorkspace('teams', tenantId);
  await test.makeManager('teams', tenantId, anna.id, anna.name);
  const deps = { db: bed.db, clock: test.clock, logger: silentLogger, settings: testSettings };
  const runForPerson = createRunForPerson(deps);
  const server = await startTeamsServer({ core: test.core, lifecycle: { installations: createInstallations(deps), welcome: (p) => runForPerson(p, home, 'home') } });
  bed.servers.push(server);
  const personalId = `a:1${randomUUID()}`;
  const teamId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const channelId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  /** A message typed in one of the team's channels (Teams names the team in channelData). */
  const inChannel = (text: string) => {
    const activity = messageActivity({ text, from: anna, tenantId, channel: true, conversation: { id: `${channelId};messageid=1741770164119`, conversationType: 'channel' }, serviceUrl: bed.connector.serviceUrl }) as Activity;
    activity.channelData = { ...activity.channelData, team: { id: teamId }, channel: { id: channelId } };
    return activity;
  };
  const inPersonal = (text: string) => messageActivity({ text, from: anna, tenantId, conversation: { id: personalId, conversationType: 'personal' }, serviceUrl: bed.connector.serviceUrl });
  /** Waits for everything the adapter started (the lifecycle runs after Teams got its 200). */
  const settle = () => server.adapter.stop();
  return { test, tenantId, server, personalId, teamId, channelId, inChannel, inPersonal, settle };
}

const callsTo = (conversationId: string) => bed.connector.calls.filter((c) => c.conversationId === conversationId);
const storedConversations = (programmeId: string) => bed.db.select().from(conversations).where(eq(conversations.programmeId, programmeId));
const uninstallAudits = (programmeId: string) => bed.db.select().from(auditLog).where(and(eq(auditLog.programmeId, programmeId), eq(auditLog.action, 'workspace.uninstall')));

describe('Teams personal install: the welcome card', () => {
  it('a leader who installs LOKET for themselves gets one welcome card with their clusters, this week\'s note and buttons, and the 1:1 chat is stored', async () => {
    const { test, tenantId, server, personalId, settle } = await teamsProgramme();
    const from = { platform: 'teams' as const, workspaceId: tenantId, userId: anna.id, displayName: anna.name };
    await test.core({ ...from, text: 'cluster add Rymd sector:space' });
    await test.core({ ...from, text: 'cluster role Rymd @me leader' });

    // Teams announces a personal install twice; the person must see one card.
    expect((await server.post(lifecycleActivity('installation-update-add-personal', { tenantId, from: anna, conversationId: personalId }))).status).toBe(200);
    expect((await server.post(lifecycleActivity('conversation-update-bot-added-personal', { tenantId, from: anna, conversationId: personalId }))).status).toBe(200);
    await settle();

    const [welcome, ...more] = callsTo(personalId);
    expect(more).toEqual([]);
    expect(welcome!.body).toMatchObject({ type: 'message', from: { id: FIXTURE_BOT.id }, conversation: { id: personalId } });
    const text = visibleText(welcome!);
    expect(text).toContain(`${anna.name} i ${(await programmeName(test.programme.id))}`);
    expect(text).toContain('Dina kluster');
    expect(text).toContain('Rymd (klusterledare)');
    expect(text).toContain('Rymd: saknas');
    expect(text).toContain('Du har inga öppna åtgärder.');
    const actions = welcome!.body.attachments[0].content.body.filter((e: Activity) => e.type === 'ActionSet').flatMap((e: Activity) => e.actions);
    expect(actions.map((a: Activity) => a.data.loketCommand)).toEqual(expect.arrayContaining(['progress', 'meeting', 'actions mine', 'help']));

    const [stored, ...others] = await storedConversations(test.programme.id);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ platform: 'teams', workspaceExternalId: tenantId, conversationId: personalId, conversationType: 'personal', userId: anna.id });
  });

  it('a newcomer whose Teams speaks English is welcomed in English by "you", not by user id, and is stored as a person without a chosen language', async () => {
    const { test, tenantId, server, settle } = await teamsProgramme();
    const erik = person('Erik Ek');
    const conversationId = `a:1${randomUUID()}`;
    await server.post(lifecycleActivity('installation-update-add-personal', { tenantId, from: erik, conversationId, locale: 'en-US' }));
    await settle();

    const text = visibleText(callsTo(conversationId)[0]!);
    // An install event carries no name: the card speaks to "you", never shows the raw Teams user id.
    expect(text).toContain(`You in ${await programmeName(test.programme.id)}`);
    expect(text).not.toContain(erik.id);
    expect(text).toContain('You are not in any cluster yet');
    expect(text).not.toContain('Dina kluster');
    const [row] = await bed.db.select().from(people).where(and(eq(people.programmeId, test.programme.id), eq(people.userId, erik.id)));
    // The locale decides until the person says otherwise with `profile lang:`; it is not stored as a choice.
    expect(row?.language ?? null).toBeNull();
  });
});

describe('Teams uninstall and removal from a team', () => {
  it('uninstalling LOKET from a team forgets the team\'s channels, turns their digest off and keeps the programme\'s records', async () => {
    const { test, tenantId, server, personalId, teamId, channelId, inChannel, inPersonal, settle } = await teamsProgramme();
    await server.post(inPersonal('cluster add Rymd sector:space'));
    await bed.connector.waitFor((c) => c.conversationId === personalId);
    await server.post(inChannel('<at>LOKET</at> digest here day:fri time:14:00'));
    await bed.connector.waitFor((c) => c.conversationId?.startsWith(channelId) ?? false);
    expect((await storedConversations(test.programme.id)).map((c) => c.conversationType).sort()).toEqual(['channel', 'personal']);

    const response = await server.post(lifecycleActivity('installation-update-remove-team', { tenantId, from: anna, conversationId: teamId, teamId }));
    expect(response.status).toBe(200);
    await settle();

    expect((await storedConversations(test.programme.id)).map((c) => c.conversationId)).toEqual([personalId]);
    const [subscription] = await bed.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, test.programme.id));
    expect(subscription).toMatchObject({ active: false, inactiveReason: 'uninstalled' });
    expect((await bed.db.select().from(clusters).where(eq(clusters.programmeId, test.programme.id))).map((c) => c.name)).toEqual(['Rymd']);
    const [audit, ...moreAudits] = await uninstallAudits(test.programme.id);
    expect(moreAudits).toEqual([]);
    expect(audit).toMatchObject({ subjectType: 'workspace', subjectId: `teams:${tenantId}`, detail: { scope: 'team', reason: 'uninstalled', conversations: 1, digests: [subscription!.id] } });
    // Nothing is posted into a team LOKET was just removed from.
    expect(callsTo(teamId)).toEqual([]);
  });

  it('a digest asked for inside a channel thread belongs to the channel, and `digest off` in another thread finds it', async () => {
    const { test, server, channelId, inChannel } = await teamsProgramme();
    await server.post(inChannel('<at>LOKET</at> digest here day:fri time:14:00'));
    await bed.connector.waitFor((c) => c.conversationId === `${channelId};messageid=1741770164119`);
    const [subscribed] = await bed.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, test.programme.id));
    expect(subscribed).toMatchObject({ channelId, active: true });

    const otherThread = inChannel('<at>LOKET</at> digest off');
    (otherThread.conversation as { id: string }).id = `${channelId};messageid=1741770999999`;
    otherThread.id = `off-${randomUUID()}`;
    await server.post(otherThread);
    const reply = await bed.connector.waitFor((c) => c.conversationId === `${channelId};messageid=1741770999999`);
    expect(visibleText(reply)).not.toContain('digest here');
    const [after, ...more] = await bed.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, test.programme.id));
    expect(more).toEqual([]);
    expect(after).toMatchObject({ channelId, active: false });
  });

  it('the bot removed from a team, then the uninstall that follows, act once: one audit row', async () => {
    const { test, tenantId, server, teamId, channelId, inChannel, settle } = await teamsProgramme();
    await server.post(inChannel('<at>LOKET</at> digest here'));
    await bed.connector.waitFor((c) => c.conversationId?.startsWith(channelId) ?? false);

    await server.post(lifecycleActivity('conversation-update-bot-removed-team', { tenantId, from: anna, conversationId: teamId, teamId }));
    await server.post(lifecycleActivity('installation-update-remove-team', { tenantId, from: anna, conversationId: teamId, teamId }));
    await settle();

    expect(await storedConversations(test.programme.id)).toEqual([]);
    const [subscription] = await bed.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, test.programme.id));
    expect(subscription).toMatchObject({ active: false, inactiveReason: 'removed_from_team' });
    const audits = await uninstallAudits(test.programme.id);
    expect(audits.map((a) => a.detail)).toEqual([expect.objectContaining({ scope: 'team', reason: 'removed_from_team' })]);
  });

  it('one person uninstalling their personal app forgets only their 1:1 chat; the team keeps its digest', async () => {
    const { test, tenantId, server, personalId, channelId, inChannel, inPersonal, settle } = await teamsProgramme();
    await server.post(inPersonal('whoami'));
    await bed.connector.waitFor((c) => c.conversationId === personalId);
    await server.post(inChannel('<at>LOKET</at> digest here'));
    await bed.connector.waitFor((c) => c.conversationId?.startsWith(channelId) ?? false);

    const removal = lifecycleActivity('installation-update-add-personal', { tenantId, from: anna, conversationId: personalId });
    removal.action = 'remove';
    await server.post(removal);
    await settle();

    expect((await storedConversations(test.programme.id)).map((c) => c.conversationType)).toEqual(['channel']);
    const [subscription] = await bed.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, test.programme.id));
    expect(subscription).toMatchObject({ active: true });
    expect((await uninstallAudits(test.programme.id)).map((a) => a.detail)).toEqual([expect.objectContaining({ scope: 'personal', conversations: 1, digests: [] })]);
  });

  it('an uninstall from a tenant LOKET never connected is answered 200 and changes nothing', async () => {
    const { server, settle } = await teamsProgramme();
    const otherTenant = uniqueWorkspaceId('tenant-');
    const teamId = `19:${randomUUID()}@thread.tacv2`;
    expect((await server.post(lifecycleActivity('installation-update-remove-team', { tenantId: otherTenant, from: anna, conversationId: teamId, teamId }))).status).toBe(200);
    await settle();
    expect(server.logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});

async function programmeName(programmeId: string): Promise<string> {
  const rows = await bed.db.execute<{ name: string }>(`select name from programmes where id = '${programmeId}'` as never);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { name: string }[] }).rows;
  return list[0]!.name;
}

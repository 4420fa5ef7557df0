// Recorded Slack traffic about people and organisations, replayed through the signed endpoint in OAuth mode:
// real names from users.info and user_change, an Enterprise Grid org-wide install and its uninstall, and a
// Slack Connect guest from another organisation. Fixtures and their sources: test/fixtures/slack/SOURCES.md.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../../db/repositories.js';
import { auditLog, slackInstallations, workspaces } from '../../../db/schema/index.js';
import { JSON_CONTENT_TYPE, loadSlackFixture, slackUser, type RecordedCall } from '../../support/fake-slack-api.js';
import { postSigned, shownText } from './slack-harness.js';
import { eventually, startInstall, startOAuthHarness, type OAuthHarness } from './oauth-harness.js';

const RYMD = { teamId: 'T0RYMD0001', teamName: 'Rymdklustret', botToken: 'xoxb-1001-2001-rymdrymdrymdrymd' };
const PETRA = 'U0RYMDBOSS';
const EGON = 'U0123ABC';
const ORG = { enterpriseId: 'E0REGION02', teamId: 'T0ORGTEAM2', user: 'W0ORGUSER1', botToken: 'xoxb-17653672481-19874698323-orgwideorgwide' };
const GUEST = { teamId: 'T0OTHERORG', user: 'U0GUEST001', channel: 'C0SHARED01' };

let h: OAuthHarness;
beforeAll(async () => {
  h = await startOAuthHarness({ admins: [{ platform: 'slack', userId: PETRA }] });
  await h.install(RYMD);
  h.fake.users.set(PETRA, slackUser(PETRA, 'Petra Lind'));
  // users.info for Egon answers exactly the documented response (test/fixtures/slack/users-info.json).
  h.fake.users.set(EGON, loadSlackFixture<{ user: Record<string, unknown> }>('users-info').user);
  await h.command(RYMD.teamId, PETRA, 'cluster add Rymd sector:space');
});
afterAll(async () => h.close());

const repos = () => createRepositories(h.database.db);
const programmeOf = async (teamId: string) => (await repos().slackInstallations.programmeOfTeam(teamId)).programmeId!;
const personOf = async (userId: string) => (await repos().people.findByPlatformId(await programmeOf(RYMD.teamId), 'slack', userId)).person;
let tsCounter = 0;
const nextTs = () => `1767258${String(100 + ++tsCounter).padStart(3, '0')}.000${String(tsCounter).padStart(3, '0')}`;

/** A fixture as Slack posts it, with ids and the message ts replaced for this test; signed like Slack. */
async function replay(fixture: string, change: (body: Record<string, any>) => void): Promise<Response> {
  const body = loadSlackFixture<Record<string, any>>(fixture);
  body['event_id'] = `Ev${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  change(body);
  return postSigned(`${h.baseUrl}/slack/events`, JSON.stringify(body), { contentType: JSON_CONTENT_TYPE });
}

/** The latest thing the fake received, so a wait can look only at what comes after. */
const latestSeq = () => Math.max(0, ...h.fake.calls.map((c) => c.seq), ...h.fake.responses.map((r) => r.seq));
const replyIn = (channel: string, since: number) =>
  h.fake.waitFor((s) => s.calls.find((c) => c.method.startsWith('chat.post') && c.body['channel'] === channel && c.seq > since), 10_000);

/** An @LOKET mention in a channel of `team`, from `user`; resolves with the reply LOKET posted. */
async function mention(user: string, text: string, fixture = 'app-mention', team = RYMD.teamId, channel = 'C0KLUSTER1'): Promise<RecordedCall> {
  const ts = nextTs();
  const since = latestSeq();
  const response = await replay(fixture, (body) => {
    body['team_id'] = team;
    body['context_team_id'] = team;
    body['authorizations'] = [{ enterprise_id: null, team_id: team, user_id: 'U0LOKETBOT', is_bot: true, is_enterprise_install: false }];
    Object.assign(body['event'], { user, text: `<@U0LOKETBOT> ${text}`, ts, event_ts: ts, channel });
  });
  expect(response.status).toBe(200);
  return replyIn(channel, since);
}

describe('Slack real names', () => {
  it('a mention of someone LOKET has not met shows their Slack name once users.info was asked, after the answer went out', async () => {
    const reply = await mention(PETRA, `cluster role Rymd <@${EGON}> leader`);
    expect(shownText(reply.body)).not.toContain('U0LOKETBOT');
    const lookup = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'users.info' && c.body['user'] === EGON), 10_000);
    // Never on the answer's path: the reply reached Slack before LOKET asked for the name.
    expect(lookup.seq).toBeGreaterThan(reply.seq);
    expect(lookup.authorization).toBe(`Bearer ${RYMD.botToken}`);
    await eventually(async () => (await personOf(EGON))?.displayName === 'spengler');
    expect((await personOf(EGON))!.nameRefreshedAt).toBeInstanceOf(Date);
    // The person who asked was looked up too.
    await eventually(async () => (await personOf(PETRA))?.displayName === 'Petra Lind');

    const list = await h.command(RYMD.teamId, PETRA, 'cluster list');
    expect(list).toContain('ledare: spengler');
    expect(list).not.toContain(EGON);
  });

  it('a name asked for within the day is not asked for again', async () => {
    const before = h.fake.callsTo('users.info').filter((c) => c.body['user'] === EGON).length;
    await mention(PETRA, `whoami`);
    await mention(PETRA, `cluster role Rymd <@${EGON}> leader`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.fake.callsTo('users.info').filter((c) => c.body['user'] === EGON)).toHaveLength(before);
  });

  it('a user Slack will not describe (users.info fails) is asked for once, not after every command', async () => {
    const GHOST = 'U0GHOST001'; // unknown to the fake: users.info answers user_not_found
    const asked = () => h.fake.callsTo('users.info').filter((c) => c.body['user'] === GHOST).length;
    await mention(PETRA, `cluster role Rymd <@${GHOST}> member`);
    await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'users.info' && c.body['user'] === GHOST), 10_000);
    for (let i = 0; i < 3; i++) await mention(PETRA, `cluster role Rymd <@${GHOST}> member`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked()).toBe(1);
  });

  it('user_change renames the person at once, and a slash command’s handle does not overwrite the real name', async () => {
    const response = await replay('user-change', (body) => {
      body['team_id'] = RYMD.teamId;
      body['authorizations'] = [{ enterprise_id: null, team_id: RYMD.teamId, user_id: 'U0LOKETBOT', is_bot: true, is_enterprise_install: false }];
    });
    expect(response.status).toBe(200);
    await eventually(async () => (await personOf(EGON))?.displayName === 'Dr. Spengler');
    // Petra's slash command carries her handle (user_name anna.berg in the fixture); her directory name stays.
    await h.command(RYMD.teamId, PETRA, 'whoami');
    expect((await personOf(PETRA))!.displayName).toBe('Petra Lind');
    expect(await h.command(RYMD.teamId, PETRA, 'cluster list')).toContain('ledare: Dr. Spengler');
  });
});

describe('Slack Connect: a guest from another organisation in a shared channel', () => {
  it('is told how to join while their own workspace has not joined the programme, and nothing is stored for them', async () => {
    const reply = await mention(GUEST.user, 'cluster list', 'app-mention-slack-connect', RYMD.teamId, GUEST.channel);
    expect(shownText(reply.body)).toContain('inte ansluten till något LOKET-program');
    expect(reply.body['user']).toBe(GUEST.user);
    // Answered with the token of the workspace the channel belongs to.
    expect(reply.authorization).toBe(`Bearer ${RYMD.botToken}`);
    expect(await personOf(GUEST.user)).toBeUndefined();
    const [workspace] = await h.database.db.select().from(workspaces).where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, GUEST.teamId)));
    expect(workspace?.programmeId ?? null).toBeNull();
  });

  it('once their workspace joined with an invite code, is answered as a person of their own workspace', async () => {
    const invite = await h.command(RYMD.teamId, PETRA, 'programme invite');
    const code = /`\/loket program anslut ([^`\s]+)`/.exec(invite)?.[1];
    expect(code).toBeDefined();
    const joined = await mention(GUEST.user, `programme join ${code}`, 'app-mention-slack-connect', RYMD.teamId, GUEST.channel);
    expect(shownText(joined.body)).toContain('Den här arbetsytan är nu ansluten');
    expect(await programmeOf(GUEST.teamId)).toBe(await programmeOf(RYMD.teamId));

    const list = await mention(GUEST.user, 'cluster list', 'app-mention-slack-connect', RYMD.teamId, GUEST.channel);
    expect(shownText(list.body)).toContain('Rymd');
    const guest = await personOf(GUEST.user);
    expect(guest).toMatchObject({ workspaceExternalId: GUEST.teamId });
  });
});

describe('Enterprise Grid org-wide install', () => {
  const installRow = async () => (await h.database.db.select().from(slackInstallations).where(eq(slackInstallations.installKey, `enterprise:${ORG.enterpriseId}`)))[0];
  const audits = async (programmeId: string) =>
    (await h.database.db.select().from(auditLog).where(and(eq(auditLog.programmeId, programmeId), eq(auditLog.action, 'workspace.uninstall')))).filter((a) => a.detail?.['enterpriseId'] === ORG.enterpriseId);

  async function installOrgWide() {
    const { cookie, state } = await startInstall(h.baseUrl);
    const code = `code-${randomUUID()}`;
    const { ok: _ok, ...grant } = loadSlackFixture<Record<string, unknown>>('oauth-v2-access-enterprise');
    h.fake.oauthGrants.set(code, grant);
    h.fake.acceptedTokens.add(ORG.botToken);
    const response = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Starship');
  }

  /** A mention from a workspace of the organisation, authorized through the org-wide install. */
  async function orgMention(text: string): Promise<RecordedCall> {
    const ts = nextTs();
    const since = latestSeq();
    await replay('app-mention', (body) => {
      body['team_id'] = ORG.teamId;
      body['enterprise_id'] = ORG.enterpriseId;
      body['context_team_id'] = ORG.teamId;
      body['context_enterprise_id'] = ORG.enterpriseId;
      body['authorizations'] = [{ enterprise_id: ORG.enterpriseId, team_id: null, user_id: 'W0LOKETBOT', is_bot: true, is_enterprise_install: true }];
      Object.assign(body['event'], { user: ORG.user, team: ORG.teamId, text: `<@W0LOKETBOT> ${text}`, ts, event_ts: ts, channel: 'C0ORGCHAN1' });
    });
    return replyIn('C0ORGCHAN1', since);
  }

  it('is stored by its enterprise id and answers the organisation’s workspaces with the organisation’s token', async () => {
    await installOrgWide();
    expect(await installRow()).toMatchObject({ teamId: null, enterpriseId: ORG.enterpriseId, isEnterpriseInstall: true });
    const invite = await h.command(RYMD.teamId, PETRA, 'programme invite');
    const code = /`\/loket program anslut ([^`\s]+)`/.exec(invite)?.[1];
    const joined = await orgMention(`programme join ${code}`);
    expect(joined.authorization).toBe(`Bearer ${ORG.botToken}`);
    expect(shownText(joined.body)).toContain('ansluten');
    // Weekly digests and reminders find the organisation's token for the workspace it was seen serving.
    expect(await h.adapter.botToken(ORG.teamId)).toBe(ORG.botToken);
  });

  it('app_uninstalled for the organisation (enterprise id, no team id) removes its tokens, keeps the workspace’s programme and is audited', async () => {
    const programmeId = await programmeOf(ORG.teamId);
    const response = await replay('app-uninstalled-enterprise', () => undefined);
    expect(response.status).toBe(200);
    await eventually(async () => (await installRow()) === undefined);
    await eventually(async () => (await audits(programmeId)).length === 1);
    const [audit] = await audits(programmeId);
    expect(audit!.detail).toMatchObject({ platform: 'slack', externalId: ORG.teamId, enterpriseId: ORG.enterpriseId, reason: 'app_uninstalled', tokensRemoved: 1 });
    expect(await h.adapter.botToken(ORG.teamId)).toBeUndefined();
    // The workspace stays in its programme: a reinstall picks up where it left off.
    expect(await programmeOf(ORG.teamId)).toBe(programmeId);
    // Rymd's own install is untouched.
    expect(await h.adapter.botToken(RYMD.teamId)).toBe(RYMD.botToken);
  });

  it('tokens_revoked for the organisation’s bot, after a reinstall, removes the tokens again with its own audit row', async () => {
    await installOrgWide();
    const programmeId = await programmeOf(ORG.teamId);
    await orgMention('whoami');
    expect(await installRow()).toBeDefined();
    const response = await replay('tokens-revoked-enterprise', () => undefined);
    expect(response.status).toBe(200);
    await eventually(async () => (await installRow()) === undefined);
    await eventually(async () => (await audits(programmeId)).length === 2);
    expect((await audits(programmeId)).map((a) => a.detail?.['reason']).sort()).toEqual(['app_uninstalled', 'tokens_revoked']);
  });
});

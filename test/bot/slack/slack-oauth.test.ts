import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenCipherFor } from '../../../bot/slack/token-cipher.js';
import { keyFingerprint } from '../../../handlers/core/key-ring.js';
import { auditLog, programmes, slackInstallations, workspaces } from '../../../db/schema/index.js';
import { shownText } from './slack-harness.js';
import { CLIENT_SECRET, SECRET_KEY, startInstall, startOAuthHarness, type OAuthHarness } from './oauth-harness.js';

// Two organisations' workspaces install LOKET; Rymd's admin (U0RYMDBOSS) and Skog's (U0SKOGBOSS) are PMs
// by configuration, so `meeting` answers both with a form (views.open, which needs the bot token).
const RYMD = { teamId: 'T0RYMD0001', teamName: 'Rymdklustret', botToken: 'xoxb-1001-2001-rymdrymdrymdrymd' };
const SKOG = { teamId: 'T0SKOG0002', teamName: 'Skogsklustret', botToken: 'xoxb-1002-2002-skogskogskogskog' };

let h: OAuthHarness;
beforeAll(async () => {
  h = await startOAuthHarness({ admins: [{ platform: 'slack', userId: 'U0RYMDBOSS' }, { platform: 'slack', userId: 'U0SKOGBOSS' }] });
});
afterAll(async () => h.close());

const installationOf = async (teamId: string) => (await h.database.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId)))[0];
const workspaceOf = async (teamId: string) => (await h.database.db.select().from(workspaces).where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, teamId))))[0];
const viewsOpenedWith = (token: string) => h.fake.callsTo('views.open').filter((c) => c.authorization === `Bearer ${token}`);

describe('Slack OAuth install', () => {
  it('the install link sets a state cookie and sends the browser to Slack with LOKET’s client id and scopes', async () => {
    const { location, cookie, state } = await startInstall(h.baseUrl);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('1111.2222');
    expect(location.searchParams.get('scope')?.split(',')).toContain('commands');
    expect(state.length).toBeGreaterThan(10);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it('the first workspace to install is stored with its tokens sealed and joins the programme at once', async () => {
    const page = await h.install(RYMD);
    expect(page.status).toBe(200);
    expect(page.html).toContain('LOKET är installerat i Rymdklustret och anslutet till programmet Norrbottens klusterprogram.');
    const row = await installationOf(RYMD.teamId);
    expect(row).toMatchObject({ installKey: `team:${RYMD.teamId}`, botUserId: 'U0LOKETBOT', botId: 'B0LOKETBOT', installerUserId: 'U0INSTALLER', isEnterpriseInstall: false });
    // Sealed at rest: no column holds the token, and it opens only with the key and for this installation.
    expect(JSON.stringify(row)).not.toContain(RYMD.botToken);
    expect(row!.botToken).toMatch(new RegExp(`^${keyFingerprint(SECRET_KEY)}:`));
    expect(tokenCipherFor(SECRET_KEY).decrypt(row!.botToken!, `team:${RYMD.teamId}`)).toBe(RYMD.botToken);
    expect(() => tokenCipherFor(SECRET_KEY).decrypt(row!.botToken!, `team:${SKOG.teamId}`)).toThrow();
    const [defaultProgramme] = await h.database.db.select().from(programmes).where(eq(programmes.isDefault, true));
    expect((await workspaceOf(RYMD.teamId))?.programmeId).toBe(defaultProgramme!.id);
    const audit = await h.database.db.select().from(auditLog).where(and(eq(auditLog.programmeId, defaultProgramme!.id), eq(auditLog.action, 'workspace.install')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ platform: 'slack', externalId: RYMD.teamId, installedBy: 'U0INSTALLER' });
  });

  it('a second workspace is stored but waits for `programme join`, then its command is answered with its own token', async () => {
    const page = await h.install(SKOG);
    expect(page.html).toContain('Arbetsytan är inte ansluten till något program ännu');
    expect(await installationOf(SKOG.teamId)).toBeDefined();
    expect((await workspaceOf(SKOG.teamId))?.programmeId).toBeNull();

    expect((await h.slash(RYMD.teamId, 'U0RYMDBOSS', 'programme invite')).status).toBe(200);
    const invite = await h.fake.waitFor((s) => s.responses.find((r) => String(r.body['text']).includes('program anslut')));
    const code = /program anslut ([A-Z0-9-]+)/.exec(shownText(invite.body))![1]!;
    await h.slash(SKOG.teamId, 'U0SKOGBOSS', `programme join ${code}`);
    await h.fake.waitFor((s) => s.responses.find((r) => String(r.body['text']).includes('Norrbottens klusterprogram')));
    expect((await workspaceOf(SKOG.teamId))?.programmeId).toBe((await workspaceOf(RYMD.teamId))?.programmeId);

    await h.slash(SKOG.teamId, 'U0SKOGBOSS', 'meeting');
    await h.fake.waitFor(() => viewsOpenedWith(SKOG.botToken).length === 1);
    await h.slash(RYMD.teamId, 'U0RYMDBOSS', 'meeting');
    await h.fake.waitFor(() => viewsOpenedWith(RYMD.botToken).length === 1);
    // Each workspace's calls carried that workspace's token, and the fake refused none.
    expect(h.fake.callsTo('views.open').map((c) => c.authorization)).toEqual([`Bearer ${SKOG.botToken}`, `Bearer ${RYMD.botToken}`]);
  });

  it('a rotating token about to expire is refreshed through oauth.v2.access and stored sealed again', async () => {
    const team = { teamId: 'T0FORD0003', teamName: 'Fordonstest', botToken: 'xoxe.xoxb-1-oldoldoldold', refreshToken: 'xoxe-1-refresh-one', expiresIn: 600 };
    await h.install(team);
    const before = await installationOf(team.teamId);
    expect(before!.botTokenExpiresAt!.getTime()).toBeLessThan(Date.now() + 700_000);
    h.fake.acceptedTokens.add('xoxe.xoxb-1-newnewnewnew');
    h.fake.oauthGrants.set(team.refreshToken, { token_type: 'bot', access_token: 'xoxe.xoxb-1-newnewnewnew', refresh_token: 'xoxe-1-refresh-two', expires_in: 43_200 });
    expect(await h.adapter.botToken(team.teamId)).toBe('xoxe.xoxb-1-newnewnewnew');
    const refresh = h.fake.callsTo('oauth.v2.access').find((c) => c.body['grant_type'] === 'refresh_token');
    expect(refresh?.body).toMatchObject({ refresh_token: 'xoxe-1-refresh-one', client_secret: CLIENT_SECRET });
    const after = await installationOf(team.teamId);
    const cipher = tokenCipherFor(SECRET_KEY);
    expect(cipher.decrypt(after!.botToken!, `team:${team.teamId}`)).toBe('xoxe.xoxb-1-newnewnewnew');
    expect(cipher.decrypt(after!.botRefreshToken!, `team:${team.teamId}`)).toBe('xoxe-1-refresh-two');
    expect(after!.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 40_000_000);
    expect(JSON.stringify(after)).not.toContain('newnewnewnew');
  });

  it('an org-wide Enterprise Grid install is stored by its enterprise id, sealed like any other, and joins no programme by itself', async () => {
    const page = await h.install({ teamId: '', enterpriseId: 'E0REGION01', enterpriseInstall: true, botToken: 'xoxb-9-9-orgorgorgorg' });
    expect(page.html).toContain('LOKET är installerat i organisationen Region Norrbotten.');
    const [row] = await h.database.db.select().from(slackInstallations).where(eq(slackInstallations.installKey, 'enterprise:E0REGION01'));
    expect(row).toMatchObject({ teamId: null, enterpriseId: 'E0REGION01', isEnterpriseInstall: true });
    expect(JSON.stringify(row)).not.toContain('orgorgorgorg');
    expect(await workspaceOf('E0REGION01')).toBeUndefined();
  });

  it('a workspace covered by the org-wide install is answered with the organisation’s token', async () => {
    const envelope = { enterprise_id: 'E0REGION01', authorizations: [{ enterprise_id: 'E0REGION01', team_id: null, user_id: 'U0LOKETBOT', is_bot: true, is_enterprise_install: true }] };
    await h.event('T0ORGTEAM1', { type: 'app_home_opened', user: 'U0ORGUSER1', channel: 'D0ORG00001', tab: 'home', event_ts: '1' }, envelope);
    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'views.publish' && c.body['user_id'] === 'U0ORGUSER1'), 10_000);
    expect(call.authorization).toBe('Bearer xoxb-9-9-orgorgorgorg');
    // Not the first workspace of the deployment: it sees how to connect, like any other new workspace.
    expect(JSON.stringify(call.body['view'])).toContain('inte ansluten');
  });

  it('a redirect without the browser’s state cookie, or with another state, is refused and stores nothing', async () => {
    const before = (await h.database.db.select().from(slackInstallations)).length;
    const { state } = await startInstall(h.baseUrl);
    const other = await startInstall(h.baseUrl);
    h.fake.oauthGrants.set('code-stolen', { access_token: 'xoxb-stolen-stolen', scope: 'commands', bot_user_id: 'U0LOKETBOT', team: { id: 'T0EVIL0001' }, authed_user: { id: 'U0EVIL' } });
    const noCookie = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=code-stolen&state=${encodeURIComponent(state)}`);
    const wrongCookie = await fetch(`${h.baseUrl}/slack/oauth_redirect?code=code-stolen&state=${encodeURIComponent(state)}`, { headers: { cookie: other.cookie } });
    for (const response of [noCookie, wrongCookie]) {
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('LOKET kunde inte installeras');
    }
    // The code was never exchanged, and no installation or workspace appeared.
    expect(h.fake.oauthGrants.has('code-stolen')).toBe(true);
    expect(await h.database.db.select().from(slackInstallations)).toHaveLength(before);
    expect(await workspaceOf('T0EVIL0001')).toBeUndefined();
  });

  it('no token, client secret or OAuth code appears in any log line of the install and command flows', async () => {
    const logged = JSON.stringify(h.logs);
    expect(h.logs.some((l) => l['msg'] === 'Slack installation stored')).toBe(true);
    for (const secret of [RYMD.botToken, SKOG.botToken, 'xoxe.xoxb-1-newnewnewnew', 'xoxe-1-refresh-one', 'xoxe-1-refresh-two', CLIENT_SECRET, SECRET_KEY]) expect(logged).not.toContain(secret);
    const codes = h.fake.callsTo('oauth.v2.access').flatMap((c) => (c.body['code'] ? [String(c.body['code'])] : []));
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(logged).not.toContain(code);
    expect(await h.database.db.select({ key: slackInstallations.installKey }).from(slackInstallations)).toHaveLength(4);
  });
});

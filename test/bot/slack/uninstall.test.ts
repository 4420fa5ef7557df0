import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proactiveSlackToken } from '../../../bot/slack/workspace-tokens.js';
import { auditLog, clusters, digestSubscriptions, meetings, slackInstallations, workspaces } from '../../../db/schema/index.js';
import { DeliveryError } from '../../../handlers/core/notifier.js';
import { postSigned } from './slack-harness.js';
import { eventually, SECRET_KEY, startOAuthHarness, type OAuthHarness } from './oauth-harness.js';
import { keyFingerprint } from '../../../handlers/core/key-ring.js';

const RYMD = { teamId: 'T0RYMD0001', teamName: 'Rymdklustret', botToken: 'xoxb-1001-2001-rymdrymdrymdrymd', userToken: 'xoxp-1001-2001-useruseruser' };
const SKOG = { teamId: 'T0SKOG0002', teamName: 'Skogsklustret', botToken: 'xoxb-1002-2002-skogskogskogskog' };
const PETRA = 'U0RYMDBOSS';

let h: OAuthHarness;
beforeAll(async () => {
  h = await startOAuthHarness({ admins: [{ platform: 'slack', userId: PETRA }] });
  await h.install(RYMD);
  await h.install(SKOG);
  for (const text of ['cluster add Rymd sector:space', 'cluster role Rymd @me leader', 'meeting Styrgrupp cluster:Rymd\naction: @me Boka lokal due:2030-01-15', 'digest here']) {
    await h.command(RYMD.teamId, PETRA, text);
  }
});
afterAll(async () => h.close());

const db = () => h.database.db;
const installation = async (teamId: string) => (await db().select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId)))[0];
const workspace = async (teamId: string) => (await db().select().from(workspaces).where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, teamId))))[0]!;
const uninstallAudits = async (programmeId: string) => db().select().from(auditLog).where(and(eq(auditLog.programmeId, programmeId), eq(auditLog.action, 'workspace.uninstall')));

describe('Slack workspace removal', () => {
  it('tokens_revoked for the installer drops only their user token; LOKET stays installed', async () => {
    expect((await installation(RYMD.teamId))!.userToken).toMatch(new RegExp(`^${keyFingerprint(SECRET_KEY)}:`));
    await h.event(RYMD.teamId, { type: 'tokens_revoked', tokens: { oauth: ['U0INSTALLER'] }, event_ts: '1' });
    await eventually(async () => (await installation(RYMD.teamId))!.userToken === null);
    expect((await installation(RYMD.teamId))!.botToken).toMatch(new RegExp(`^${keyFingerprint(SECRET_KEY)}:`));
    expect(await h.adapter.botToken(RYMD.teamId)).toBe(RYMD.botToken);
  });

  it('a badly signed app_uninstalled is refused with 401 and removes nothing', async () => {
    const body = JSON.stringify({ team_id: RYMD.teamId, type: 'event_callback', event_id: 'EvForged01', event: { type: 'app_uninstalled' } });
    expect((await postSigned(`${h.baseUrl}/slack/events`, body, { contentType: 'application/json', signature: 'bad' })).status).toBe(401);
    expect(await installation(RYMD.teamId)).toBeDefined();
  });

  it('app_uninstalled removes the workspace’s tokens, stops its digests, keeps every programme record and is audited once', async () => {
    const { programmeId } = await workspace(RYMD.teamId);
    const [digest] = await db().select().from(digestSubscriptions).where(eq(digestSubscriptions.workspaceExternalId, RYMD.teamId));
    expect(digest).toMatchObject({ active: true });
    const envelope = { event_id: 'EvUninstall0001' };
    expect((await h.event(RYMD.teamId, { type: 'app_uninstalled', event_ts: '2' }, envelope)).status).toBe(200);
    await eventually(async () => (await installation(RYMD.teamId)) === undefined);
    await eventually(async () => (await uninstallAudits(programmeId!)).length === 1);
    // Slack redelivers: the second delivery acts no more.
    await h.event(RYMD.teamId, { type: 'app_uninstalled', event_ts: '2' }, envelope);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const audits = await uninstallAudits(programmeId!);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail).toMatchObject({ platform: 'slack', externalId: RYMD.teamId, reason: 'app_uninstalled', tokensRemoved: 1, digestsStopped: 1 });
    const [after] = await db().select().from(digestSubscriptions).where(eq(digestSubscriptions.id, digest!.id));
    expect(after).toMatchObject({ active: false, inactiveReason: 'uninstalled' });
    // The programme's records and the workspace's connection stay: a reinstall finds everything again.
    expect(await db().select().from(clusters).where(eq(clusters.programmeId, programmeId!))).toHaveLength(1);
    expect(await db().select().from(meetings).where(eq(meetings.programmeId, programmeId!))).toHaveLength(1);
    expect((await workspace(RYMD.teamId)).programmeId).toBe(programmeId);
  });

  it('after the uninstall the weekly jobs get `gone` for that workspace instead of a token, and other workspaces keep theirs', async () => {
    expect(await h.adapter.botToken(RYMD.teamId)).toBeUndefined();
    const error = await proactiveSlackToken(h.adapter)(RYMD.teamId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('gone');
    expect(await proactiveSlackToken(h.adapter)(SKOG.teamId)).toBe(SKOG.botToken);
  });

  it('tokens_revoked for the bot removes that installation like an uninstall', async () => {
    await h.event(SKOG.teamId, { type: 'tokens_revoked', tokens: { bot: ['U0LOKETBOT'] }, event_ts: '3' });
    await eventually(async () => (await installation(SKOG.teamId)) === undefined);
    expect(await h.adapter.botToken(SKOG.teamId)).toBeUndefined();
  });

  it('a command that still arrives from a removed workspace is refused by authorization and uses no token', async () => {
    const before = h.fake.calls.length;
    // Bolt answers 401 when no installation authorizes a request; Slack itself stops sending them.
    expect((await h.slash(SKOG.teamId, 'U0SKOGUSER', 'help')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.fake.calls.slice(before).filter((c) => c.authorization)).toEqual([]);
  });
});

// Multi-workspace (OAuth) installs store `/loket` commands in the inbox like a single-workspace setup, and a
// command a crashed process left behind is answered with its own workspace's token, looked up at that time.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackInboxDeliverer } from '../../../bot/inbox-slack.js';
import { createInboxRepository } from '../../../db/inbox.repository.js';
import { clusters, workspaces } from '../../../db/schema/index.js';
import { systemClock } from '../../../handlers/core/context.js';
import { createInbox } from '../../../handlers/core/inbox.js';
import { createInboxRecovery } from '../../../handlers/core/inbox-recovery.js';
import type { IncomingMessage } from '../../../handlers/core/incoming.js';
import { shownText } from './slack-harness.js';
import { startOAuthHarness, type OAuthHarness } from './oauth-harness.js';

const RYMD = { teamId: 'T0RYMD0101', teamName: 'Rymdklustret', botToken: 'xoxb-1101-2101-rymdrymdrymdrymd' };
const SKOG = { teamId: 'T0SKOG0102', teamName: 'Skogsklustret', botToken: 'xoxb-1102-2102-skogskogskogskog' };
const BOSS = 'U0RYMDBOSS';
const silent = pino({ level: 'silent' });

let h: OAuthHarness;
beforeAll(async () => {
  h = await startOAuthHarness({ admins: [{ platform: 'slack', userId: BOSS }], withInbox: true });
  await h.install(RYMD);
});
afterAll(async () => h.close());

const clustersOf = async (teamId: string) => {
  const [workspace] = await h.database.db.select().from(workspaces).where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, teamId)));
  return (await h.database.db.select().from(clusters).where(eq(clusters.programmeId, workspace!.programmeId!))).map((c) => c.name);
};

/** A command stored by a process that died before running it: its lease is already over. */
async function leftBehind(teamId: string, text: string) {
  const trigger = `trig-${randomUUID()}`;
  const message: IncomingMessage = { platform: 'slack', workspaceId: teamId, userId: BOSS, channelId: 'C0KLUSTER1', text, deliveryKey: { source: 'slack.command', key: trigger } };
  const crashed = createInbox({ db: h.database.db, clock: systemClock, logger: silent, leaseMs: 1 });
  expect(await crashed.admit(message, { responseUrl: h.fake.responseUrl(trigger), channelId: 'C0KLUSTER1', userId: BOSS, teamId })).toEqual({ kind: 'admitted' });
  return trigger;
}

/** A recovery pass as a restarted server runs it, 31 minutes on: the response_url has expired, so the
 *  answer needs the bot token (a DM through chat.postMessage). */
function recoveryLater() {
  const later = { now: () => new Date(Date.now() + 31 * 60_000) };
  const deliverer = createSlackInboxDeliverer({ botToken: (teamId) => h.adapter.botToken(teamId), apiUrl: h.fake.url, logger: silent });
  return createInboxRecovery({ db: h.database.db, clock: later, logger: silent, core: h.core, deliverers: { slack: deliverer }, defaultLanguage: 'sv' });
}

async function replied(trigger: string) {
  const repo = createInboxRepository({ db: h.database.db });
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const { row } = await repo.find('slack.command', trigger);
    if (row?.status === 'replied') return row;
  }
  return (await repo.find('slack.command', trigger)).row;
}

describe('the inbox in a multi-workspace install', () => {
  it('a slash command is stored before it is acknowledged, answered, and its row ends replied', async () => {
    const id = randomUUID();
    expect(await h.command(RYMD.teamId, BOSS, 'cluster add Rymd sector:space', id)).toContain('Rymd');
    const trigger = `trig-${id}`;
    // Marked replied just after the answer went out (rows finishing together share one statement).
    const row = await replied(trigger);
    expect(row).toMatchObject({ platform: 'slack', workspaceId: RYMD.teamId, userId: BOSS, status: 'replied' });
    expect(await clustersOf(RYMD.teamId)).toEqual(['Rymd']);
  });

  it('a command a crashed process left behind runs once and is answered in the DM with its own workspace’s token', async () => {
    const trigger = await leftBehind(RYMD.teamId, 'cluster add Turism sector:tourism');
    const counts = await recoveryLater().recoverOnce();

    expect(counts.replied).toBe(1);
    const dms = h.fake.callsTo('chat.postMessage').filter((c) => c.body['channel'] === BOSS);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.authorization).toBe(`Bearer ${RYMD.botToken}`);
    expect(shownText(dms[0]!.body)).toContain('Klustret ”Turism”');
    expect((await clustersOf(RYMD.teamId)).sort()).toEqual(['Rymd', 'Turism']);
    const { row } = await createInboxRepository({ db: h.database.db }).find('slack.command', trigger);
    expect(row?.status).toBe('replied');
  });

  it('a command from a workspace LOKET has no token for is kept for a later pass, not dropped', async () => {
    const trigger = await leftBehind(SKOG.teamId, 'help');
    const before = h.fake.callsTo('chat.postMessage').length;
    const counts = await recoveryLater().recoverOnce();

    expect(counts.retry).toBe(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
    const { row } = await createInboxRepository({ db: h.database.db }).find('slack.command', trigger);
    expect(row).toMatchObject({ lastError: `slack: no bot token for workspace ${SKOG.teamId}` });
    expect(['received', 'answered']).toContain(row!.status);
  });
});

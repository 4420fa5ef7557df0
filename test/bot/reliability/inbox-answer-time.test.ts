// GET /metrics times an answer that recovery sends after a restart from when its command was stored, not
// from when the new process found it (bot/inbox-runner.ts, README "Metrics").
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '../../../bot/config.js';
import { startInbox } from '../../../bot/inbox-runner.js';
import { createMetrics } from '../../../bot/metrics.js';
import { createInboxRepository } from '../../../db/inbox.repository.js';
import { inbox } from '../../../db/schema/index.js';
import type { IncomingMessage } from '../../../handlers/core/incoming.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { waitUntil } from '../../support/processes.js';
import { createTestCore, silentLogger, uniqueWorkspaceId } from '../../support/test-core.js';
import { USER_ID, sharedTestDatabase } from '../slack/slack-harness.js';

const database = sharedTestDatabase();
let fake: FakeSlackApi;
beforeAll(async () => {
  await database.open();
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
  await database.close();
});

/** How long before this test the crashed process stored the command. */
const STORED_S_AGO = 90;

it('an answer sent by recovery counts from when its command was stored', async () => {
  const test = await createTestCore({ db: database.db });
  const teamId = uniqueWorkspaceId('T');
  await test.connectWorkspace('slack', teamId);
  await test.makeManager('slack', teamId, USER_ID, 'anna.berg');
  const trigger = `trig.${uniqueWorkspaceId('')}`;
  const storedAt = new Date(Date.now() - STORED_S_AGO * 1000);
  const message: IncomingMessage = { platform: 'slack', workspaceId: teamId, userId: USER_ID, channelId: 'C0KLUSTER1', text: 'cluster list', deliveryKey: { source: 'slack.command', key: trigger } };
  // Stored and acknowledged by a process that died: its lease ran out long ago.
  await createInboxRepository({ db: database.db }).admitMany([{
    source: 'slack.command', key: trigger, platform: 'slack', workspaceId: teamId, userId: USER_ID, owner: 'process:crashed',
    message: { ...message }, replyTo: { responseUrl: fake.responseUrl(trigger), channelId: 'C0KLUSTER1', userId: USER_ID, teamId },
    now: storedAt, leaseMs: 1_000,
  }]);
  const metrics = createMetrics({ instance: 'recovery-test', logger: silentLogger });
  let ours = 0;
  const config = { slack: { mode: 'single', signingSecret: 'secret', botToken: 'xoxb-test', apiUrl: fake.url }, language: 'sv' } as Config;
  const runner = await startInbox({ config, db: database.db, core: test.core, logger: silentLogger, slackTokens: async () => undefined, answeredSince: (at) => {
    // The worker's database may hold other tests' abandoned rows, which this recovery answers too.
    if (at.getTime() !== storedAt.getTime()) return;
    ours += 1;
    metrics.answeredSince('slack', at);
  } });
  try {
    const response = await fake.waitFor((s) => s.responses.find((r) => r.id === trigger), 15_000);
    expect(String(response.body.text)).toContain('Inga kluster ännu');
    const answers = async () => (await metrics.registry.getSingleMetric('loket_answer_seconds')!.get()).values as { metricName?: string; labels: Record<string, unknown>; value: number }[];
    await waitUntil(async () => (await answers()).some((v) => v.metricName === 'loket_answer_seconds_count' && v.value === 1), 5_000, 'one answer timed');
    const sum = (await answers()).find((v) => v.metricName === 'loket_answer_seconds_sum' && v.labels.platform === 'slack')!.value;
    expect(sum).toBeGreaterThanOrEqual(STORED_S_AGO);
    expect(sum).toBeLessThan(STORED_S_AGO + 60);
    expect(ours).toBe(1);
    // And the row is done, so no later pass answers or times it again.
    await waitUntil(async () => (await database.db.select({ status: inbox.status }).from(inbox).where(eq(inbox.key, trigger)))[0]?.status === 'replied', 5_000, 'row replied');
  } finally {
    await runner.stop();
  }
});

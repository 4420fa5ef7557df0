import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { digestSubscriptions } from '../../../db/schema/index.js';
import { createSlackChannelAccess } from '../../../bot/slack/slack-channel-access.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { createTestCore, say, silentLogger, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
let fake: FakeSlackApi;
beforeAll(async () => {
  opened = await openTestDatabase();
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
  await opened.close();
});

async function setup() {
  const channels = createSlackChannelAccess({ token: 'xoxb-test', apiUrl: fake.url, logger: silentLogger });
  const test = await createTestCore({ db: opened.db, settings: { channels } });
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  await test.makeManager('slack', workspaceId, 'UPM');
  const channelId = uniqueWorkspaceId('C');
  const digestHere = () => say(test.core, { platform: 'slack', workspaceId, userId: 'UPM', channelId }, 'digest here');
  const stored = () => opened.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, test.programme.id));
  return { channelId, digestHere, stored };
}

describe('digest here in a Slack channel', () => {
  it('where LOKET is not a member is refused with how to invite it, and nothing is stored', async () => {
    const { channelId, digestHere, stored } = await setup();
    fake.notMemberOf.add(channelId);
    const { outcome, text } = await digestHere();
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('digest.bot_not_member');
    expect(text).toContain('LOKET är inte med i den här kanalen');
    expect(text).toContain('Exempel: `/invite @LOKET`');
    expect(fake.callsTo('conversations.info').at(-1)?.body).toMatchObject({ channel: channelId });
    expect(await stored()).toEqual([]);
  });

  it('where LOKET is a member subscribes the channel', async () => {
    const { channelId, digestHere, stored } = await setup();
    expect((await digestHere()).text).toContain('Den här kanalen får veckosammanfattningen');
    expect((await stored()).map((s) => s.channelId)).toEqual([channelId]);
  });

  it('when Slack cannot be asked, the subscription goes ahead rather than failing', async () => {
    const { digestHere, stored } = await setup();
    fake.failNext('conversations.info', 'internal_error', 5);
    expect((await digestHere()).text).toContain('Den här kanalen får veckosammanfattningen');
    expect(await stored()).toHaveLength(1);
  });
});

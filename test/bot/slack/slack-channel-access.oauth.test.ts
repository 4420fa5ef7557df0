import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackChannelAccess } from '../../../bot/slack/slack-channel-access.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';

const tokens: Record<string, string> = { T0RYMD0001: 'xoxb-rymd-token', T0SKOG0002: 'xoxb-skog-token' };
let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
  for (const token of Object.values(tokens)) fake.acceptedTokens.add(token);
});
afterAll(async () => fake.close());

describe('channel access in OAuth mode', () => {
  const access = () => createSlackChannelAccess({ token: async (workspaceId) => tokens[workspaceId], apiUrl: fake.url, logger: pino({ level: 'silent' }) });

  it('asks Slack with the token of the workspace the channel belongs to', async () => {
    fake.notMemberOf.add('C0SKOGPRIV');
    expect(await access().botIsMember({ platform: 'slack', workspaceId: 'T0RYMD0001', channelId: 'C0RYMD0001' })).toBe(true);
    expect(await access().botIsMember({ platform: 'slack', workspaceId: 'T0SKOG0002', channelId: 'C0SKOGPRIV' })).toBe(false);
    expect(fake.callsTo('conversations.info').map((c) => [c.body['channel'], c.authorization])).toEqual([
      ['C0RYMD0001', 'Bearer xoxb-rymd-token'],
      ['C0SKOGPRIV', 'Bearer xoxb-skog-token'],
    ]);
  });

  it('a channel of a workspace LOKET is not installed in counts as unreachable, without asking Slack', async () => {
    const before = fake.calls.length;
    expect(await access().botIsMember({ platform: 'slack', workspaceId: 'T0GONE0003', channelId: 'C0GONE0001' })).toBe(false);
    expect(fake.calls.length).toBe(before);
  });
});

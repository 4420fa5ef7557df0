import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSlack } from '../../../bot/slack/slack-adapter.js';
import type { IncomingMessage, ProcessIncoming } from '../../../handlers/core/incoming.js';
import { FORM_CONTENT_TYPE, slashCommandBody, startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { createTestCore } from '../../support/test-core.js';
import { postSigned } from './slack-harness.js';
import { capturingLogger } from '../../support/capturing-logger.js';

let fake: FakeSlackApi;
beforeEach(async () => {
  fake = await startFakeSlackApi();
});
afterEach(async () => {
  await fake.close();
});

describe('Socket Mode', () => {
  it('connects with the app token over SLACK_API_URL, mounts no HTTP endpoint, and a refused connection is logged instead of stopping start-up', async () => {
    fake.failNext('apps.connections.open', 'invalid_auth');
    const { logger, logs } = capturingLogger();
    const testCore = await createTestCore();
    const coreCalls: IncomingMessage[] = [];
    const core: ProcessIncoming = (message) => {
      coreCalls.push(message);
      return testCore.core(message);
    };
    const expressApp = express();
    const adapter = await registerSlack({
      expressApp, core, logger,
      config: { mode: 'socket', appToken: 'xapp-1-A0LOKETAPP-1234-abcdef', botToken: 'xoxb-socket-test', apiUrl: fake.url },
    });
    const server = expressApp.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const open = await fake.waitFor((s) => s.calls.find((c) => c.method === 'apps.connections.open'));
      expect(open.authorization).toBe('Bearer xapp-1-A0LOKETAPP-1234-abcdef');
      const res = await postSigned(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, slashCommandBody(), { contentType: FORM_CONTENT_TYPE });
      expect(res.status).toBe(404);
      await expect.poll(() => logs.find((l) => l['msg'] === 'Slack Socket Mode could not connect')).toMatchObject({ level: 50, platform: 'slack' });
      expect(coreCalls).toEqual([]);
    } finally {
      await adapter.stop();
      server.close();
      await testCore.close();
    }
  });
});

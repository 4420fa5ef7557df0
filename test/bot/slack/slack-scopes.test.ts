// The manifest asks for exactly the scopes the code needs: derived from the Web API methods the Slack code
// calls and the events it subscribes to, so a new call without its scope (`digest here` in a group DM
// needing mpim:read) fails here, and the fake Web API refuses it with missing_scope like Slack does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BOT_SCOPES, SLACK_EVENT_SCOPES, SLACK_METHOD_SCOPES } from '../../../bot/slack/slack-scopes.js';
import { createSlackChannelAccess } from '../../../bot/slack/slack-channel-access.js';
import { manifestBotScopes, startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { capturingLogger } from '../../support/capturing-logger.js';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
// Methods Bolt calls for LOKET: auth.test (bot identity, authorize) and oauth.v2.access (the installer).
const CALLED_BY_BOLT = ['auth.test', 'oauth.v2.access'];
const FAMILIES = 'admin|apps|auth|bookmarks|bots|calls|chat|conversations|dnd|emoji|files|oauth|pins|reactions|reminders|search|stars|team|usergroups|users|views';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === join('bot', 'teams') ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `client.chat.postMessage(`, `web.conversations\n  .info(`, `apiCall('users.info'` anywhere in bot/ (Teams aside). */
function calledMethods(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const call = new RegExp(`\\.\\s*(${FAMILIES})\\s*\\.\\s*([a-zA-Z]+(?:\\.[a-zA-Z]+)?)\\s*\\(`, 'g');
  const apiCall = /apiCall\(\s*['"`]([a-z]+\.[a-zA-Z.]+)['"`]/g;
  for (const file of sourceFiles('bot')) {
    const source = readFileSync(file, 'utf8');
    const methods = [...[...source.matchAll(call)].map((m) => `${m[1]}.${m[2]}`), ...[...source.matchAll(apiCall)].map((m) => m[1]!)];
    for (const method of methods) found.set(method, [...(found.get(method) ?? []), file]);
  }
  return found;
}

describe('Slack scopes', () => {
  const called = calledMethods();

  it('finds the Web API calls LOKET makes (replies, DMs, modals, the Home tab, channel checks, names)', () => {
    for (const method of ['chat.postMessage', 'chat.postEphemeral', 'conversations.open', 'conversations.info', 'views.open', 'views.publish', 'users.info']) {
      expect(called.has(method), method).toBe(true);
    }
  });

  it('knows the scopes of every method the code calls, and lists no method nobody calls', () => {
    for (const [method, files] of called) expect(SLACK_METHOD_SCOPES[method], `${method} (called in ${files.join(', ')}) has no entry in SLACK_METHOD_SCOPES`).toBeDefined();
    for (const method of Object.keys(SLACK_METHOD_SCOPES)) expect(called.has(method) || CALLED_BY_BOLT.includes(method), `${method} is listed but never called`).toBe(true);
  });

  it('the manifest asks for exactly the scopes of the called methods, the subscribed events and the slash command', () => {
    const events: string[] = manifest.settings.event_subscriptions.bot_events;
    for (const event of events) expect(SLACK_EVENT_SCOPES[event], `${event} has no entry in SLACK_EVENT_SCOPES`).toBeDefined();
    const needed = new Set(['commands', ...[...called.keys(), ...CALLED_BY_BOLT].flatMap((m) => SLACK_METHOD_SCOPES[m] ?? []), ...events.flatMap((e) => SLACK_EVENT_SCOPES[e] ?? [])]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect(Object.keys(SLACK_BOT_SCOPES).sort()).toEqual([...needed].sort());
  });

  it('lets Enterprise Grid organisations install LOKET org-wide', () => {
    expect(manifest.settings.org_deploy_enabled).toBe(true);
  });

  it('the README lists each scope with the reason slack-scopes.ts gives', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const [scope, reason] of Object.entries(SLACK_BOT_SCOPES)) expect(readme, scope).toContain(`| \`${scope}\` | ${reason} |`);
  });
});

describe('the fake Slack Web API grants only the manifest’s scopes', () => {
  let fake: FakeSlackApi;
  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(async () => fake.close());

  it('answers missing_scope, naming the scope, when a method needs one the manifest lacks', async () => {
    expect([...fake.grantedScopes].sort()).toEqual([...manifestBotScopes()].sort());
    fake.channelKinds.set('G0GROUPDM1', 'mpim');
    fake.grantedScopes.delete('mpim:read');
    const web = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    const error = await web.conversations.info({ channel: 'G0GROUPDM1' }).catch((e: unknown) => e);
    expect((error as { data?: Record<string, unknown> }).data).toMatchObject({ ok: false, error: 'missing_scope', needed: 'mpim:read' });
    fake.grantedScopes.add('mpim:read');
  });

  it('`digest here` in a group DM can ask Slack whether LOKET is there, with the manifest’s scopes', async () => {
    const { logger, logs } = capturingLogger();
    fake.channelKinds.set('G0GROUPDM2', 'mpim');
    const access = createSlackChannelAccess({ token: 'xoxb-test', apiUrl: fake.url, logger });
    expect(await access.botIsMember({ platform: 'slack', workspaceId: 'T0LOKET01', channelId: 'G0GROUPDM2' })).toBe(true);
    const call = fake.callsTo('conversations.info').find((c) => c.body['channel'] === 'G0GROUPDM2');
    expect(call).toBeDefined();
    // No "could not ask Slack" warning: the answer was ok, not a missing scope taken for "reachable".
    expect(logs.filter((l) => l['level'] === 40 || l['level'] === 'warn')).toEqual([]);
  });
});

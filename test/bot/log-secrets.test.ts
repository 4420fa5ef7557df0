// Secrets never reach the logs. First the redaction rules of bot/logger.ts on their own; then the whole
// server as `npm start` runs it, at trace level, through Slack (single token) and Teams command flows, an
// export and its download, and refused requests — and not one line may carry a token, secret or key.
// (The Slack OAuth install flow has its own check in test/bot/slack/slack-oauth.test.ts.) The same server
// run then carries a person's name and free text through both platforms: no line may hold either (issue 20).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import packageJson from '../../package.json' with { type: 'json' };
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, eventBody, signSlackRequest, slackUser, slashCommandBody, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { messageActivity, startFakeTeamsConnector, type FakeTeamsConnector } from '../support/fake-teams-connector.js';
import { freePort, waitUntil } from '../support/processes.js';
import { serverDatabaseEnv, testDatabaseKind } from '../support/test-database.js';

const SIGNING_SECRET = 'sgn-7c1e0b9a4d2f48e6a1c3b5d7e9f00112';
const BOT_TOKEN = 'xoxb-9182736450-1029384756-ZqWxEcRvTbYnUmIoPaSdFgHj';
const SECRET_KEY = 'lsk-0f1e2d3c4b5a69788796a5b4c3d2e1f0-key';
const SECRETS = [SIGNING_SECRET, BOT_TOKEN, BOT_TOKEN.slice(-24), SECRET_KEY];
const CANARY_NAME = 'CANARY-NAME-7731';
const CANARY_TEXT = 'CANARY-TEXT-9942';

describe('log redaction rules', () => {
  it('credentials under any of their usual names and depths are logged as [redacted]', () => {
    const lines: string[] = [];
    const logger = createLogger('trace', new Writable({ write: (chunk: Buffer, _e, done) => void (lines.push(chunk.toString()), done()) }));
    logger.info({ token: BOT_TOKEN, config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, secretKey: SECRET_KEY, clientSecret: 's1', stateSecret: 's2' } }, 'config');
    logger.info({ body: { client_secret: 's3', access_token: BOT_TOKEN, refresh_token: 'xoxe-1' }, req: { headers: { authorization: `Bearer ${BOT_TOKEN}`, cookie: 'slack-app-oauth-state=x', 'x-slack-signature': 'v0=abc' } } }, 'request');
    logger.info({ installation: { bot: { token: BOT_TOKEN } } }, 'install');
    const logged = lines.join('');
    for (const secret of [...SECRETS, 's1', 's2', 's3', 'xoxe-1', 'slack-app-oauth-state', 'v0=abc']) expect(logged).not.toContain(secret);
    expect(logged.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(12);
  });
});

let slack: FakeSlackApi;
let teams: FakeTeamsConnector;
let server: ChildProcess;
let stderr = '';
let base: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  slack.users.set('U0ANNA0001', slackUser('U0ANNA0001', CANARY_NAME, CANARY_NAME));
  teams = await startFakeTeamsConnector();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'loket-logs-'));
  const { env: dbEnv, drop: dropDb } = await serverDatabaseEnv(dir);
  const env = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PORT: String(port), LOKET_PUBLIC_URL: base,
    SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_SERVICE_URL: teams.serviceUrl, LOKET_SECRET_KEY: SECRET_KEY,
    LOKET_ADMINS: 'slack:U0ANNA0001,teams:29:1petra', LOG_LEVEL: 'trace', ...dbEnv,
  };
  const [command, ...args] = String(packageJson.scripts.start).split(' ');
  server = spawn(command!, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  cleanup = async () => {
    if (server.exitCode === null) process.kill(-server.pid!, 'SIGKILL');
    await Promise.all([slack.close(), teams.close()]);
    await dropDb();
    rmSync(dir, { recursive: true, force: true });
  };
  await waitUntil(async () => (await fetch(`${base}/ready`).catch(() => undefined))?.status === 200, 240_000, () => `server ready\n${stderr}`);
}, 300_000);
afterAll(async () => cleanup?.());

async function slash(text: string, trigger: string): Promise<Record<string, unknown>> {
  const body = slashCommandBody({ text, trigger_id: trigger, response_url: slack.responseUrl(trigger) });
  const res = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(SIGNING_SECRET, body) } });
  expect(res.status).toBe(200);
  return (await slack.waitFor((s) => s.responses.find((r) => r.id === trigger), 20_000)).body;
}

describe(`the server's logs at trace level (${testDatabaseKind})`, () => {
  it('carry no token, signing secret, secret key or download token through Slack, Teams, export and refusals', async () => {
    await slash('cluster add Rymd sector:space', 'trig-logs-1');
    const exported = JSON.stringify(await slash('export format:json', 'trig-logs-2'));
    const link = /https?:\/\/[^"\s)>|]+\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(exported)?.[0];
    expect(link, exported).toBeDefined();
    expect((await fetch(link!)).status).toBe(200);
    expect((await fetch(`${link!}x`)).status).toBe(403);
    const event = eventBody({ event_id: 'EvLogs1', event: { text: '<@U0LOKETBOT> whoami' } });
    await fetch(`${base}/slack/events`, { method: 'POST', body: event, headers: { 'content-type': JSON_CONTENT_TYPE, ...signSlackRequest(SIGNING_SECRET, event) } });
    await slack.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral' || c.method === 'chat.postMessage'), 20_000);
    const forged = slashCommandBody({ text: 'whoami' });
    expect((await fetch(`${base}/slack/events`, { method: 'POST', body: forged, headers: { 'content-type': FORM_CONTENT_TYPE, authorization: `Bearer ${BOT_TOKEN}`, ...signSlackRequest('wrong', forged) } })).status).toBe(401);
    const activity = messageActivity({ text: 'whoami', serviceUrl: teams.serviceUrl, tenantId: 'tenant-logs', from: { id: '29:1petra', name: 'Petra' } });
    const res = await fetch(`${base}/api/messages`, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` } });
    expect(res.status).toBeLessThan(300);
    await teams.waitFor(() => true, 20_000);
    await new Promise((r) => setTimeout(r, 300));

    const lines = stderr.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(10);
    const token = link!.split('/files/')[1]!;
    for (const secret of [...SECRETS, token, token.split('.')[1]!]) expect(stderr.includes(secret), `a log line carries ${secret.slice(0, 6)}…`).toBe(false);
  }, 120_000);

  it('carry no display name and no text a person typed, through Slack and Teams commands, mentions and refusals', async () => {
    const before = stderr.length;
    await slash(`meeting "Workshop ${CANARY_TEXT}" date:2026-03-02 cluster:Rymd`, 'trig-canary-1');
    await slash(`exchange need Hjälp med ${CANARY_TEXT} cluster:Rymd tags:"${CANARY_TEXT}"`, 'trig-canary-2');
    await slash(`${CANARY_TEXT} okänt kommando`, 'trig-canary-3');
    await slash(`search ${CANARY_TEXT}`, 'trig-canary-4');
    const posted = slack.calls.length;
    const said = ` note Rymd Ring ${CANARY_NAME} om ${CANARY_TEXT}`;
    const blocks = [{ type: 'rich_text', block_id: 'Cn1', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U0LOKETBOT' }, { type: 'text', text: said }] }] }];
    const event = eventBody({ event_id: 'EvCanary1', event: { text: `<@U0LOKETBOT>${said}`, blocks, ts: '1767258100.000100', event_ts: '1767258100.000100' } });
    await fetch(`${base}/slack/events`, { method: 'POST', body: event, headers: { 'content-type': JSON_CONTENT_TYPE, ...signSlackRequest(SIGNING_SECRET, event) } });
    await slack.waitFor((state) => state.calls.length > posted || undefined, 20_000);
    const teamsBefore = teams.calls.length;
    for (const text of [`whoami`, `meeting "Studiebesök ${CANARY_TEXT}" date:2026-03-02 cluster:Rymd`, `${CANARY_TEXT}?`]) {
      const activity = messageActivity({ text, serviceUrl: teams.serviceUrl, tenantId: 'tenant-logs', from: { id: '29:1canary', name: CANARY_NAME } });
      const res = await fetch(`${base}/api/messages`, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBeLessThan(300);
    }
    await teams.waitFor((call) => teams.calls.indexOf(call) >= teamsBefore + 2, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    const lines = stderr.slice(before).split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    for (const canary of [CANARY_NAME, CANARY_TEXT]) {
      const found = lines.filter((l) => l.includes(canary)).map((l) => { const o = JSON.parse(l) as Record<string, unknown>; return `${String(o.component ?? o.sdk ?? '')} ${String(o.msg ?? '').slice(0, 120)} ${Object.keys(o).join(',')}`; });
      expect(found, `log lines carry ${canary}`).toEqual([]);
    }
  }, 120_000);
});

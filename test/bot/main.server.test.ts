import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { FORM_CONTENT_TYPE, signSlackRequest, slashCommandBody, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { messageActivity, startFakeTeamsConnector, type FakeTeamsConnector } from '../support/fake-teams-connector.js';
import { freePort, waitUntil } from '../support/processes.js';
import { serverDatabaseEnv, testDatabaseKind } from '../support/test-database.js';

// The whole server as `npm start` runs it: config → database → migrations → Slack + Teams on one port.
const signingSecret = 'test-signing-secret';
const claimCodePattern = /loket claim ([2-9A-Z]{4}-[2-9A-Z]{4})/;
let slack: FakeSlackApi;
let teams: FakeTeamsConnector;
let server: ChildProcess;
let stderr = '';
let base: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  teams = await startFakeTeamsConnector();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'loket-server-'));
  const { env: dbEnv, drop: dropDb } = await serverDatabaseEnv(dir);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    PORT: String(port),
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    LOKET_SECRET_KEY: 'k'.repeat(40),
    LOG_LEVEL: 'info',
    ...dbEnv,
  };
  // The command `npm start` runs, without npm in between, so SIGTERM reaches LOKET as from a process manager.
  const [command, ...args] = String(packageJson.scripts.start).split(' ');
  server = spawn(command!, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  cleanup = async () => {
    if (server.exitCode === null) process.kill(-server.pid!, 'SIGKILL');
    await Promise.all([slack.close(), teams.close()]);
    await dropDb();
    rmSync(dir, { recursive: true, force: true });
  };
  await waitUntil(async () => (await fetch(`${base}/ready`).catch(() => undefined))?.status === 200, 45_000, () => `server ready\n${stderr}`);
  // The log line is written before the server listens, but the pipe that carries it to this process may be read
  // after the /ready answer arrives; wait for the line itself.
  await waitUntil(async () => claimCodePattern.test(stderr), 10_000, () => `claim code in the log\n${stderr}`);
}, 60_000);
afterAll(async () => cleanup?.());

async function slash(text: string, trigger: string) {
  const body = slashCommandBody({ text, trigger_id: trigger, response_url: slack.responseUrl(trigger) });
  const res = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(signingSecret, body) } });
  expect(res.status).toBe(200);
  const response = await slack.waitFor((s) => s.responses.find((r) => r.id === trigger), 15_000);
  return String(response.body.text ?? '') + JSON.stringify(response.body.blocks ?? '');
}

describe(`the server as npm start runs it (${testDatabaseKind})`, () => {
  it('logs a claim code; claiming it in Slack makes the user project manager, who can then add a cluster', async () => {
    const code = claimCodePattern.exec(stderr)?.[1];
    expect(code, stderr).toBeDefined();
    expect(await slash(`claim ${code}`, 'trigger-claim')).toContain('Du är nu projektledare');
    expect(await slash('cluster add Rymd sector:space', 'trigger-add')).toContain('Rymd');
    expect(await slash('cluster list', 'trigger-list')).toContain('Rymd – space');
  }, 30_000);

  it('a Teams tenant that has not joined the programme is told how to connect', async () => {
    const activity = messageActivity({ text: 'cluster list', serviceUrl: teams.serviceUrl, tenantId: 'tenant-outside' });
    const res = await fetch(`${base}/api/messages`, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBeLessThan(300);
    const call = await teams.waitFor(() => true, 15_000);
    expect(JSON.stringify(call.body)).toContain('programme join');
  }, 30_000);

  it('a request with a bad Slack signature is refused with 401', async () => {
    const body = slashCommandBody({ text: 'cluster list' });
    const res = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest('wrong-secret', body) } });
    expect(res.status).toBe(401);
  });

  it('SIGTERM shuts it down cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});

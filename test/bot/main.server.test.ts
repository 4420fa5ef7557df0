import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { openDatabase } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { DIGEST_JOB, inbox, jobRuns, outboxMessages, programmes } from '../../db/schema/index.js';
import { FORM_CONTENT_TYPE, signSlackRequest, slashCommandBody, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { messageActivity, startFakeTeamsConnector, type FakeTeamsConnector } from '../support/fake-teams-connector.js';
import { freePort, waitUntil } from '../support/processes.js';
import { serverDatabaseEnv, testDatabaseKind } from '../support/test-database.js';

// The whole server as `npm start` runs it: config → database → migrations → Slack + Teams on one port,
// and GET /metrics moving by exactly what was done to it.
const signingSecret = 'test-signing-secret';
const claimCodePattern = /loket claim ([2-9A-Z]{4}-[2-9A-Z]{4})/;
// GET /metrics (README "Metrics"): its token and the instance label every series carries.
const metricsToken = 'metrics-token-0123456789';
const instance = 'server-test-1';
/** How long ago the oldest seeded command was stored. */
const OLDEST_WAITING_S = 600;
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
  await seed(dbEnv);
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
    LOKET_METRICS_TOKEN: metricsToken,
    LOKET_INSTANCE: instance,
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

/** Before the server starts (PGlite allows one process): two commands acknowledged by another instance
 *  and still waiting, its lease far ahead so no recovery takes them; outbox messages and digest posts. */
async function seed(dbEnv: Record<string, string>) {
  const database = dbEnv.DATABASE_URL
    ? await openDatabase({ databaseUrl: dbEnv.DATABASE_URL, dataDir: '', maxConnections: 1 })
    : await openDatabase({ dataDir: dbEnv.LOKET_DATA_DIR!, loadDataDir: new Blob([readFileSync(inject('pgliteDump'))]) });
  await migrate(database.db);
  const now = Date.now();
  const waiting = (key: string, secondsAgo: number, status: 'received' | 'answered') => ({
    source: 'slack-seed', key, platform: 'slack', workspaceId: 'T-OTHER', userId: 'U-OTHER', message: { text: 'status' }, replyTo: {},
    status, owner: 'process:another-instance', leaseUntil: new Date(now + 3_600_000), receivedAt: new Date(now - secondsAgo * 1000), attempts: 1,
  });
  await database.db.insert(inbox).values([
    waiting('waiting-1', OLDEST_WAITING_S, 'received'),
    waiting('waiting-2', 30, 'answered'),
    { ...waiting('done-1', 3_000, 'received'), status: 'replied' as const, finishedAt: new Date(now - 2_000_000) },
  ]);
  const [programme] = await database.db.insert(programmes).values({ name: 'Metrics seed' }).returning({ id: programmes.id });
  const message = (key: string, status: 'sent' | 'gone') => ({ programmeId: programme!.id, kind: 'exchange.proposal', key, personIds: [], reply: {}, status, createdAt: new Date(now - 86_400_000) });
  await database.db.insert(outboxMessages).values([message('m1', 'sent'), message('m2', 'sent'), message('m3', 'gone')]);
  const post = (period: string, status: 'done' | 'failed') => ({ job: DIGEST_JOB, target: 'slack:T-OTHER:C1', period, status, claimedAt: new Date(now - 86_400_000) });
  await database.db.insert(jobRuns).values([post('2026-W40', 'done'), post('2026-W41', 'done'), post('2026-W42', 'done'), post('2026-W43', 'failed')]);
  await database.close();
}

async function slash(text: string, trigger: string) {
  const body = slashCommandBody({ text, trigger_id: trigger, response_url: slack.responseUrl(trigger) });
  const res = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(signingSecret, body) } });
  expect(res.status).toBe(200);
  const response = await slack.waitFor((s) => s.responses.find((r) => r.id === trigger), 15_000);
  return String(response.body.text ?? '') + JSON.stringify(response.body.blocks ?? '');
}

async function scrape(): Promise<Sample[]> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format: `name{label="value",…} number` per line; `#` lines are help and type. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The one sample of `name` whose labels include `labels`; 0 when there is none (a counter never moved). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
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
    expect(JSON.stringify(call.body)).toContain('program anslut');
  }, 30_000);

  it('a request with a bad Slack signature is refused with 401', async () => {
    const body = slashCommandBody({ text: 'cluster list' });
    const res = await fetch(`${base}/slack/events`, { method: 'POST', body, headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest('wrong-secret', body) } });
    expect(res.status).toBe(401);
  });

  it('GET /metrics is refused without its token or with a wrong one', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: metricsToken } })).status).toBe(401);
  });

  // After the claim above: the user is project manager of a programme with the cluster Rymd.
  it('GET /metrics counts the commands run by verb and outcome, times each answer, and reads the queues and the pool', async () => {
    const before = await scrape();
    expect(await slash('cluster add Norrskog sector:forestry', 'metrics-add')).toContain('Norrskog');
    expect(await slash('cluster list', 'metrics-list')).toContain('Norrskog');
    expect(await slash('kluster lista', 'metrics-list-sv')).toContain('Norrskog');
    expect(await slash('frobnicate', 'metrics-unknown')).toContain('frobnicate');
    expect(await slash('cluster add', 'metrics-refused')).toContain('kluster ny');
    const known = teams.calls.length;
    const activity = messageActivity({ text: 'cluster list', serviceUrl: teams.serviceUrl, tenantId: 'tenant-outside-2' });
    const res = await fetch(`${base}/api/messages`, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBeLessThan(300);
    expect(JSON.stringify((await teams.waitFor((call) => teams.calls.indexOf(call) >= known, 15_000)).body)).toContain('program anslut');

    // The seeded rows of the other instance still wait; this server's own rows are marked finished just
    // after their answers went out.
    let after: Sample[] = [];
    await waitUntil(async () => value((after = await scrape()), 'loket_inbox_waiting') === 2, 10_000, () => 'inbox gauge back at the two seeded rows');
    const moved = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);

    expect(moved('loket_commands_total', { platform: 'slack', verb: 'cluster add', outcome: 'ok' })).toBe(1);
    expect(moved('loket_commands_total', { platform: 'slack', verb: 'cluster list', outcome: 'ok' })).toBe(2);
    expect(moved('loket_commands_total', { platform: 'slack', verb: 'unknown', outcome: 'refused' })).toBe(1);
    expect(moved('loket_commands_total', { platform: 'slack', verb: 'cluster add', outcome: 'refused' })).toBe(1);
    expect(moved('loket_commands_total', { platform: 'teams', verb: 'none', outcome: 'refused' })).toBe(1);
    const total = (samples: Sample[]) => samples.filter((s) => s.name === 'loket_commands_total').reduce((sum, s) => sum + s.value, 0);
    expect(total(after) - total(before)).toBe(6);
    expect(after.filter((s) => s.name === 'loket_commands_total' && s.labels.outcome === 'error')).toEqual([]);

    // One answer time per answer delivered, on each platform.
    expect(moved('loket_answer_seconds_count', { platform: 'slack' })).toBe(5);
    expect(moved('loket_answer_seconds_count', { platform: 'teams' })).toBe(1);
    expect(value(after, 'loket_answer_seconds_bucket', { platform: 'slack', le: '+Inf' })).toBe(value(after, 'loket_answer_seconds_count', { platform: 'slack' }));
    expect(value(after, 'loket_answer_seconds_sum', { platform: 'slack' })).toBeGreaterThan(0);

    // The seeded queues: the oldest waiting command was stored ten minutes before the server started.
    const oldest = value(after, 'loket_inbox_oldest_waiting_seconds');
    expect(oldest).toBeGreaterThanOrEqual(OLDEST_WAITING_S);
    expect(oldest).toBeLessThan(OLDEST_WAITING_S + 120);
    expect(value(after, 'loket_outbox_messages', { status: 'sent' })).toBe(2);
    expect(value(after, 'loket_outbox_messages', { status: 'gone' })).toBe(1);
    expect(value(after, 'loket_digest_posts', { status: 'done' })).toBe(3);
    expect(value(after, 'loket_digest_posts', { status: 'failed' })).toBe(1);

    // The pools: the main one as configured, and on Postgres the inbox's own for storing commands.
    expect(value(after, 'loket_db_pool_size', { pool: 'main' })).toBe(testDatabaseKind === 'postgres' ? 10 : 1);
    expect(value(after, 'loket_db_pool_size', { pool: 'admission' })).toBe(testDatabaseKind === 'postgres' ? 3 : 0);
    expect(value(after, 'loket_db_pool_waiting', { pool: 'main' })).toBe(0);

    // Every series names the instance; Node's own figures are there too.
    expect(after.every((s) => s.labels.instance === instance)).toBe(true);
    expect(value(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  }, 60_000);

  it('SIGTERM shuts it down cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});

// SIGTERM while a Teams message is being answered: the server stops taking requests, lets the answer go
// out, and exits 0. The whole server runs as `npm start` runs it; the Bot Connector here holds its answer
// for a while, so the reply is still in flight when the signal arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { messageActivity } from '../../support/fake-teams-connector.js';
import { freePort } from '../../support/processes.js';

const HOLD_MS = 1_500;
let server: ChildProcess;
let stderr = '';
let base: string;
let connector: Server;
let connectorUrl: string;
const received: { body: any; at: number; answeredAt?: number }[] = [];

beforeAll(async () => {
  connector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: (typeof received)[number] = { body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'), at: Date.now() };
      received.push(entry);
      setTimeout(() => {
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'a:1' }));
        entry.answeredAt = Date.now();
      }, HOLD_MS);
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(port),
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    LOKET_SECRET_KEY: 'k'.repeat(40),
    LOKET_DATA_DIR: 'memory://',
    LOG_LEVEL: 'info',
  };
  const [command, ...args] = String(packageJson.scripts.start).split(' ');
  server = spawn(command!, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // Generous: on a busy machine the tsx start-up alone can take most of a minute.
  const deadline = Date.now() + 150_000;
  while ((await fetch(`${base}/ready`).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not become ready:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 180_000);

afterAll(async () => {
  if (server?.exitCode === null) process.kill(-server.pid!, 'SIGKILL');
  connector?.closeAllConnections();
  await new Promise<void>((resolve) => connector?.close(() => resolve()));
});

describe('graceful shutdown', () => {
  it('SIGTERM while a Teams reply is in flight lets the reply finish, then exits 0', async () => {
    const activity = messageActivity({ text: 'whoami', serviceUrl: connectorUrl, tenantId: 'tenant-shutdown', locale: 'en-US' });
    const posted = fetch(`${base}/api/messages`, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } }).catch((error: unknown) => error);
    const deadline = Date.now() + 20_000;
    while (!received.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(received.length, stderr).toBe(1);

    // 'close', not 'exit': by then the last log lines have come through the stderr pipe too.
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => server.once('close', (code) => resolve({ code, at: Date.now() })));
    const signalledAt = Date.now();
    server.kill('SIGTERM');
    const { code, at } = await exited;

    expect(code, stderr).toBe(0);
    // The reply reached Teams and Teams' answer came back before LOKET went away.
    expect(JSON.stringify(received[0]!.body)).toContain('You in LOKET');
    expect(received[0]!.answeredAt).toBeDefined();
    expect(at).toBeGreaterThanOrEqual(received[0]!.answeredAt!);
    expect(at - signalledAt).toBeGreaterThanOrEqual(HOLD_MS - 500);
    expect(stderr).toMatch(/"signal":"SIGTERM".*shutting down/);
    expect(stderr).not.toMatch(/"level":50/);
    const response = await posted;
    expect(response instanceof Response ? response.status : response).toBeLessThan(300);
  }, 60_000);
});

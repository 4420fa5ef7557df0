import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { isMigrated, migrate } from '../../db/migrate.js';
import { createHttpApp } from '../../bot/http-server.js';
import { createMetrics } from '../../bot/metrics.js';
import { silentLogger } from '../support/test-core.js';

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(ready: () => Promise<boolean>, metrics?: Parameters<typeof createHttpApp>[0]['metrics']): Promise<string> {
  const app = createHttpApp({ logger: silentLogger, readiness: { ready }, ...(metrics ? { metrics } : {}) });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('health and readiness', () => {
  it('/ready is 503 until the database is migrated, then 200; /health is always 200', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const base = await serve(async () => (await database.ping()) && (await isMigrated(database.db)));
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    await migrate(database.db);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    await database.close();
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('a readiness check that throws answers 503, not 500', async () => {
    const base = await serve(async () => {
      throw new Error('connection refused');
    });
    expect((await fetch(`${base}/ready`)).status).toBe(503);
  });
});

describe('GET /metrics', () => {
  it('is served to anyone when LOKET_METRICS_TOKEN is unset, and only with the Bearer token when it is set', async () => {
    const metrics = createMetrics({ instance: 'unit-1', logger: silentLogger });
    metrics.commands.ran({ platform: 'slack', verb: 'note', outcome: 'ok', seconds: 0.01 });
    const open = await serve(async () => true, metrics.handler(undefined));
    const res = await fetch(`${open}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('loket_commands_total{platform="slack",verb="note",outcome="ok",instance="unit-1"} 1');
    server?.close();
    const guarded = await serve(async () => true, metrics.handler('a-token-of-sixteen-chars'));
    expect((await fetch(`${guarded}/metrics`)).status).toBe(401);
    expect((await fetch(`${guarded}/metrics`, { headers: { authorization: 'Bearer a-token-of-sixteen-charZ' } })).status).toBe(401);
    expect((await fetch(`${guarded}/metrics`, { headers: { authorization: 'Bearer a-token-of-sixteen-chars' } })).status).toBe(200);
    // Without the handler there is no such route.
    server?.close();
    expect((await fetch(`${await serve(async () => true)}/metrics`)).status).toBe(404);
  });
});

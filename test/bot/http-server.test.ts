import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { isMigrated, migrate } from '../../db/migrate.js';
import { createHttpApp } from '../../bot/http-server.js';
import { silentLogger } from '../support/test-core.js';

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(ready: () => Promise<boolean>): Promise<string> {
  const app = createHttpApp({ logger: silentLogger, readiness: { ready } });
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

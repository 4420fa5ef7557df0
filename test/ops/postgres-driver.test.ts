// The driver guard of db/postgres-driver.ts (issue 24): a connection that closes under an open transaction
// must reject that transaction, not crash the process. Without the guard, postgres.js 3.4.x writes the
// transaction's ROLLBACK to the closed connection from a setImmediate and throws outside every promise
// (porsager/postgres#1154, #1208): vitest reports it as an uncaught exception and this file fails. The
// connection is cut by a TCP relay between the client and Postgres, as a Postgres restart or a network
// failure cuts it. Needs a real Postgres (TEST_DATABASE_URL); the guard's presence is checked everywhere.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverGuarded, postgres } from '../../db/postgres-driver.js';
import { testDatabaseUrl } from '../support/test-database.js';

describe('the Postgres driver', () => {
  it('is the guarded postgres.js: the installed version still has the flush db/postgres-driver.ts guards', () => {
    expect(driverGuarded).toBe(true);
  });
});

const url = testDatabaseUrl('optional');

/** Relays 127.0.0.1:<port> to Postgres; `cut()` closes every relayed connection at once. */
async function relay(target: URL): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    open.add(client);
    open.add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      for (const socket of open) socket.destroy();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!url)('a connection cut under an open transaction', () => {
  let proxy: Awaited<ReturnType<typeof relay>>;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    proxy = await relay(new URL(url!));
    process.on('uncaughtException', record);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    await proxy?.close();
  });

  it('rejects the transaction with a connection error, the process lives on, and the next query reconnects', async () => {
    const target = new URL(url!);
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    const sql = postgres(target.toString(), { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      for (let round = 0; round < 3; round++) {
        const transaction = sql.begin(async (tx) => {
          await tx`select 1`;
          setTimeout(() => proxy.cut(), 50);
          await tx`select pg_sleep(2)`;
        });
        const error = (await transaction.then(() => undefined, (e: unknown) => e)) as { code?: string } | undefined;
        expect(error, 'the transaction failed').toBeDefined();
        expect(['CONNECTION_CLOSED', 'ECONNRESET', 'CONNECTION_DESTROYED']).toContain(error!.code);
        // Let the scheduled writes run: unguarded, the ROLLBACK's write throws here.
        await new Promise((r) => setTimeout(r, 100));
        expect(uncaught).toEqual([]);
        // The pool opens a new connection for the next statement.
        expect((await sql`select 41 + 1 as answer`)[0]!.answer).toBe(42);
      }
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});

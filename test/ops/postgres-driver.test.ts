// The patched driver of db/postgres-driver.ts. Issue 24: a connection that closes under an open transaction
// must reject that transaction, not crash the process. Issue 21: a statement with plain values costs one
// round trip, not two, and a statement that cannot be built never leaves its caller waiting. Without the guard, postgres.js 3.4.x writes the
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

/** Relays 127.0.0.1:<port> to Postgres; `cut()` closes every relayed connection at once; `writes` counts
 *  the chunks the client sent (each socket write of the driver's, when the driver awaits each answer). */
async function relay(target: URL): Promise<{ port: number; writes: number; cut(): void; close(): Promise<void> }> {
  const open = new Set<Socket>();
  const counted = { writes: 0 };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    open.add(client);
    open.add(upstream);
    client.on('data', () => (counted.writes += 1));
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
    get writes() {
      return counted.writes;
    },
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

/** Settles with the outcome of `work`, or 'never settled' after two seconds. */
const within = <T>(work: Promise<T>) => Promise.race([work.then((value) => ({ value }), (error: { code?: string; message?: string }) => ({ error: error.code ?? error.message })), new Promise<'never settled'>((resolve) => setTimeout(() => resolve('never settled'), 2_000))]);

describe.skipIf(!url)('statements with parameters', () => {
  let proxy: Awaited<ReturnType<typeof relay>>;
  let sql: ReturnType<typeof postgres>;
  beforeAll(async () => {
    proxy = await relay(new URL(url!));
    const target = new URL(url!);
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    sql = postgres(target.toString(), { max: 1, onnotice: () => {} });
    await sql`select 1`;
  });
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await proxy?.close();
  });

  it('with plain values go out in one write and one round trip each (the unpatched driver sends two: describe, then bind)', async () => {
    const before = proxy.writes;
    for (let i = 0; i < 5; i++) expect((await sql.unsafe('select $1::int + 1 as n, $2::text as t', [i, `rad ${i}`]))[0]).toEqual({ n: i + 1, t: `rad ${i}` });
    expect(proxy.writes - before).toBe(5);
  });

  it('sent together, they still go one at a time: postgres.js 3.4 loses statements pipelined behind a failing one', async () => {
    const before = proxy.writes;
    const rows = await Promise.all([1, 2, 3].map((n) => sql.unsafe('select $1::int as n', [n])));
    expect(rows.map((r) => r[0]!.n)).toEqual([1, 2, 3]);
    // Pipelined, the three would leave in one write.
    expect(proxy.writes - before).toBe(3);
  });

  it('read every plain value as the described path did, and an array still goes through the describe', async () => {
    const [row] = await sql.unsafe('select $1::text as s, $2::int as i, $3::numeric * 2 as n, $4::bool as b, $5::text is null as z, $6::bigint + 1 as g, $7::date as d, $8 as untyped', ['Luleå & Kiruna', 41, '1.25', false, null, 9007199254740993n, '2026-03-02', 'hej'] as never[]);
    expect(row).toEqual({ s: 'Luleå & Kiruna', i: 41, n: '2.50', b: false, z: true, g: '9007199254740994', d: new Date('2026-03-02T00:00:00.000Z'), untyped: 'hej' });
    const before = proxy.writes;
    expect((await sql.unsafe('select $1::text[] as a', [['a', 'b']]))[0]).toEqual({ a: ['a', 'b'] });
    expect(proxy.writes - before).toBe(2);
  });

  it('a failing statement between two others in a transaction settles all three, and the connection goes on', async () => {
    const outcome = await within(sql.begin((tx) => Promise.allSettled([tx.unsafe('select $1::int', [1]), tx.unsafe('select $1::int', ['inte ett tal']), tx.unsafe('select $1::int', [3])])));
    expect(outcome).toMatchObject({ error: '22P02' });
    expect(await within(sql.unsafe('select $1::int as n', [7]))).toMatchObject({ value: [{ n: 7 }] });
  });

  it('a statement that cannot be built, queued behind one in flight in a transaction, fails the transaction instead of waiting forever', async () => {
    const outcome = await within(sql.begin((tx) => Promise.allSettled([tx.unsafe('select pg_sleep(0.05)'), tx.unsafe('select $1 as x', [undefined as unknown as string]), tx.unsafe('select 2 as y')])));
    expect(outcome).toEqual({ error: 'UNDEFINED_VALUE' });
    expect(await within(sql.unsafe('select $1::int as n', [8]))).toMatchObject({ value: [{ n: 8 }] });
  });
});

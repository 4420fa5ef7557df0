// The database goes away while LOKET runs (a TCP proxy the test controls sits between them): users are
// told to try again within Slack's 3 s, /ready says 503, the process stays up, and it recovers by itself
// once the database is back. And a LOKET that cannot reach its database at start-up says so in one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type OpenedDatabase } from '../../../db/client.js';
import { rowsOf } from '../../../db/migrate.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { createScratchDatabase, testDatabaseKind } from '../../support/test-database.js';
import { freePort, readyStatus, sendSlash, slackServerEnv, startLoket, waitReady, waitUntil, type LoketProcess } from './loket-process.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const TRY_AGAIN = 'LOKET når inte sin databas just nu, så kommandot sparades inte. Försök igen om en liten stund.';

describe.skipIf(testDatabaseKind !== 'postgres')('a database outage while LOKET runs (real Postgres behind a proxy)', () => {
  let fake: FakeSlackApi;
  let proxy: TcpProxy;
  let loket: LoketProcess;
  let verify: OpenedDatabase;
  let dropDatabase: () => Promise<void>;
  let sequence = 0;
  const slash = (text: string) => {
    const trigger = `outage.${++sequence}`;
    return { trigger, sent: sendSlash(loket.base, text, trigger, fake.responseUrl(trigger)) };
  };

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    const scratch = await createScratchDatabase();
    dropDatabase = scratch.drop;
    const direct = new URL(scratch.url);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(scratch.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    loket = startLoket(slackServerEnv({ port: await freePort(), databaseUrl: viaProxy.toString(), slackApiUrl: fake.url }));
    await waitReady(loket);
    verify = await openDatabase({ databaseUrl: scratch.url, dataDir: '', maxConnections: 1 });
  }, 90_000);

  afterAll(async () => {
    await loket?.kill('SIGKILL');
    await verify?.close();
    await proxy?.close();
    await fake?.close();
    await dropDatabase?.();
  });

  it('users are told to try again within 3 s, /ready turns 503, the process stays up, and it recovers by itself after the database returns', async () => {
    const before = slash('cluster add Rymd sector:space');
    await before.sent;
    await fake.waitFor((s) => s.responses.find((r) => r.id === before.trigger), 15_000);

    proxy.cut();
    const during = slash('note Rymd Skrivet under avbrottet');
    const ack = await during.sent;
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toMatchObject({ response_type: 'ephemeral', text: TRY_AGAIN });
    expect(ack.ms).toBeLessThan(3000);
    expect(await readyStatus(loket.base)).toBe(503);
    expect(loket.child.exitCode).toBeNull();

    const reopenedAt = Date.now();
    proxy.reopen();
    const readyAfterMs = await waitUntil(async () => (await readyStatus(loket.base)) === 200, 20_000, 'ready again', 100);
    let answeredAfterMs = 0;
    await waitUntil(async () => {
      const after = slash('note Rymd Skrivet efter avbrottet');
      const result = await after.sent;
      if (result.body !== '') return false;
      await fake.waitFor((s) => s.responses.find((r) => r.id === after.trigger), 10_000);
      answeredAfterMs = Date.now() - reopenedAt;
      return true;
    }, 20_000, 'a command answered again', 100);
    console.info(`database outage: "try again" acknowledged in ${ack.ms} ms; /ready 200 again ${readyAfterMs} ms and a command answered ${answeredAfterMs} ms after the database returned`);

    expect(answeredAfterMs).toBeLessThan(10_000);
    expect(loket.child.exitCode).toBeNull();
    const notes = rowsOf<{ text: string }>(await verify.db.execute(sql`select text from notes order by created_at`)).map((r) => r.text);
    expect(notes).toContain('Skrivet efter avbrottet');
    expect(notes).not.toContain('Skrivet under avbrottet');
  }, 90_000);
});

describe('start-up without a reachable database', () => {
  it('LOKET refuses to start with one clear line naming the database, not a stack trace', async () => {
    const fake = await startFakeSlackApi();
    try {
      const closedPort = await freePort();
      const loket = startLoket(slackServerEnv({ port: await freePort(), databaseUrl: `postgres://loket:hemligt@127.0.0.1:${closedPort}/loket`, slackApiUrl: fake.url }));
      const code = await loket.exited;
      expect(code).toBe(1);
      const lines = loket.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^LOKET cannot open the database \\(postgres://loket:\\*\\*\\*@127\\.0\\.0\\.1:${closedPort}/loket\\): .*ECONNREFUSED`));
      expect(lines[0]).not.toContain('hemligt');
    } finally {
      await fake.close();
    }
  }, 60_000);
});

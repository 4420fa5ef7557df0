// Several servers, one address (issue 24, item 1): three LOKET servers (node directly, each in its own process
// group) on one throwaway Postgres cluster, behind a small round-robin proxy on 127.0.0.1 that, like a load
// balancer, sends a request to the next server when one refuses the connection. A burst of signed `/loket`
// commands goes through the proxy; one server is killed with SIGKILL mid-burst; then, in a second burst,
// Postgres itself is restarted. Every command acknowledged as taken must be stored exactly once and
// answered (at least once: twice only for commands a dying process was running), the survivors' /ready must
// stay 200 through the kill, and after the restart the servers must be ready again — started again when
// they exited, as a supervisor would (a known postgres.js crash, docs/operations.md "Scaling out"). Needs
// Postgres 15's initdb/pg_ctl (run as the `postgres` user when the tests run as root). Scheduled jobs across
// instances are not covered here (see docs/operations.md).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server as HttpServer } from 'node:http';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '../support/processes.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { readyStatus, sendSlash, type SlashResult } from '../bot/reliability/loket-process.js';
import { command, startServer, type Server } from './servers.js';

const BIN = '/usr/lib/postgresql/15/bin';
/** Commands sent at once through the proxy. */
const PARALLEL = 6;
/** Commands one process runs at once are fewer than its pool's 10 connections (commandsAtOnceFor in
 *  handlers/core/inbox.ts): a dying process can have sent at most this many answers not yet marked sent. */
const RUNNING_PER_PROCESS = 10;
const available = Boolean(process.env.LOKET_SLOW) && existsSync(join(BIN, 'initdb'));
const asRoot = userInfo().uid === 0;

/** A Postgres cluster of its own (data directory and port), so restarting it disturbs nobody else. */
async function throwawayCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'loket-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (bin: string, args: string[]) => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, bin), ...args]] as const : [join(BIN, bin), args] as const;
    return execFileSync(command[0], command[1], { stdio: 'pipe', timeout: 120_000 });
  };
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=100`;
  const pgCtl = (action: string, extra: string[] = []) => run('pg_ctl', [action, '-D', data, '-w', '-l', join(dir, 'log'), '-o', options, ...extra]);
  pgCtl('start');
  const url = `postgres://postgres@127.0.0.1:${port}/loket`;
  const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe('create database loket');
  await admin.end();
  return {
    url,
    restart: () => pgCtl('restart', ['-m', 'fast']),
    destroy: () => {
      try {
        pgCtl('stop', ['-m', 'immediate']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Round robin over the servers; a refused or reset connection moves the request on to the next one. */
function roundRobinProxy(ports: number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const server: HttpServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (left: number) => {
        const port = ports[next++ % ports.length]!;
        const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => (left > 1 && !res.headersSent ? attempt(left - 1) : res.headersSent ? res.destroy() : res.writeHead(502).end()));
        upstream.end(body);
      };
      attempt(ports.length);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  })));
}

interface Sent { marker: string; id: string; ack: SlashResult }

/** `count` writing commands through the proxy, `parallel` at a time; `midway` runs once `after` are acknowledged. */
async function burst(base: string, fake: FakeSlackApi, label: string, count: number, parallel: number, after: number, midway: () => Promise<void>): Promise<Sent[]> {
  const sent: Sent[] = [];
  let acked = 0;
  let fired: Promise<void> | undefined;
  let index = 0;
  const worker = async () => {
    while (index < count) {
      const i = index++;
      const marker = `${label}-${String(i).padStart(3, '0')}`;
      const id = randomUUID();
      const ack = await sendSlash(base, `note Rymd Burstkontroll ${marker}`, `trig-${id}`, fake.responseUrl(id));
      sent.push({ marker, id, ack });
      if (ack.status === 200) acked += 1;
      if (acked >= after && !fired) fired = midway();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  await fired;
  return sent;
}

describe.skipIf(!available)('three servers behind one address', () => {
  let fake: FakeSlackApi;
  let cluster: Awaited<ReturnType<typeof throwawayCluster>>;
  let proxy: Awaited<ReturnType<typeof roundRobinProxy>>;
  const servers: Server[] = [];
  let db: postgres.Sql;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    cluster = await throwawayCluster();
    const ports = [await freePort(), await freePort(), await freePort()];
    // The first migrates the empty database; the other two start beside it.
    servers.push(await startServer({ port: ports[0]!, databaseUrl: cluster.url, fake }));
    servers.push(...(await Promise.all(ports.slice(1).map((port) => startServer({ port, databaseUrl: cluster.url, fake })))));
    proxy = await roundRobinProxy(ports);
    db = postgres(cluster.url, { max: 1, onnotice: () => {} });
    const base = `http://127.0.0.1:${proxy.port}`;
    expect((await command({ base, stderr: () => '', stop: async () => {}, kill: async () => {}, running: () => true }, fake, 'cluster add Rymd sector:space')).status).toBe(200);
  }, 300_000);
  afterAll(async () => {
    for (const server of servers) await server.stop().catch(() => {});
    await proxy?.close();
    await db?.end();
    await fake?.close();
    cluster?.destroy();
  });

  /** Stored notes and delivered answers per marker, once every acknowledged command has its answer. */
  async function settle(sent: Sent[], mustAnswer: Sent[]) {
    await waitUntil(async () => mustAnswer.every((s) => fake.responses.some((r) => r.id === s.id)), 120_000, () => `answers for ${mustAnswer.filter((s) => !fake.responses.some((r) => r.id === s.id)).map((s) => s.marker).join(', ')}`, 500);
    const rows = await db`select text from notes where text like ${'Burstkontroll %'}`;
    const stored = (marker: string) => rows.filter((r) => String(r.text).endsWith(marker)).length;
    const answers = (id: string) => fake.responses.filter((r) => r.id === id).length;
    return { stored, answers, sent };
  }

  it('SIGKILL of one server mid-burst: every acknowledged command is stored once and answered, the survivors stay ready', async () => {
    const base = `http://127.0.0.1:${proxy.port}`;
    const victim = servers[0]!;
    const survivors = servers.slice(1);
    const readiness: (number | undefined)[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const s of survivors) readiness.push(await readyStatus(s.base));
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const DIED = 1;
    const started = Date.now();
    const sent = await burst(base, fake, 'kill', 60, PARALLEL, 15, async () => {
      await victim.kill('SIGKILL');
    });
    // The killed server's port refuses connections: it is gone, not hanging.
    await expect(fetch(`${victim.base}/health`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    const acked = sent.filter((s) => s.ack.status === 200 && s.ack.body === '');
    const { stored, answers } = await settle(sent, acked);
    watching = false;
    await watcher;
    const settledSeconds = (Date.now() - started) / 1000;
    console.info(`SIGKILL run: sent ${sent.length}, acknowledged ${acked.length}, not acknowledged ${sent.length - acked.length}, all answered within ${settledSeconds.toFixed(1)} s; survivors' /ready checked ${readiness.length} times`);
    expect(acked.length).toBeGreaterThan(15);
    for (const s of acked) {
      expect(stored(s.marker), `${s.marker} stored`).toBe(1);
      expect(answers(s.id), `${s.marker} answered`).toBeGreaterThanOrEqual(1);
    }
    // Answers are at least once (README "Reliability"): an answer a dying process sent before marking it sent
    // is sent again by the instance that finishes its row. Only commands that process was running can be.
    const twice = acked.filter((s) => answers(s.id) > 1).map((s) => s.marker);
    console.info(`answered twice: ${twice.length ? twice.join(', ') : 'none'}`);
    expect(twice.length).toBeLessThanOrEqual(RUNNING_PER_PROCESS * DIED);
    for (const s of sent) expect(stored(s.marker), `${s.marker} at most once`).toBeLessThanOrEqual(1);
    expect(readiness.every((status) => status === 200)).toBe(true);
  }, 300_000);

  it('Postgres restarted mid-burst: with a restart-on-exit policy the servers come back, and every command acknowledged as taken is stored once and answered', async () => {
    const base = `http://127.0.0.1:${proxy.port}`;
    const ports = servers.map((s) => Number(new URL(s.base).port));
    let restartedAt = 0;
    const sent = await burst(base, fake, 'restart', 40, PARALLEL, 10, async () => {
      cluster.restart();
      restartedAt = Date.now();
    });
    // Like compose.yaml's `restart: unless-stopped` (or Kubernetes): a server process that exited is started
    // again on its port. postgres.js 3.4.x can crash the process when its socket closes under a write
    // (porsager/postgres#1154, #1208); a server that survived reconnects by itself.
    await new Promise((r) => setTimeout(r, 2_000));
    let crashed = 0;
    for (const [i, server] of servers.entries()) {
      if (i === 0 || server.running()) continue;
      crashed += 1;
      console.info(`server ${server.base} exited after the restart:\n${server.stderr().slice(-600)}`);
      servers[i] = await startServer({ port: ports[i]!, databaseUrl: cluster.url, fake });
    }
    const DIED = crashed;
    const survivors = servers.slice(1);
    const readyAgain = await waitUntil(async () => (await Promise.all(survivors.map((s) => readyStatus(s.base)))).every((status) => status === 200), 60_000,
      () => `servers ready after the restart\n${survivors.map((s) => s.stderr().slice(-1500)).join('\n----\n')}`);
    const acked = sent.filter((s) => s.ack.status === 200 && s.ack.body === '');
    const toldTryAgain = sent.filter((s) => s.ack.status === 200 && s.ack.body !== '');
    const { stored, answers } = await settle(sent, acked);
    console.info(`restart run: sent ${sent.length}, acknowledged ${acked.length}, told to try again ${toldTryAgain.length}, no answer ${sent.length - acked.length - toldTryAgain.length}; servers that exited and were started again ${crashed} of 2; all ready ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart (${readyAgain} ms of waiting)`);
    expect(acked.length).toBeGreaterThan(10);
    // A command whose turn came while Postgres was down is not lost silently: its user is told it was not
    // done and to try again (the generic error answer). Retrying it after the outage instead is still open
    // (closing note of this round); every other acknowledged command is stored once.
    const TRY_AGAIN = 'Något gick fel hos LOKET';
    const toldFailed = (id: string) => fake.responses.some((r) => r.id === id && JSON.stringify(r.body).includes(TRY_AGAIN));
    const failedDuringOutage = acked.filter((s) => stored(s.marker) === 0 && toldFailed(s.id)).map((s) => s.marker);
    console.info(`answered «try again» during the outage: ${failedDuringOutage.length ? failedDuringOutage.join(', ') : 'none'}`);
    expect(failedDuringOutage.length).toBeLessThanOrEqual(RUNNING_PER_PROCESS * servers.length);
    for (const s of acked) {
      if (!failedDuringOutage.includes(s.marker)) expect(stored(s.marker), `${s.marker} stored`).toBe(1);
      expect(answers(s.id), `${s.marker} answered`).toBeGreaterThanOrEqual(1);
    }
    // Answers are at least once (README "Reliability"): an answer a dying process sent before marking it sent
    // is sent again by the instance that finishes its row. Only commands that process was running can be.
    const twice = acked.filter((s) => answers(s.id) > 1).map((s) => s.marker);
    console.info(`answered twice: ${twice.length ? twice.join(', ') : 'none'}`);
    expect(twice.length).toBeLessThanOrEqual(RUNNING_PER_PROCESS * DIED);
    for (const s of sent) expect(stored(s.marker), `${s.marker} at most once`).toBeLessThanOrEqual(1);
    // And a command after the restart is answered as usual, through the proxy.
    expect((await command({ base, stderr: () => '', stop: async () => {}, kill: async () => {}, running: () => true }, fake, 'note Rymd Efter omstarten')).status).toBe(200);
  }, 300_000);
});

// Slack's 3-second acknowledgement: LOKET's HTTP server against a bare Bolt app that only acks, in the same
// run. Signed `/loket help` and `/loket status` go to both, interleaved: open loop at fixed rates (latency
// measured from each request's scheduled time, so a slow server cannot hide its queue) and closed loop with
// a fixed number of concurrent clients (throughput). Then the same commands through the core alone, to
// separate core + database time from HTTP. Needs DATABASE_URL: servers are measured on real Postgres.
import pino from 'pino';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../handlers/core/context.js';
import { createLoketCore } from '../handlers/registry.js';
import { startFakeSlackApi, type FakeSlackApi } from '../test/support/fake-slack-api.js';
import { onScratchPostgres } from './bench-databases.js';
import { ms, percentiles, ratio, rows, table, timeRuns, type Timings } from './measure.js';
import { seedProgramme, type Seeded } from './seed.js';
import { knowSeededPeople, postSlash, residentMiB, startBareBolt, startLoket, type RunningServer, type SlashTarget } from './servers.js';

export interface AckOptions {
  rates: number[];
  seconds: number;
  concurrency: number;
  closedSeconds: number;
  /** How long to wait after the closed loop for LOKET to answer its backlog of acknowledged commands.
   *  The quick run stops early and says how many answers were still owed. */
  drainSeconds: number;
  seedRows: number;
  log: (line: string) => void;
}

export interface AckResult {
  open: { rate: number; loket: Timings; bare: Timings; loketErrors: number; bareErrors: number }[];
  closed: { loket: number; bare: number };
  core: { help: Timings; status: Timings };
  memory: { idleMiB: number; afterMiB: number };
}

const COMMANDS = ['help', 'status'];
const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));

export async function runAckBench(options: AckOptions): Promise<AckResult | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    options.log('  skipped: set DATABASE_URL to a Postgres server the benchmark may create a scratch database on');
    return undefined;
  }
  return onScratchPostgres(url, async (opened, _name, scratchUrl) => {
    await migrate(opened.db);
    const seeded = await seedProgramme(opened.db, { rows: options.seedRows });
    const fake = await startFakeSlackApi();
    // The seeded people are known to the fake as to a real workspace, so LOKET's name refresh (users.info after
    // an answer) succeeds once each instead of failing, and being logged and retried, on every command.
    await knowSeededPeople(fake, opened.db, seeded);
    const [loket, bare] = await Promise.all([startLoket({ databaseUrl: scratchUrl, slackApiUrl: fake.url }), startBareBolt()]);
    try {
      await sleep(1000);
      const idleMiB = residentMiB(loket.pid);
      const targets = { loket: slashTarget(loket, seeded, fake), bare: slashTarget(bare, seeded, fake) };
      options.log(`  ${rows(seeded.rows)} rows seeded; LOKET idle resident memory ${idleMiB.toFixed(0)} MiB`);
      await openLoop(targets, 20, 1); // warm-up: JIT, connection pools, prepared statements
      await drain(fake, 30_000);
      const open = [];
      for (const rate of options.rates) {
        const result = await openLoop(targets, rate, options.seconds);
        await drain(fake, 60_000);
        open.push({ rate, ...result });
      }
      options.log(table(['rate (req/s each)', 'LOKET p50', 'p95', 'p99', 'bare p50', 'p95', 'p99', 'p99 ratio', 'errors'], open.map((o) => [String(o.rate), ms(o.loket.median), ms(o.loket.p95), ms(o.loket.p99), ms(o.bare.median), ms(o.bare.p95), ms(o.bare.p99), ratio(o.loket.p99, o.bare.p99), `${o.loketErrors}/${o.bareErrors}`])));
      const closed = { bare: await closedLoop(targets.bare, options, false), loket: await closedLoop(targets.loket, options, true) };
      const drained = await drain(fake, options.drainSeconds * 1000);
      const owed = loketSent - fake.responses.length;
      const caughtUp = owed <= 0
        ? `LOKET's replies caught up ${(drained / 1000).toFixed(1)} s after the last ack`
        : `${owed} of LOKET's ${loketSent} acknowledged commands still unanswered ${options.drainSeconds} s after the last ack (stored in the inbox; this run does not wait for them)`;
      options.log(`  closed loop, ${options.concurrency} concurrent: LOKET ${closed.loket.toFixed(0)} acks/s, bare ${closed.bare.toFixed(0)} acks/s, ratio ${ratio(closed.loket, closed.bare)}; ${caughtUp}`);
      const afterMiB = residentMiB(loket.pid);
      // Stopped first: a backlog still being answered would share the database and the CPU with the core run.
      await Promise.all([loket.stop(), bare.stop()]);
      const core = await coreCost(opened.db, seeded);
      options.log(`  through the core alone (no HTTP): help ${ms(core.help.median)} (p95 ${ms(core.help.p95)}), status ${ms(core.status.median)} (p95 ${ms(core.status.p95)})`);
      options.log(`  LOKET resident memory: idle ${idleMiB.toFixed(0)} MiB, after the load ${afterMiB.toFixed(0)} MiB`);
      return { open, closed, core, memory: { idleMiB, afterMiB } };
    } finally {
      await Promise.all([loket.stop(), bare.stop()]);
      await fake.close();
    }
  });
}

function slashTarget(server: RunningServer, seeded: Seeded, fake: FakeSlackApi): SlashTarget {
  return { base: server.base, teamId: seeded.workspaceId, userId: seeded.managerUserId, responseUrl: (id) => fake.responseUrl(id) };
}

let sequence = 0;
let loketSent = 0;

/** Both servers get `rate` requests per second for `seconds`, alternating which goes first. */
async function openLoop(targets: { loket: SlashTarget; bare: SlashTarget }, rate: number, seconds: number) {
  const samples = { loket: [] as number[], bare: [] as number[] };
  const errors = { loket: 0, bare: 0 };
  const pending: Promise<void>[] = [];
  const total = Math.max(1, Math.round(rate * seconds));
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const order: ('loket' | 'bare')[] = i % 2 ? ['loket', 'bare'] : ['bare', 'loket'];
    for (const name of order) {
      const id = `ack-${name}-${++sequence}`;
      if (name === 'loket') loketSent++;
      pending.push(
        postSlash(targets[name], COMMANDS[i % COMMANDS.length]!, id).then(
          (status) => {
            samples[name].push(performance.now() - due);
            if (status !== 200) errors[name]++;
          },
          () => void errors[name]++,
        ),
      );
    }
  }
  await Promise.all(pending);
  return { loket: percentiles(samples.loket), bare: percentiles(samples.bare), loketErrors: errors.loket, bareErrors: errors.bare };
}

/** `concurrency` clients each send the next command as soon as the last one is acked; acks per second. */
async function closedLoop(target: SlashTarget, options: AckOptions, isLoket: boolean): Promise<number> {
  const deadline = performance.now() + options.closedSeconds * 1000;
  let acked = 0;
  const client = async () => {
    for (let i = 0; performance.now() < deadline; i++) {
      if (isLoket) loketSent++;
      const status = await postSlash(target, COMMANDS[i % COMMANDS.length]!, `closed-${++sequence}`).catch(() => 0);
      if (status === 200) acked++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return acked / ((performance.now() - started) / 1000);
}

/** Waits until LOKET has answered every command it was sent (its replies go to the fake response URL;
 *  the bare app never replies); the time it took, or the timeout. */
async function drain(fake: FakeSlackApi, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (fake.responses.length < loketSent && performance.now() - started < timeoutMs) await sleep(100);
  return performance.now() - started;
}

async function coreCost(db: Parameters<typeof createLoketCore>[0]["db"], seeded: Seeded) {
  const core = createLoketCore({ db, clock: systemClock, logger: pino({ level: 'silent' }), settings: { timezone: 'Europe/Stockholm', defaultLanguage: 'sv', admins: [], defaultProgrammeName: 'Bench' } });
  let turn = 0;
  const ask = (text: string) => core({ platform: 'slack', workspaceId: seeded.workspaceId, userId: seeded.managerUserId, text, deliveryKey: { source: 'bench-core', key: String(++turn) } });
  return { help: await timeRuns(() => ask('help'), 50), status: await timeRuns(() => ask('status'), 50) };
}

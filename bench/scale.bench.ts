// How `status`, `status <cluster>`, `search` and `actions mine` grow with the programme's history:
// `npx tsx bench/scale.bench.ts [--full] [--explain]`. Seeds 10k and 100k rows (and 1M with --full) with the
// one seeder, each size in a fresh database — real Postgres (a scratch database, dropped afterwards) when
// DATABASE_URL is set, and PGlite in memory beside it for the smaller sizes — and runs each command through
// the whole core (transaction, actor, handler, repositories, rendering) and, for status and search, the same
// answer by hand-written SQL. Prints median and p95, the ratio to hand SQL, and the growth between sizes.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { OpenedDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';
import { ACTIVE_DAYS, BUS_FACTOR_DAYS, continuitySignals, emptySignals } from '../handlers/continuity/continuity.js';
import { systemClock } from '../handlers/core/context.js';
import { addDays, dayIn } from '../handlers/core/dates.js';
import { computeIndicators } from '../handlers/reports/indicators.js';
import type { Database } from '../db/database.js';
import type { Repositories } from '../db/repositories.js';
import { quarterOf } from '../handlers/core/period.js';
import { createLoketCore } from '../handlers/registry.js';
import { onPglite, onScratchPostgres } from './bench-databases.js';
import { explainCommand } from './explain.js';
import { handSearch } from './hand-search.sql.js';
import { ms, percentiles, ratio, rows, table, timeRuns, type Timings } from './measure.js';
import { seedProgramme, type Seeded } from './seed.js';
import { postSlash, residentMiB, startLoket } from './servers.js';
import { startFakeSlackApi } from '../test/support/fake-slack-api.js';
import { handStatus, type HandInput, type StatusAnswer } from './status-hand.sql.js';

const TZ = 'Europe/Stockholm';
const SEARCHES = ['testbädd Kiruna', 'Vinnova ansökan', 'mötet', 'drönare', 'Sjöqvist', 'satellitdata Luleå'];

export interface ScaleRow {
  database: string;
  rows: number;
  command: string;
  loket: Timings;
  hand?: Timings;
}

export interface ScaleOptions {
  sizes: number[];
  pgliteSizes: number[];
  runs: number;
  explain: boolean;
  log: (line: string) => void;
}

export async function runScaleBench(options: ScaleOptions): Promise<ScaleRow[]> {
  const results: ScaleRow[] = [];
  const { log } = options;
  for (const size of options.pgliteSizes) {
    await onPglite((opened) => measureSize('PGlite', opened, size, options, results));
  }
  const url = process.env.DATABASE_URL;
  if (url) for (const size of options.sizes) await onScratchPostgres(url, (opened, _name, scratchUrl) => measureSize('Postgres', opened, size, options, results, scratchUrl));
  else log('  Postgres: skipped (set DATABASE_URL to a server the benchmark may create scratch databases on)');
  printGrowth(results, log);
  return results;
}

async function measureSize(database: string, opened: OpenedDatabase, size: number, options: ScaleOptions, results: ScaleRow[], url?: string) {
  const { log } = options;
  await migrate(opened.db);
  const seeded = await seedProgramme(opened.db, { rows: size, log });
  log(`\n  ${database}, ${rows(seeded.rows)} rows (${rows(seeded.meetings)} meetings, ${seeded.clusterNames.length} clusters), seeded in ${seeded.seconds.toFixed(0)} s`);
  const core = createLoketCore({ db: opened.db, clock: systemClock, logger: pino({ level: 'silent' }), settings: { timezone: TZ, defaultLanguage: 'sv', admins: [], defaultProgrammeName: 'Bench' } });
  let turn = 0;
  const ask = (userId: string, text: string) => core({ platform: 'slack', workspaceId: seeded.workspaceId, userId, text, deliveryKey: { source: 'bench', key: `${size}-${turn++}` } });
  const cluster = seeded.clusterNames[Math.floor(seeded.clusterNames.length / 2)]!;
  const hand = handFor(opened, seeded);
  log(`  hand SQL gives the same answer as LOKET: ${await hand.agrees(undefined)} (status), ${await hand.agrees(cluster)} (status <cluster>)`);
  let searchTurn = 0;
  const nextWords = () => SEARCHES[searchTurn++ % SEARCHES.length]!;
  // Cold: every cluster and the programme marked changed first (the log rows a write to a meeting leaves),
  // so status recomputes the whole continuity cache and its cached figures (report_cache); the marking itself
  // is not timed.
  const changeEveryCluster = () => opened.db.execute(sql`
    with report as (insert into report_changes (programme_id) values (${seeded.programmeId}))
    insert into continuity_changes (cluster_id) select id from clusters where programme_id = ${seeded.programmeId}`);
  const cold = (run: () => Promise<unknown>) => async () => {
    await changeEveryCluster();
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const commands: [string, () => Promise<unknown>, (() => Promise<unknown>) | undefined][] = [
    ['status', () => ask(seeded.managerUserId, 'status'), () => hand.status()],
    ['status <cluster>', () => ask(seeded.managerUserId, `status "${cluster}"`), () => hand.status(cluster)],
    ['status, cold cache', cold(() => ask(seeded.managerUserId, 'status')), undefined],
    ['status <cluster>, cold cache', cold(() => ask(seeded.managerUserId, `status "${cluster}"`)), undefined],
    ['search', () => ask(seeded.managerUserId, `search ${nextWords()}`), () => hand.search(nextWords())],
    ['actions mine', () => ask(seeded.leaderUserId, 'actions mine'), undefined],
    // The command around any statement (delivery key, actor, transaction, stored answer, rendering), with
    // one read of the actor's own row: what `search` pays on top of its hand SQL.
    ['whoami (the core alone)', () => ask(seeded.managerUserId, 'whoami'), undefined],
  ];
  const body: string[][] = [];
  for (const [command, loketRun, handRun] of commands) {
    const loket = command.includes('cold') ? await timeOwnRuns(loketRun as () => Promise<number>, options.runs) : await timeRuns(loketRun, options.runs);
    const handTimings = handRun ? await timeRuns(handRun, options.runs) : undefined;
    results.push({ database, rows: seeded.rows, command, loket, ...(handTimings ? { hand: handTimings } : {}) });
    body.push([command, ms(loket.median), ms(loket.p95), handTimings ? ms(handTimings.median) : '–', handTimings ? ratio(loket.median, handTimings.median) : '–']);
  }
  log(table(['command', 'LOKET median', 'LOKET p95', 'hand SQL median', 'ratio'], body));
  if (options.explain && url) await explainCommand(url, seeded, log);
  if (url && size === Math.max(...options.sizes)) await serverMemory(url, seeded, log);
}

/** Like timeRuns, for runs that time themselves (their untimed preparation left out). */
async function timeOwnRuns(run: () => Promise<number>, runs: number, warmup = Math.min(5, runs)): Promise<Timings> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const took = await run();
    if (i >= warmup) samples.push(took);
  }
  return percentiles(samples);
}

/** Resident memory of LOKET's server idle and after answering `status` on this database a few times. */
async function serverMemory(url: string, seeded: Seeded, log: (line: string) => void) {
  const fake = await startFakeSlackApi();
  const server = await startLoket({ databaseUrl: url, slackApiUrl: fake.url });
  try {
    const idle = residentMiB(server.pid);
    const target = { base: server.base, teamId: seeded.workspaceId, userId: seeded.managerUserId, responseUrl: (id: string) => fake.responseUrl(id) };
    for (let i = 0; i < 5; i++) await postSlash(target, 'status', `memory-${i}`);
    await fake.waitFor((state) => (state.responses.length >= 5 ? true : undefined), 60_000);
    log(`  LOKET server resident memory on this database: idle ${idle.toFixed(0)} MiB, after 5 × status ${residentMiB(server.pid).toFixed(0)} MiB`);
  } finally {
    await server.stop();
    await fake.close();
  }
}

function handFor(opened: OpenedDatabase, seeded: Seeded) {
  const repos = createRepositories(opened.db);
  const today = dayIn(TZ, new Date());
  const period = { ...quarterOf(today), today };
  let clusterIds: Map<string, string> | undefined;
  const inputFor = async (name?: string): Promise<HandInput> => {
    clusterIds ??= new Map((await repos.clusters.list(seeded.programmeId)).clusters.map((c) => [c.cluster.name, c.cluster.id]));
    const clusterId = name ? clusterIds.get(name)! : undefined;
    return { programmeId: seeded.programmeId, ...(clusterId ? { clusterId } : {}), ...period, busSince: addDays(today, -BUS_FACTOR_DAYS), activeSince: addDays(today, -ACTIVE_DAYS), timezone: TZ };
  };
  return {
    status: async (name?: string) => handStatus(opened.db, await inputFor(name)),
    /** Whether the hand statements and LOKET's repositories give the same figures; throws with both if not,
     *  so a ratio is never printed for two different answers. */
    async agrees(name?: string): Promise<string> {
      const input = await inputFor(name);
      const [ours, theirs] = [await loketAnswer(opened.db, input), await handStatus(opened.db, input)];
      if (canonical(ours) !== canonical(theirs)) throw new Error(`hand SQL and LOKET differ for ${name ?? 'status'}:\n${canonical(ours)}\n${canonical(theirs)}`);
      return 'yes';
    },
    search: (words: string) => handSearch(opened.db, { programmeId: seeded.programmeId, words, timezone: TZ, limit: 10 }),
  };
}

/** LOKET's figures for the same input, from the functions `status` itself calls, in the hand answer's shape. */
async function loketAnswer(db: Database, input: HandInput): Promise<StatusAnswer> {
  return db.transaction(async (tx) => {
    const repos: Repositories = createRepositories(tx as unknown as Database);
    const scope = input.clusterId ? [input.clusterId] : undefined;
    const { programmeId: p, from, to, today } = input;
    const { clusters } = await repos.status.clusters({ programmeId: p, scope, from, to, today });
    const i = await computeIndicators(repos, p, scope, { from, to }, input.timezone);
    const signals = await continuitySignals(repos, p, scope, today, Boolean(input.clusterId));
    const members = input.clusterId ? (await repos.status.memberOrganisations(p, input.clusterId)).organisations.length : undefined;
    return {
      clusters: clusters.map(({ id: _id, ...c }) => ({ ...c, ...(members === undefined ? {} : { memberOrganisations: members }) })),
      indicators: {
        byKind: Object.fromEntries(i.byKind.map((k) => [k.kind, k.n])),
        ...i.organisations,
        byGender: i.byGender,
        byRole: i.byRole,
        exchanges: i.exchanges,
      },
      continuity: clusters.map((c) => {
        const s = signals.get(c.id) ?? emptySignals(c.id);
        return {
          name: c.name,
          bus: { factor: s.bus.factor, covered: s.bus.covered, total: s.bus.total, names: s.bus.names },
          recorders: [...new Set(s.recorders.map((r) => r.name))].sort(),
          ownersAwayOrGone: s.ownersAwayOrGone.length,
          ...(input.clusterId ? { shares: s.shares, soleContacts: s.soleContacts.length } : {}),
        };
      }),
    };
  });
}

/** JSON with every object's keys sorted, so two answers built in different orders compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** Latency growth between consecutive sizes against the growth in rows: below 1 means sub-linear. */
function printGrowth(results: ScaleRow[], log: (line: string) => void) {
  const body: string[][] = [];
  for (const database of new Set(results.map((r) => r.database))) {
    for (const command of new Set(results.map((r) => r.command))) {
      const series = results.filter((r) => r.database === database && r.command === command).sort((a, b) => a.rows - b.rows);
      for (let i = 1; i < series.length; i++) {
        const [a, b] = [series[i - 1]!, series[i]!];
        const rowGrowth = b.rows / a.rows;
        const latencyGrowth = b.loket.median / a.loket.median;
        body.push([`${database} ${command}`, `${rows(a.rows)} → ${rows(b.rows)}`, `${rowGrowth.toFixed(1)}×`, `${latencyGrowth.toFixed(2)}×`, `${(Math.log(latencyGrowth) / Math.log(rowGrowth)).toFixed(2)}`]);
      }
    }
  }
  if (body.length) log(`\n  Growth (exponent = log latency growth / log row growth; 1 = linear, 0 = flat)\n${table(['command', 'rows', 'rows ×', 'median ×', 'exponent'], body)}`);
}

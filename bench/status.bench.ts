// `status` latency on a large programme: `npx tsx bench/status.bench.ts [--full]`.
// Seeds 2 years × 20 clusters (10 years × 200 clusters, over a million rows, with --full) into an in-memory
// PGlite and, when DATABASE_URL is set, into a scratch database on that server (dropped afterwards). Runs
// `status` and `status <cluster>` through the whole core (transaction, actor, handler, repositories) and the
// same figures as one hand-written statement, and prints median, p95 and their ratio. Asserts nothing.
import pino from 'pino';
import type { OpenedDatabase } from '../db/client.js';
import { onEachDatabase } from './bench-databases.js';
import { migrate } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';
import { systemClock } from '../handlers/core/context.js';
import { dayIn } from '../handlers/core/dates.js';
import { quarterOf } from '../handlers/core/period.js';
import { createCore } from '../handlers/core/run-command.js';
import { computeIndicators } from '../handlers/indicators.js';
import { handStatus } from './status-hand.sql.js';
import { seedStatusProgramme } from './status-seed.js';

const full = process.argv.includes('--full');
const size = full ? { years: 10, clusters: 200 } : { years: 2, clusters: 20 };
const RUNS = full ? 30 : 50;
const WARMUP = 5;
const TZ = 'Europe/Stockholm';
const log = (line: string) => console.log(line);

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  const timings: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const started = performance.now();
    await fn();
    if (i >= WARMUP) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const fmt = (t: { median: number; p95: number }) => `median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`;

async function run(label: string, opened: OpenedDatabase) {
  log(`\n${label}: ${size.years} years × ${size.clusters} clusters`);
  await migrate(opened.db);
  const started = performance.now();
  const seeded = await seedStatusProgramme(opened.db, size, log);
  log(`  ${seeded.rows.toLocaleString('sv-SE')} rows seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const core = createCore({ db: opened.db, clock: systemClock, logger: pino({ level: 'silent' }), settings: { timezone: TZ, defaultLanguage: 'sv', admins: [], defaultProgrammeName: 'Bench' } });
  const ask = (text: string) => core({ platform: 'slack', workspaceId: seeded.workspaceId, userId: 'UPM', text });
  const today = dayIn(TZ, new Date());
  const period = quarterOf(today);
  const { clusters } = await createRepositories(opened.db).clusters.list(seeded.programmeId);
  const one = clusters[Math.floor(clusters.length / 2)]!.cluster;
  await sameAnswer(opened, seeded.programmeId, { ...period, today });
  for (const [name, text, clusterId] of [['status', 'status', undefined], ['status <cluster>', `status "${one.name}"`, one.id]] as const) {
    const loket = await time(() => ask(text));
    const hand = await time(() => handStatus(opened.db, { programmeId: seeded.programmeId, clusterId, ...period, today }));
    log(`  ${name.padEnd(17)} LOKET ${fmt(loket)} | hand SQL ${fmt(hand)} | ratio ${(loket.median / hand.median).toFixed(1)}× (median), ${(loket.p95 / hand.p95).toFixed(1)}× (p95)`);
  }
}

/** The hand-written statement must give the figures `status` shows, or the ratio compares two answers. */
async function sameAnswer(opened: OpenedDatabase, programmeId: string, input: { from: string; to: string; today: string }) {
  const repos = createRepositories(opened.db);
  const { clusters } = await repos.status.clusters({ programmeId, scope: undefined, ...input });
  const ind = await computeIndicators(repos, programmeId, undefined, input, 'Europe/Stockholm');
  const hand = await handStatus(opened.db, { programmeId, ...input });
  const ours = { clusters: clusters.length, meetings: clusters.reduce((s, c) => s + c.meetings, 0), openActions: clusters.reduce((s, c) => s + c.openActions, 0), planDone: clusters.reduce((s, c) => s + c.planDone, 0), activities: ind.activities, organisations: ind.organisations.reached, participants: ind.byRole ? Object.entries(ind.byRole).filter(([r]) => r !== 'guest').reduce((s, [, n]) => s + n, 0) : 0 };
  const same = JSON.stringify(ours) === JSON.stringify(hand);
  log(`  same answer: ${same ? 'yes' : 'NO'} ${JSON.stringify(hand)}${same ? '' : ` vs LOKET ${JSON.stringify(ours)}`}`);
}

await onEachDatabase(run, log);

// What a user waits for (issue 21): the answer to a signed `/loket note <cluster> <text>`, from the moment the
// request was due to the moment its answer reached response_url (a fake Slack on loopback), for LOKET and for a
// bare writing app (bench/bare-writer.ts: ack, one postgres.js INSERT, answer) on the same Postgres, interleaved
// in the same run. Three figures, each a ratio per run and the median over the runs of one invocation (the
// machine is shared, so only ratios of the same moment compare):
// - answer time p50 / p99 at 10 and at 50 req/s each (open loop: latency from the scheduled send time);
// - answered throughput: N notes from 50 clients that each send the next when the last is acknowledged, from the
//   first send to the last answer;
// - acknowledgement p99 at 100 req/s, LOKET's `note` against the ack-only Bolt app (bench/bare-bolt.ts).
// Prints the goals beside the figures and asserts nothing. `--profile` instead runs LOKET under `--cpu-prof`
// through a sustained burst of notes and prints where its CPU time went (bench/cpu-profile.ts).
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate, rowsOf } from '../db/migrate.js';
import { startFakeSlackApi, type FakeSlackApi } from '../test/support/fake-slack-api.js';
import { onScratchPostgres } from './bench-databases.js';
import { formatProfile, summariseProfile } from './cpu-profile.js';
import { ms, percentiles, ratio, rows, table, type Timings } from './measure.js';
import { seedProgramme, type Seeded } from './seed.js';
import { knowSeededPeople, postSlash, startBareBolt, startBareWriter, startLoket, type RunningServer, type SlashTarget } from './servers.js';

export interface AnswerOptions {
  /** Interleaved runs; each ratio is the median over them (at least five). */
  runs: number;
  /** Seconds of open loop per run at 10 and at 50 req/s, and of the acknowledgement phase at 100 req/s. */
  seconds10: number;
  seconds50: number;
  ackSeconds: number;
  /** Notes per server in the throughput phase, and its concurrent clients. */
  notes: number;
  concurrency: number;
  seedRows: number;
  /** How long to wait for the answers a phase is owed before counting them as missing. */
  answerTimeoutSeconds: number;
  log: (line: string) => void;
}

export interface AnswerRun {
  at10: { loket: Timings; bare: Timings; missing: { loket: number; bare: number } };
  at50: { loket: Timings; bare: Timings; missing: { loket: number; bare: number } };
  throughput: { loket: number; bare: number; timedOut: number };
  ack100: { loket: Timings; bare: Timings; errors: number };
  /** The same phase for a bare writer that stores before it acknowledges (the inbox's promise) against the
   *  ack-only app: how much of LOKET's ratio the promise itself costs on this machine. */
  ackStored: { storing: Timings; bare: Timings };
}

type Name = 'loket' | 'bare';
const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));
const median = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Every request the bench sent that expects an answer, and the answers the fake has seen (one each). */
class Answers {
  private cursor = 0;
  readonly answeredAt = new Map<string, number>();
  duplicates = 0;
  readonly sent = { loket: 0, bare: 0 };
  /** Requests not acknowledged with HTTP 200 (an error status or a broken connection), by id: Slack would
   *  retry them, so they are owed neither a stored row nor an answer. */
  readonly refused = new Set<string>();
  constructor(private readonly fake: FakeSlackApi) {}
  collect() {
    const all = this.fake.responses;
    for (; this.cursor < all.length; this.cursor++) {
      const r = all[this.cursor]!;
      if (this.answeredAt.has(r.id)) this.duplicates++;
      else this.answeredAt.set(r.id, r.receivedAt);
    }
  }
  /** Waits until each of `ids` is answered or `timeoutMs` passed; how many are still owed. */
  async wait(ids: string[], timeoutMs: number): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      this.collect();
      const owed = ids.filter((id) => !this.answeredAt.has(id)).length;
      if (owed === 0 || performance.now() > deadline) return owed;
      await sleep(20);
    }
  }
}

let sequence = 0;
const noteText = (cluster: string, id: string) => `note "${cluster}" Bänkanteckning ${id}: testbädden i Kiruna bokas via IRF, sex veckor i förväg.`;

interface Targets {
  loket: SlashTarget;
  bare: SlashTarget;
}

/** Open loop: both servers get `rate` notes per second for `seconds`, alternating which goes first; per server
 *  the answer times (answer received − scheduled send) and the acknowledgement times. */
async function openLoop(targets: Targets, answers: Answers, cluster: string, rate: number, seconds: number, timeoutMs: number, expectsAnswer: Record<Name, boolean>, labels: Record<Name, string> = { loket: 'loket', bare: 'bare' }) {
  const due = new Map<string, number>();
  const ids = { loket: [] as string[], bare: [] as string[] };
  const acks = { loket: [] as number[], bare: [] as number[] };
  let errors = 0;
  const pending: Promise<void>[] = [];
  const total = Math.max(1, Math.round(rate * seconds));
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const at = start + (i * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 1) await sleep(wait);
    const order: Name[] = i % 2 ? ['loket', 'bare'] : ['bare', 'loket'];
    for (const name of order) {
      const id = `answer-${labels[name]}-${++sequence}`;
      due.set(id, at);
      if (expectsAnswer[name]) {
        ids[name].push(id);
        answers.sent[name]++;
      }
      pending.push(
        postSlash(targets[name], noteText(cluster, id), id).then(
          (status) => {
            acks[name].push(performance.now() - at);
            if (status !== 200) {
              errors++;
              if (expectsAnswer[name]) answers.refused.add(id);
            }
          },
          () => {
            errors++;
            if (expectsAnswer[name]) answers.refused.add(id);
          },
        ),
      );
    }
  }
  await Promise.all(pending);
  const owed = { loket: await answers.wait(answered(ids.loket, answers), timeoutMs), bare: await answers.wait(answered(ids.bare, answers), timeoutMs) };
  // An answer still owed at the timeout counts as infinitely late, so it shows in the percentiles as '–'.
  const answerTimes = (name: Name) => answered(ids[name], answers).map((id) => (answers.answeredAt.get(id) ?? Number.POSITIVE_INFINITY) - due.get(id)!);
  return { answers: { loket: percentiles(answerTimes('loket')), bare: percentiles(answerTimes('bare')) }, acks: { loket: percentiles(acks.loket), bare: percentiles(acks.bare) }, owed, errors };
}

/** The ids among `ids` that were acknowledged, so are owed an answer. */
const answered = (ids: string[], answers: Answers) => ids.filter((id) => !answers.refused.has(id));

/** Closed loop on acknowledgements: `concurrency` clients send `notes` in all; answers per second from the first
 *  send to the last answer. When answers are still owed at the timeout, the answers that came per second until
 *  then (a lower bound), flagged. */
async function answeredThroughput(target: SlashTarget, name: Name, answers: Answers, cluster: string, notes: number, concurrency: number, timeoutMs: number): Promise<{ rate: number; timedOut: boolean }> {
  const ids: string[] = [];
  let next = 0;
  const client = async () => {
    while (next < notes) {
      next++;
      const id = `answer-${name}-${++sequence}`;
      ids.push(id);
      answers.sent[name]++;
      const status = await postSlash(target, noteText(cluster, id), id).catch(() => 0);
      if (status !== 200) answers.refused.add(id);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const owedIds = answered(ids, answers);
  const owed = await answers.wait(owedIds, timeoutMs);
  const times = owedIds.map((id) => answers.answeredAt.get(id)).filter((t): t is number => t !== undefined);
  const last = owed > 0 ? performance.now() : Math.max(...times);
  return { rate: times.length / ((last - started) / 1000), timedOut: owed > 0 };
}

/** A fake Slack that knows every seeded person, as a real workspace does: LOKET's name refresh after an answer
 *  (users.info for the sender and a few other people whose names are old) succeeds once each, as in production,
 *  instead of failing and being retried — and logged — on every command. */
async function startKnowingFake(db: Parameters<typeof migrate>[0], seeded: Seeded): Promise<FakeSlackApi> {
  const fake = await startFakeSlackApi();
  await knowSeededPeople(fake, db, seeded);
  return fake;
}

/** How often LOKET called each Web API method during the run, e.g. `users.info ×80`. */
function webApiCalls(fake: FakeSlackApi): string {
  const counts = new Map<string, number>();
  for (const call of fake.calls) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
  return [...counts].map(([method, n]) => `${method} ×${n}`).join(', ') || 'none';
}

function targetOf(server: RunningServer, seeded: Seeded, fake: FakeSlackApi): SlashTarget {
  return { base: server.base, teamId: seeded.workspaceId, userId: seeded.managerUserId, responseUrl: (id) => fake.responseUrl(id) };
}

export async function runAnswerBench(options: AnswerOptions): Promise<AnswerRun[] | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    options.log('  skipped: set DATABASE_URL to a Postgres server the benchmark may create a scratch database on');
    return undefined;
  }
  return onScratchPostgres(url, async (opened, _name, scratchUrl) => {
    await migrate(opened.db);
    const seeded = await seedProgramme(opened.db, { rows: options.seedRows });
    const cluster = seeded.clusterNames[0]!;
    const fake = await startKnowingFake(opened.db, seeded);
    const [loket, writer, ackOnly, storing] = await Promise.all([startLoket({ databaseUrl: scratchUrl, slackApiUrl: fake.url }), startBareWriter({ databaseUrl: scratchUrl }), startBareBolt(), startBareWriter({ databaseUrl: scratchUrl, storeBeforeAck: true })]);
    const answers = new Answers(fake);
    const timeoutMs = options.answerTimeoutSeconds * 1000;
    try {
      const writing = { loket: targetOf(loket, seeded, fake), bare: targetOf(writer, seeded, fake) };
      const acking = { loket: writing.loket, bare: targetOf(ackOnly, seeded, fake) };
      // The storing writer's answers carry ids of their own ('stored'), so they count as neither LOKET's nor the bare writer's.
      const storingFirst = { loket: targetOf(storing, seeded, fake), bare: acking.bare };
      const storingLabels = { loket: 'stored', bare: 'bare' };
      options.log(`  ${rows(seeded.rows)} rows seeded; \`note "${cluster}" …\` from the programme's manager; ${options.runs} interleaved runs`);
      // Warm-up: JIT, connection pools, prepared statements, the bare writer's table.
      await openLoop(writing, answers, cluster, 20, 1, timeoutMs, { loket: true, bare: true });
      const runs: AnswerRun[] = [];
      for (let run = 0; run < options.runs; run++) {
        const at10 = await openLoop(writing, answers, cluster, 10, options.seconds10, timeoutMs, { loket: true, bare: true });
        const at50 = await openLoop(writing, answers, cluster, 50, options.seconds50, timeoutMs, { loket: true, bare: true });
        const order: Name[] = run % 2 ? ['loket', 'bare'] : ['bare', 'loket'];
        const throughput = { loket: Number.NaN, bare: Number.NaN, timedOut: 0 };
        for (const name of order) {
          const result = await answeredThroughput(writing[name], name, answers, cluster, options.notes, options.concurrency, timeoutMs);
          throughput[name] = result.rate;
          if (result.timedOut) throughput.timedOut++;
        }
        // LOKET's notes are answered after this phase (waited for, not timed); the ack-only app never answers.
        const ack = await openLoop(acking, answers, cluster, 100, options.ackSeconds, timeoutMs, { loket: true, bare: false });
        const ackStored = await openLoop(storingFirst, answers, cluster, 100, options.ackSeconds, timeoutMs, { loket: false, bare: false }, storingLabels);
        runs.push({
          at10: { loket: at10.answers.loket, bare: at10.answers.bare, missing: at10.owed },
          at50: { loket: at50.answers.loket, bare: at50.answers.bare, missing: at50.owed },
          throughput,
          ack100: { loket: ack.acks.loket, bare: ack.acks.bare, errors: at10.errors + at50.errors + ack.errors },
          ackStored: { storing: ackStored.acks.loket, bare: ackStored.acks.bare },
        });
        const r = runs[runs.length - 1]!;
        options.log(`    run ${run + 1}: answer p99 at 10 req/s ${ratio(r.at10.loket.p99, r.at10.bare.p99)}, at 50 ${ratio(r.at50.loket.p99, r.at50.bare.p99)}; throughput ${ratio(r.throughput.loket, r.throughput.bare)}; ack p99 at 100 ${ratio(r.ack100.loket.p99, r.ack100.bare.p99)} (storing bare app ${ratio(r.ackStored.storing.p99, r.ackStored.bare.p99)})${r.ack100.errors ? `; ${r.ack100.errors} errors` : ''}`);
      }
      printRuns(runs, options);
      await verify(opened.db, seeded, answers, timeoutMs, options.log);
      options.log(`  Web API calls LOKET made besides the answers: ${webApiCalls(fake)}`);
      return runs;
    } finally {
      await Promise.all([loket.stop(), writer.stop(), ackOnly.stop(), storing.stop()]);
      await fake.close();
    }
  });
}

function printRuns(runs: AnswerRun[], options: AnswerOptions) {
  const med = (pick: (r: AnswerRun) => number) => median(runs.map(pick));
  const spread = (pick: (r: AnswerRun) => number) => {
    const values = runs.map(pick).filter(Number.isFinite);
    return values.length ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}×` : '–';
  };
  const ratioOf = (pick: (r: AnswerRun) => [number, number]) => (r: AnswerRun) => {
    const [ours, floor] = pick(r);
    return Number.isFinite(ours) && floor > 0 ? ours / floor : Number.POSITIVE_INFINITY;
  };
  const times = (label: string, at: 'at10' | 'at50', goal: string) => {
    const p99 = ratioOf((r) => [r[at].loket.p99, r[at].bare.p99]);
    const missing = runs.reduce((n, r) => n + r[at].missing.loket, 0);
    return [label, `${ms(med((r) => r[at].loket.median))} / ${ms(med((r) => r[at].loket.p99))}${missing ? ` (${missing} unanswered)` : ''}`, `${ms(med((r) => r[at].bare.median))} / ${ms(med((r) => r[at].bare.p99))}`, `${med(p99).toFixed(2)}× at p99`, spread(p99), goal];
  };
  const tput = ratioOf((r) => [r.throughput.loket, r.throughput.bare]);
  const timedOut = runs.reduce((n, r) => n + r.throughput.timedOut, 0);
  const ack = ratioOf((r) => [r.ack100.loket.p99, r.ack100.bare.p99]);
  const ackStored = ratioOf((r) => [r.ackStored.storing.p99, r.ackStored.bare.p99]);
  options.log(table(
    ['measure (median of runs)', 'LOKET', 'bare', 'ratio', 'runs', 'goal'],
    [
      times('answer time p50 / p99 at 10 req/s', 'at10', '≤ 3× at p99'),
      times('answer time p50 / p99 at 50 req/s', 'at50', '≤ 3× at p99'),
      [`answered throughput, ${rows(options.notes)} notes from ${options.concurrency} clients`, `${med((r) => r.throughput.loket).toFixed(0)} answers/s${timedOut ? ` (${timedOut} timed out: lower bound)` : ''}`, `${med((r) => r.throughput.bare).toFixed(0)} answers/s`, `${med(tput).toFixed(2)}×`, spread(tput), '≥ 0.5×'],
      ['ack p99 at 100 req/s (vs ack-only Bolt)', ms(med((r) => r.ack100.loket.p99)), ms(med((r) => r.ack100.bare.p99)), `${med(ack).toFixed(2)}×`, spread(ack), '≤ 1.5×'],
      ['  floor: a bare app that stores before it acks', ms(med((r) => r.ackStored.storing.p99)), ms(med((r) => r.ackStored.bare.p99)), `${med(ackStored).toFixed(2)}×`, spread(ackStored), '–'],
    ],
  ));
}

/** Every note LOKET was sent is stored once and answered once; the bare writer's rows likewise. */
async function verify(db: Parameters<typeof migrate>[0], seeded: Seeded, answers: Answers, timeoutMs: number, log: (line: string) => void) {
  // Whatever is still owed (the last acknowledgement phase) gets its chance to arrive.
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    answers.collect();
    if (countAnswered(answers, 'loket') >= answers.sent.loket - countRefused(answers, 'loket')) break;
    await sleep(100);
  }
  const stored = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from notes where programme_id = ${seeded.programmeId} and text like 'Bänkanteckning answer-loket-%'`))[0]!.n;
  const bareStored = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from bench_notes`))[0]!.n;
  const loketAnswered = countAnswered(answers, 'loket');
  const bareAnswered = countAnswered(answers, 'bare');
  const acked = answers.sent.loket - countRefused(answers, 'loket');
  // Acknowledged means stored and answered once; a request not acknowledged may or may not have been stored
  // (Slack would retry it, and the delivery key keeps the retry from acting twice).
  const ok = stored >= acked && stored <= answers.sent.loket && loketAnswered === stored && answers.duplicates === 0;
  log(`  ${ok ? 'checked' : 'CHECK FAILED'}: LOKET was sent ${rows(answers.sent.loket)} notes and acknowledged ${rows(acked)}, stored ${rows(stored)} and answered ${rows(loketAnswered)}; the bare writer acknowledged ${rows(answers.sent.bare - countRefused(answers, 'bare'))} of ${rows(answers.sent.bare)}, stored ${rows(bareStored)} and answered ${rows(bareAnswered)}; ${answers.duplicates} answers came twice`);
}

function countRefused(answers: Answers, name: Name): number {
  let n = 0;
  for (const id of answers.refused) if (id.startsWith(`answer-${name}-`)) n++;
  return n;
}

function countAnswered(answers: Answers, name: Name): number {
  let n = 0;
  for (const id of answers.answeredAt.keys()) if (id.startsWith(`answer-${name}-`)) n++;
  return n;
}

/** `--profile`: LOKET under `node --cpu-prof` through a warm-up and then a sustained burst of `notes` notes from
 *  `concurrency` clients; after SIGTERM (a clean exit writes the profile) the self time of the burst's samples
 *  per function and per package or folder. */
export async function runAnswerProfile(options: { notes: number; concurrency: number; seedRows: number; log: (line: string) => void }): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    options.log('  skipped: set DATABASE_URL to a Postgres server the benchmark may create a scratch database on');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'loket-cpu-prof-'));
  try {
    await onScratchPostgres(url, async (opened, _name, scratchUrl) => {
      await migrate(opened.db);
      const seeded = await seedProgramme(opened.db, { rows: options.seedRows });
      const cluster = seeded.clusterNames[0]!;
      const fake = await startKnowingFake(opened.db, seeded);
      const loket = await startLoket({ databaseUrl: scratchUrl, slackApiUrl: fake.url, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
      const answers = new Answers(fake);
      try {
        const target = targetOf(loket, seeded, fake);
        await answeredThroughput(target, 'loket', answers, cluster, 200, options.concurrency, 60_000);
        const before = await databaseWork(opened.db);
        const fromUs = Number(process.hrtime.bigint() / 1000n);
        const burst = await answeredThroughput(target, 'loket', answers, cluster, options.notes, options.concurrency, 120_000);
        const toUs = Number(process.hrtime.bigint() / 1000n);
        options.log(`  burst: ${rows(options.notes)} notes from ${options.concurrency} clients, ${burst.rate.toFixed(0)} answers/s${burst.timedOut ? ' (answers still owed after 120 s)' : ''}, ${((toUs - fromUs) / 1e6).toFixed(1)} s`);
        // The statistics collector reports other sessions' counts within a second or so.
        await sleep(1500);
        const after = await databaseWork(opened.db);
        const per = (key: keyof typeof after) => ((after[key] - before[key]) / options.notes).toFixed(1);
        options.log(`  per note, from pg_stat_database: ${per('commits')} transactions committed, ${per('inserted')} rows inserted, ${per('updated')} updated, ${per('deleted')} deleted, ${per('returned')} rows returned by reads`);
        await loket.stop();
        options.log(`  Web API calls LOKET made besides the answers: ${webApiCalls(fake)}`);
        const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
        if (!file) {
          options.log('  no .cpuprofile was written (LOKET did not exit cleanly on SIGTERM)');
          return;
        }
        // Kept for a closer look (Chrome DevTools, speedscope) or `npx tsx bench/cpu-profile.ts <file>`.
        const kept = join(tmpdir(), 'loket-note-burst.cpuprofile');
        copyFileSync(join(dir, file), kept);
        options.log(`  profile kept at ${kept}`);
        options.log(formatProfile(summariseProfile(kept, { root: process.cwd(), fromUs, toUs, top: 25 })));
      } finally {
        await loket.stop();
        await fake.close();
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scratch database's cumulative work (pg_stat_database): committed transactions and rows written and read. */
async function databaseWork(db: Parameters<typeof migrate>[0]) {
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  const [row] = rowsOf<{ commits: string; inserted: string; updated: string; deleted: string; returned: string }>(await db.execute(sql`select xact_commit as commits, tup_inserted as inserted, tup_updated as updated, tup_deleted as deleted, tup_returned as returned from pg_stat_database where datname = current_database()`));
  return { commits: Number(row!.commits), inserted: Number(row!.inserted), updated: Number(row!.updated), deleted: Number(row!.deleted), returned: Number(row!.returned) };
}

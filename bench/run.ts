// `npm run bench` (quick, about three minutes on a quiet machine) and `npm run bench -- --full`: every benchmark in one run,
// loopback only, each bounded in time and count. Server and scale figures need DATABASE_URL (a Postgres
// server the run may create and drop scratch databases on); without it they are skipped and say so.
// Prints figures; asserts nothing (CI runs the quick version only to see that it completes).
import { cpus, totalmem } from 'node:os';
import { runAckBench } from './ack.bench.js';
import { runAnswerBench, runAnswerProfile } from './answer.bench.js';
import { runCoreCpu } from './core-cpu.js';
import { runDigestBench } from './digest.bench.js';
import { runScaleBench } from './scale.bench.js';

const full = process.argv.includes('--full');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const log = (line: string) => console.log(line);
const wanted = (name: string) => !only || only.includes(name);

const plan = full
  ? { answer: { runs: 7, seconds10: 10, seconds50: 6, ackSeconds: 5, notes: 1000, concurrency: 50, seedRows: 100_000, answerTimeoutSeconds: 120 }, ack: { rates: [10, 100, 300], seconds: 10, concurrency: 50, closedSeconds: 10, drainSeconds: 120, seedRows: 100_000 }, scale: { sizes: [10_000, 100_000, 1_000_000], pgliteSizes: [10_000, 100_000], runs: 50, explain: true }, digest: { channels: 1000, timeBudgetMs: 10 * 60_000 } }
  : { answer: { runs: 5, seconds10: 2, seconds50: 1, ackSeconds: 1, notes: 200, concurrency: 50, seedRows: 10_000, answerTimeoutSeconds: 30 }, ack: { rates: [10, 100, 300], seconds: 2, concurrency: 50, closedSeconds: 3, drainSeconds: 15, seedRows: 10_000 }, scale: { sizes: [10_000, 100_000], pgliteSizes: [10_000], runs: 20, explain: false }, digest: { channels: 200, timeBudgetMs: 60_000 } };

// `--sizes=10000,1000000` and `--runs=10` narrow the scale part (e.g. a million rows alone); PGlite keeps its
// sizes below 100k.
const sizes = process.argv.find((arg) => arg.startsWith('--sizes='))?.slice('--sizes='.length).split(',').map(Number);
const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length)) || undefined;
// `--smoke` (CI): every part once and short, to see that it still runs; its figures are not the quick run's
// (one answer run instead of the median of five) and are labelled so.
const smoke = !full && process.argv.includes('--smoke');
if (smoke) {
  plan.answer = { ...plan.answer, runs: 1, notes: 100 };
  plan.ack = { ...plan.ack, rates: [10, 100], drainSeconds: 10 };
  plan.scale = { ...plan.scale, sizes: [10_000], runs: 10 };
  plan.digest = { ...plan.digest, channels: 100 };
}
if (sizes) plan.scale = { ...plan.scale, sizes, pgliteSizes: plan.scale.pgliteSizes.filter((n) => sizes.includes(n)) };
if (runs) plan.scale = { ...plan.scale, runs };

const started = performance.now();
// Every part is bounded on its own; this is the backstop that keeps a stuck part (a child process that will not
// stop, a connection that never closes) from holding CI for its whole time budget.
const watchdogMinutes = full ? 90 : 10;
setTimeout(() => {
  console.error(`bench: still running after ${watchdogMinutes} minutes; stopping`);
  process.exit(1);
}, watchdogMinutes * 60_000).unref();
log(`LOKET benchmarks (${full ? 'full' : smoke ? 'smoke: one short run of each part, not figures to quote' : 'quick'}) — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
// `--profile`: only the CPU profile of LOKET through a sustained burst of notes (issue 21), nothing else.
if (process.argv.includes('--profile')) {
  log('\n# CPU profile of LOKET through a burst of signed /loket note (self time of the burst\'s samples)');
  await runAnswerProfile({ notes: full ? 5000 : 2000, concurrency: 50, seedRows: plan.answer.seedRows, log });
  log('\n# CPU per note through the core alone (no HTTP, Bolt, inbox or answer POST), one note after another');
  await runCoreCpu({ notes: 1000, rounds: 5, seedRows: plan.answer.seedRows, log });
  log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  process.exit(0);
}
if (wanted('answer')) {
  log('\n# Answer: what a user waits for — signed /loket note against a bare writing app (ack, one INSERT, answer), interleaved');
  await runAnswerBench({ ...plan.answer, log });
}
if (wanted('ack')) {
  log('\n# Acknowledgement: LOKET against a bare Bolt app (signed /loket help and status, interleaved)');
  await runAckBench({ ...plan.ack, log });
}
if (wanted('scale')) {
  log('\n# Database scale: status, status <cluster>, search, actions mine through the core, against hand-written SQL');
  await runScaleBench({ ...plan.scale, log });
}
if (wanted('digest')) {
  log('\n# Weekly digest fan-out under Slack rate limits');
  await runDigestBench({ ...plan.digest, log });
}
log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s.`);

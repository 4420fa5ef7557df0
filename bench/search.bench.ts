// Search latency on a large programme: `npx tsx bench/search.bench.ts [--full]`.
// Seeds 10 000 meetings (100 000 with --full), each with decisions and action items, into a fresh in-memory
// PGlite and, when DATABASE_URL is set, into a scratch database on that server (dropped afterwards); then
// runs the search repository exactly as `search` does and prints median and p95. Prints; asserts nothing.
import type { OpenedDatabase } from '../db/client.js';
import { onEachDatabase } from './bench-databases.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';
import { seedProgramme } from './search-seed.js';

const full = process.argv.includes('--full');
const MEETINGS = full ? 100_000 : 10_000;
const QUERIES = 200;
const WARMUP = 20;
// Bounds the run: seeding stops where it got to after this long, and the figures say how far that was.
const SEED_BUDGET_MS = (full ? 20 : 5) * 60_000;
// Common programme words (thousands of hits at 100 000 meetings) and long-tail names (a few hundred).
const SEARCHES = ['möte', 'mötet', 'beslut', 'testbädd', 'Kiruna', 'Vinnova ansökan', '"testbädden i Kiruna"', 'budget -rymdbasen', 'kompetensförsörjning', 'besöksnäring Luleå', 'fordonstester vinter', 'drönare', 'ESA', 'styrgrupp', 'elflyg vätgas', 'digitalisering or hållbarhet', 'skogsmaskiner Umeå', 'ovanligtordsomintefinns', 'Tillväxtverket', 'satellitdata Kiruna'];
const NAMES = ['Sjöqvist', 'Åkerlund', 'Granström', 'Östberg', 'Höglund', 'Björkman', 'Lindgren', 'Askholm', 'Wikvall', 'Forsblad'];

const log = (line: string) => console.log(line);

/** Runs QUERIES searches cycling through `searches`, through the same repository calls as `search`. */
async function measure(db: Database, programmeId: string, searches: string[]) {
  const { search } = createRepositories(db);
  const timings: number[] = [];
  const slowest = new Map<string, { ms: number; total: number }>();
  let hits = 0;
  for (let i = 0; i < WARMUP + QUERIES; i++) {
    const words = searches[i % searches.length]!;
    const started = performance.now();
    const { query } = await search.toQuery(words);
    const result = query ? await search.search({ programmeId, query, timezone: 'Europe/Stockholm', limit: 10 }) : { total: 0 };
    const ms = performance.now() - started;
    if (i < WARMUP) continue;
    timings.push(ms);
    hits += result.total;
    if (ms > (slowest.get(words)?.ms ?? 0)) slowest.set(words, { ms, total: result.total });
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
  const worst = [...slowest].sort((a, b) => b[1].ms - a[1].ms).slice(0, 2).map(([w, q]) => `${w}: ${q.total} hits, ${q.ms.toFixed(0)} ms`);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; mean ${Math.round(hits / QUERIES)} hits; slowest ${worst.join(' / ')}`;
}

async function run(label: string, opened: OpenedDatabase) {
  log(`\n${label}: migrating and seeding ${MEETINGS.toLocaleString('sv-SE')} meetings …`);
  await migrate(opened.db);
  const seeded = await seedProgramme(opened.db, MEETINGS, SEED_BUDGET_MS, log);
  const rows = seeded.meetings * 6 + Math.floor(seeded.meetings / 5);
  log(`  ${seeded.meetings.toLocaleString('sv-SE')} meetings, ~${rows.toLocaleString('sv-SE')} searchable rows, seeded in ${seeded.seconds.toFixed(0)} s`);
  log(`  ${QUERIES} searches, common words: ${await measure(opened.db, seeded.programmeId, SEARCHES)}`);
  log(`  ${QUERIES} searches, names:        ${await measure(opened.db, seeded.programmeId, NAMES)}`);
}

await onEachDatabase(run, log);

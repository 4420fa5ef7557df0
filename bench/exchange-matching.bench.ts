// Peer-exchange matching at scale: `npx tsx bench/exchange-matching.bench.ts [needs] [offers]`.
// Seeds one programme with 10 000 open offers and 1 000 needs (Swedish and English topics, tags, 60
// clusters in 8 sectors, 600 people in 40 organisations) with set-based inserts into an in-memory PGlite
// and, when DATABASE_URL or TEST_DATABASE_URL is set, a scratch database on that server (dropped
// afterwards); then matches every need the way `exchange need` does (exchanges.matchOffers, best three)
// and prints the total time, median and p95 per need. Prints; asserts nothing. Bounded: matching stops
// after MATCH_BUDGET_MS per database and the figures say how far it got.
import type { OpenedDatabase } from '../db/client.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';
import { clusters, exchangePosts, organisations, people } from '../db/schema/index.js';
import { onPglite, onScratchPostgres } from './bench-databases.js';

const NEEDS = Number(process.argv[2] ?? 1_000);
const OFFERS = Number(process.argv[3] ?? 10_000);
const CLUSTERS = 60;
const PEOPLE = 600;
const ORGANISATIONS = 40;
const MATCH_BUDGET_MS = 5 * 60_000;
const CHUNK = 1_000;

const SECTORS = ['space', 'forest', 'tourism', 'vehicles', 'food', 'energy', 'mining', 'health'];
const TAGS = ['member recruitment', 'financing', 'eu projects', 'board work', 'communication', 'internationalisation', 'analysis', 'events'];
const PHRASES = [
  'Interreg-ansökningar med mallar och budget', 'medlemsrekrytering via frukostmöten', 'styrelsearbete och valberedning', 'nyhetsbrev och sociala medier',
  'konferenser med 300 deltagare', 'finansiering från Vinnova och regionen', 'Horizon Europe consortium building', 'study trips to trade fairs in Germany',
  'cluster mapping with regional statistics', 'testbäddar för fordon i vinterklimat', 'hållbarhetsanalys för små företag', 'exportfrämjande och internationella partnerskap',
  'kompetensförsörjning och utbildningar', 'digitalisering av besöksnäringen', 'drönare och satellitdata', 'upphandling av konsulttjänster',
];
const OPENERS = ['Vi behöver hjälp med', 'Hur gör man', 'Erfarenhet av', 'Vi har arbetat med', 'We can share', 'Looking for advice on', 'Vi delar gärna'];

const log = (line: string) => console.log(line);
// A fixed-seed generator, so every run and both databases get the same programme.
let state = 42;
const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

async function seed(db: Database) {
  state = 42;
  const { programme } = await createRepositories(db).programmes.create(`Exchange bench ${Date.now()}`);
  const programmeId = programme.id;
  const orgs = await db.insert(organisations).values(Array.from({ length: ORGANISATIONS }, (_, i) => ({ programmeId, orgNumber: orgNumber(i), name: `Organisation ${i}`, helixType: 'company' as const }))).returning({ id: organisations.id });
  const clusterRows = await db.insert(clusters).values(Array.from({ length: CLUSTERS }, (_, i) => ({ programmeId, name: `Kluster ${i}`, sector: SECTORS[i % SECTORS.length]! }))).returning({ id: clusters.id });
  const persons = await db
    .insert(people)
    .values(Array.from({ length: PEOPLE }, (_, i) => ({ programmeId, platform: 'slack' as const, workspaceExternalId: 'TBENCH', userId: `U${i}`, displayName: `Person ${i}`, organisationId: orgs[i % ORGANISATIONS]!.id })))
    .returning({ id: people.id });
  const post = (kind: 'need' | 'offer', i: number) => {
    const person = i % PEOPLE;
    return { programmeId, kind, personId: persons[person]!.id, clusterId: clusterRows[person % CLUSTERS]!.id, topic: `${pick(OPENERS)} ${pick(PHRASES)}`, tags: random() < 0.6 ? pick(TAGS) : '', createdAt: new Date() };
  };
  for (let i = 0; i < OFFERS; i += CHUNK) await db.insert(exchangePosts).values(Array.from({ length: Math.min(CHUNK, OFFERS - i) }, (_, j) => post('offer', i + j)));
  const needIds: { id: string }[] = [];
  for (let i = 0; i < NEEDS; i += CHUNK) needIds.push(...(await db.insert(exchangePosts).values(Array.from({ length: Math.min(CHUNK, NEEDS - i) }, (_, j) => post('need', i + j))).returning({ id: exchangePosts.id })));
  return { programmeId, needIds: needIds.map((n) => n.id) };
}

// Matching reads only whether two organisations differ, so any distinct key will do.
const orgNumber = (i: number) => `bench-${i}`;

async function run(label: string, opened: OpenedDatabase) {
  log(`\n${label}: seeding ${OFFERS.toLocaleString('sv-SE')} offers and ${NEEDS.toLocaleString('sv-SE')} needs …`);
  await migrate(opened.db);
  const seedStart = performance.now();
  const { programmeId, needIds } = await seed(opened.db);
  log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const { exchanges } = createRepositories(opened.db);
  const now = new Date();
  const window = { now, windowStart: new Date(now.getTime() - 183 * 24 * 60 * 60 * 1000), today: now.toISOString().slice(0, 10) };
  const timings: number[] = [];
  let proposals = 0;
  const started = performance.now();
  for (const needId of needIds) {
    if (performance.now() - started > MATCH_BUDGET_MS) break;
    const t0 = performance.now();
    const { matches } = await exchanges.matchOffers({ programmeId, needId, ...window, limit: 3 });
    timings.push(performance.now() - t0);
    proposals += matches.length;
  }
  const total = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
  const projected = (total * needIds.length) / timings.length;
  const done = timings.length === needIds.length ? 'all' : `only ${timings.length} (time budget reached; all ${needIds.length} would take ~${projected.toFixed(0)} s)`;
  log(`  matched ${done} of ${needIds.length} needs against ${OFFERS.toLocaleString('sv-SE')} offers in ${total.toFixed(1)} s: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms per need; ${(proposals / timings.length).toFixed(2)} offers proposed per need`);
}

await onPglite((opened) => run('PGlite (in memory)', opened));
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) await onScratchPostgres(url, (opened, name) => run(`Postgres (scratch database ${name})`, opened));
else log('\nPostgres: skipped (set DATABASE_URL or TEST_DATABASE_URL to measure it too)');

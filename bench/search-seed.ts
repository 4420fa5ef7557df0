// Bulk seeding for the search benchmark: meetings with clusters, decisions, action items and notes, made in
// SQL with generate_series so the database (not the Node loop) does the work, in batches so progress shows
// and no transaction grows unbounded. Texts are drawn from Swedish programme vocabulary so the stemmer,
// the GIN indexes and ts_rank see realistic word frequencies.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { createRepositories } from '../db/repositories.js';

const words = (list: string) => sql.raw(`array['${list.split(' ').join("','")}']`);
const pick = (array: SQL) => sql`(${array})[1 + floor(random() * array_length(${array}, 1))::int]`;

const TITLES = words('Styrgruppsmöte Klustermöte Workshop Nätverksträff Studieresa Utbildning Medlemsmöte Avstämning Möte Uppstartsmöte');
const TOPICS = words('testbädden ansökan budgeten kompetensförsörjning rymdbasen drönare vätgas elflyg besöksnäringen skogsmaskiner vintertester fordonstester hållbarhet digitalisering exportfrämjande innovationsstödet mötet mötena rekrytering satellitdata');
const PLACES = words('Kiruna Luleå Umeå Skellefteå Piteå Boden Arvidsjaur Gällivare Jokkmokk Haparanda Stockholm Bryssel');
const VERBS = words('beslutade diskuterade föreslog godkände sköt_upp prioriterade utredde bokade planerade presenterade');
const PARTNERS = words('Vinnova ESA IRF LTU Region_Norrbotten Tillväxtverket Business_Sweden RISE SSC Almi');
// Surnames from two syllables (400 of them) make a long tail, like the contacts and names real notes hold.
const FIRST = words('Berg Lind Ek Sjö Holm Ny Ström Dahl Sand Wik Lund Fors Åker Hög Björk Gran Al Ask Hammar Öst');
const SECOND = words('ström berg lund qvist gren dahl man borg holm vall sten blad kvist mark by hed löf näs rot å');
const KINDS = words('cluster network board study-trip workshop training member external');

const phrase = sql`${pick(PARTNERS)} || ' ' || replace(${pick(VERBS)}, '_', ' ') || ' ' || ${pick(TOPICS)} || ' i ' || ${pick(PLACES)} || ' med ' || replace(${pick(PARTNERS)}, '_', ' ') || ' inför ' || ${pick(TOPICS)}`;

const surname = sql`${pick(FIRST)} || ${pick(SECOND)}`;

export interface Seeded {
  programmeId: string;
  meetings: number;
  seconds: number;
}

/** Seeds up to `target` meetings in a fresh programme; stops early (and says how far it got) after `budgetMs`. */
export async function seedProgramme(db: Database, target: number, budgetMs: number, log: (line: string) => void): Promise<Seeded> {
  const started = performance.now();
  const repos = createRepositories(db);
  const { programme } = await repos.programmes.create(`Bench ${new Date().toISOString()}`);
  const p = programme.id;
  const { person } = await repos.people.upsert({ programmeId: p, platform: 'console', workspaceExternalId: 'local', userId: 'bench' }, 'Bench', new Date());
  const clusterIds: string[] = [];
  for (const name of ['Rymd', 'Skog', 'Turism', 'Fordon', 'Energi', 'Livsmedel', 'Gruv', 'Digital']) {
    clusterIds.push((await repos.clusters.create({ programmeId: p, name, sector: name.toLowerCase(), at: new Date() })).cluster!.id);
  }
  await db.execute(sql`select setseed(0.42)`);
  const batch = Math.min(10_000, target);
  let done = 0;
  while (done < target && performance.now() - started < budgetMs) {
    const from = done + 1;
    const to = Math.min(done + batch, target);
    await db.transaction((tx) => seedBatch(tx, p, person.id, clusterIds, from, to));
    done = to;
    log(`  seeded ${done.toLocaleString('sv-SE')} meetings (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.execute(sql`insert into programme_counters (programme_id, kind, next) values (${p}, 'M', ${done + 1}), (${p}, 'A', ${2 * done + 1}), (${p}, 'N', ${Math.floor(done / 5) + 1})`);
  // Fresh statistics, as autovacuum would have gathered them in a database that grew over years.
  for (const table of ['meetings', 'meeting_clusters', 'decisions', 'action_items', 'notes']) await db.execute(sql.raw(`vacuum analyze ${table}`));
  return { programmeId: p, meetings: done, seconds: (performance.now() - started) / 1000 };
}

/** Meetings from..to, each with 1–2 clusters, 3 decisions and 2 action items; every fifth meeting adds a cluster note. */
async function seedBatch(db: Database, p: string, author: string, clusterIds: string[], from: number, to: number) {
  const clusters = sql.raw(`array['${clusterIds.join("','")}']::uuid[]`);
  await db.execute(sql`insert into meetings (programme_id, number, title, held_on, kind, author_id)
    select ${p}::uuid, n, ${pick(TITLES)} || ' om ' || ${pick(TOPICS)} || ' i ' || ${pick(PLACES)}, date '2019-01-01' + (random() * 2600)::int, ${pick(KINDS)}, ${author}::uuid
    from generate_series(${from}::int, ${to}::int) n`);
  const batch = sql`m.programme_id = ${p} and m.number between ${from} and ${to}`;
  await db.execute(sql`insert into meeting_clusters (programme_id, meeting_id, cluster_id)
    select ${p}::uuid, m.id, (${clusters})[1 + m.number % 8] from meetings m where ${batch}
    union select ${p}::uuid, m.id, (${clusters})[1 + (m.number / 4) % 8] from meetings m where ${batch} and m.number % 4 = 0`);
  await db.execute(sql`insert into decisions (programme_id, meeting_id, position, text)
    select ${p}::uuid, m.id, k, ${phrase} || case when k = 0 then ' enligt ' || ${surname} else '' end
    from meetings m cross join generate_series(0, 2) k where ${batch}`);
  await db.execute(sql`insert into action_items (programme_id, number, meeting_id, owner_id, text, due_on, done_at)
    select ${p}::uuid, (m.number - 1) * 2 + k + 1, m.id, ${author}::uuid, ${phrase}, m.held_on + 14, case when random() < 0.7 then now() end
    from meetings m cross join generate_series(0, 1) k where ${batch}`);
  await db.execute(sql`insert into notes (programme_id, number, cluster_id, author_id, text)
    select ${p}::uuid, m.number / 5, (${clusters})[1 + m.number % 8], ${author}::uuid, ${phrase} || '. Kontakt: ' || ${surname} || '. ' || ${phrase}
    from meetings m where ${batch} and m.number % 5 = 0`);
}

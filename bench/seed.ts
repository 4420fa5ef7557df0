// The one data seeder every benchmark uses: a programme with clusters, people, organisations, meetings
// (clusters, participants, organisations, decisions, action items), cluster notes, weekly progress notes and
// development plans, sized by a total row count. Set-based INSERT … SELECT over generate_series in batches,
// so a million rows take seconds rather than a million round trips and the database, not the Node loop, does
// the work. Texts come from Swedish programme vocabulary, so the stemmer, the GIN indexes and ts_rank see
// realistic word frequencies; dates spread over the programme's years up to today, as in a running programme.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';

export interface SeedOptions {
  /** Total rows to aim for across the seeded tables (within a few per cent). */
  rows: number;
  /** Years of history up to today (the programme runs three). */
  years?: number;
  /** Stops seeding meetings after this long and reports how far it got, so a run stays bounded. */
  budgetMs?: number;
  log?: (line: string) => void;
}

export interface Seeded {
  programmeId: string;
  /** The Slack team id (workspace external id) the seeded people write from. */
  workspaceId: string;
  /** Slack user ids: the project manager, and the leader of the first cluster (owns action items). */
  managerUserId: string;
  leaderUserId: string;
  clusterNames: string[];
  meetings: number;
  rows: number;
  seconds: number;
}

// Rows one meeting brings: itself, 1.25 cluster links, 6 participants, 2 organisations, 2 decisions,
// 2 action items and a fifth of a note; progress notes and plans are per cluster.
const ROWS_PER_MEETING = 14.45;
const PEOPLE_PER_CLUSTER = 10;
const ORGS = 1000;
const BATCH = 10_000;

const words = (list: string) => sql.raw(`array['${list.split(' ').join("','")}']`);
const pick = (array: SQL) => sql`(${array})[1 + floor(random() * array_length(${array}, 1))::int]`;
const TITLES = words('Styrgruppsmöte Klustermöte Workshop Nätverksträff Studieresa Utbildning Medlemsmöte Avstämning Möte Uppstartsmöte');
const TOPICS = words('testbädden ansökan budgeten kompetensförsörjning rymdbasen drönare vätgas elflyg besöksnäringen skogsmaskiner vintertester fordonstester hållbarhet digitalisering exportfrämjande innovationsstödet mötet mötena rekrytering satellitdata');
const PLACES = words('Kiruna Luleå Umeå Skellefteå Piteå Boden Arvidsjaur Gällivare Jokkmokk Haparanda Stockholm Bryssel');
const VERBS = words('beslutade diskuterade föreslog godkände sköt_upp prioriterade utredde bokade planerade presenterade');
const PARTNERS = words('Vinnova ESA IRF LTU Region_Norrbotten Tillväxtverket Business_Sweden RISE SSC Almi');
// Surnames from two syllables (400 of them) make a long tail, like the contacts real notes hold.
const FIRST = words('Berg Lind Ek Sjö Holm Ny Ström Dahl Sand Wik Lund Fors Åker Hög Björk Gran Al Ask Hammar Öst');
const SECOND = words('ström berg lund qvist gren dahl man borg holm vall sten blad kvist mark by hed löf näs rot å');
const KINDS = words('cluster network board study-trip workshop training member external');
const phrase = sql`${pick(PARTNERS)} || ' ' || replace(${pick(VERBS)}, '_', ' ') || ' ' || ${pick(TOPICS)} || ' i ' || ${pick(PLACES)} || ' med ' || replace(${pick(PARTNERS)}, '_', ' ') || ' inför ' || ${pick(TOPICS)}`;
const surname = sql`${pick(FIRST)} || ${pick(SECOND)}`;
/** A timestamp `days` after `day` at noon, never later than now: when a record of that day was written. */
const writtenAfter = (day: SQL, days: number | SQL) => sql`least(now(), (${day} + (${days})::int)::timestamp + interval '12 hours')`;

/** Clusters grow with the programme's size: 8 for small seeds, 40 at a million rows. */
export function clustersFor(rows: number): number {
  return Math.max(8, Math.round(Math.sqrt(rows) / 25));
}

export async function seedProgramme(db: Database, options: SeedOptions): Promise<Seeded> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const years = options.years ?? 3;
  const C = clustersFor(options.rows);
  const P = C * PEOPLE_PER_CLUSTER;
  const fixedRows = ORGS + P + C * (1 + PEOPLE_PER_CLUSTER + years * 52 + 5 + 20 + years);
  const target = Math.max(100, Math.round((options.rows - fixedRows) / ROWS_PER_MEETING));
  const repos = createRepositories(db);
  const { programme } = await repos.programmes.create(`Bench ${new Date().toISOString()} ${Math.random().toString(36).slice(2, 6)}`);
  const p = programme.id;
  const teamId = `TBENCH${p.slice(0, 6).toUpperCase()}`;
  const { workspace } = await repos.workspaces.ensure('slack', teamId);
  await repos.workspaces.connect(workspace.id, p, new Date());
  const { person: pm } = await repos.people.upsert({ programmeId: p, platform: 'slack', workspaceExternalId: teamId, userId: 'UPM' }, 'Petra Projektledare', new Date());
  await repos.programmeRoles.grant(p, pm.id, 'manager', null, new Date());
  await db.execute(sql`select setseed(0.42)`);
  await seedPeopleAndClusters(db, { p, teamId, C, P });
  const rangeDays = years * 365;
  let done = 0;
  while (done < target && performance.now() - started < (options.budgetMs ?? Number.POSITIVE_INFINITY)) {
    const to = Math.min(done + BATCH, target);
    await db.transaction((tx) => seedMeetings(tx, { p, author: pm.id, C, P, from: done + 1, to, rangeDays }));
    done = to;
    if (target > BATCH) log(`    meetings ${done.toLocaleString('sv-SE')} / ${target.toLocaleString('sv-SE')} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await seedWeeklyAndPlans(db, { p, author: pm.id, years, meetings: done });
  // Fresh statistics, as autovacuum would have gathered them in a database that grew over years.
  await db.execute(sql`analyze`);
  const rows = await countRows(db, p);
  const clusterNames = rowsOf<{ name: string }>(await db.execute(sql`select name from clusters where programme_id = ${p} order by name`)).map((r) => r.name);
  return { programmeId: p, workspaceId: teamId, managerUserId: 'UPM', leaderUserId: 'U1', clusterNames, meetings: done, rows, seconds: (performance.now() - started) / 1000 };
}

async function seedPeopleAndClusters(db: Database, s: { p: string; teamId: string; C: number; P: number }) {
  const { p, teamId, C, P } = s;
  await db.execute(sql`insert into organisations (programme_id, org_number, name, helix_type)
    select ${p}, lpad(g::text, 6, '0') || '-' || lpad((g % 10000)::text, 4, '0'), 'Org ' || g, (array['company','company','academia','public','research','civil'])[1 + g % 6]
    from generate_series(1, ${ORGS}) g`);
  await db.execute(sql`insert into people (programme_id, platform, workspace_external_id, user_id, display_name, gender, organisation_id)
    select ${p}, 'slack', ${teamId}, 'U' || g, ${pick(FIRST)} || ' ' || ${surname}, (array['woman','man',null,'other','unspecified'])[1 + g % 5],
      (select id from organisations o where o.programme_id = ${p} and o.name = 'Org ' || (1 + g % ${ORGS}))
    from generate_series(1, ${P}) g`);
  await db.execute(sql`insert into clusters (programme_id, name, sector) select ${p}, 'Kluster ' || lpad(g::text, 3, '0'), 'bench' from generate_series(1, ${C}) g`);
  // Person U((c-1)*10 + k) belongs to cluster c: k = 1 leads it, k = 2 deputises.
  await db.execute(sql`insert into memberships (programme_id, cluster_id, person_id, role)
    select ${p}, c.id, pe.id, case k when 1 then 'leader' when 2 then 'deputy' else 'member' end
    from clusters c, generate_series(1, ${PEOPLE_PER_CLUSTER}) k, people pe
    where c.programme_id = ${p} and pe.programme_id = ${p} and pe.user_id = 'U' || ((substring(c.name from 9)::int - 1) * ${PEOPLE_PER_CLUSTER} + k)`);
}

/** Meetings from..to: each in its cluster (every fourth also in a second one), with six participants of
 *  that cluster, two organisations, two decisions and two action items owned by cluster members; every
 *  fifth meeting adds a cluster note. */
async function seedMeetings(db: Database, s: { p: string; author: string; C: number; P: number; from: number; to: number; rangeDays: number }) {
  const { p, C, from, to } = s;
  const batch = sql`m.programme_id = ${p} and m.number between ${from} and ${to}`;
  // Written the day after it was held (not at seeding time), so "since" windows see a programme's history.
  await db.execute(sql`insert into meetings (programme_id, number, title, held_on, kind, author_id, created_at, updated_at)
    select ${p}::uuid, n, title, held_on, kind, ${s.author}::uuid, ${writtenAfter(sql`held_on`, 1)}, ${writtenAfter(sql`held_on`, 1)}
    from (select n, ${pick(TITLES)} || ' om ' || ${pick(TOPICS)} || ' i ' || ${pick(PLACES)} as title, current_date - (random() * ${s.rangeDays})::int as held_on, ${pick(KINDS)} as kind
      from generate_series(${from}::int, ${to}::int) n) g`);
  const clusterOf = (expr: SQL) => sql`(select c.id from clusters c where c.programme_id = ${p} and c.name = 'Kluster ' || lpad((1 + (${expr}) % ${C})::text, 3, '0'))`;
  await db.execute(sql`insert into meeting_clusters (programme_id, meeting_id, cluster_id)
    select ${p}::uuid, m.id, ${clusterOf(sql`m.number`)} from meetings m where ${batch}
    union select ${p}::uuid, m.id, ${clusterOf(sql`m.number / 4 + 1`)} from meetings m where ${batch} and m.number % 4 = 0`);
  const member = (k: SQL) => sql`'U' || ((m.number % ${C}) * ${PEOPLE_PER_CLUSTER} + 1 + (${k}) % ${PEOPLE_PER_CLUSTER})`;
  await db.execute(sql`insert into meeting_participants (programme_id, meeting_id, person_id)
    select ${p}::uuid, m.id, pe.id from meetings m cross join generate_series(0, 5) k
      join people pe on pe.programme_id = ${p} and pe.user_id = ${member(sql`m.number * 3 + k`)} where ${batch}`);
  await db.execute(sql`insert into meeting_organisations (programme_id, meeting_id, organisation_id)
    select ${p}::uuid, m.id, o.id from meetings m cross join generate_series(0, 1) k
      join organisations o on o.programme_id = ${p} and o.name = 'Org ' || (1 + (m.number * 3 + k * 17) % ${ORGS}) where ${batch}`);
  await db.execute(sql`insert into decisions (programme_id, meeting_id, position, text)
    select ${p}::uuid, m.id, k, ${phrase} || case when k = 0 then ' enligt ' || ${surname} else '' end
    from meetings m cross join generate_series(0, 1) k where ${batch}`);
  // Most items older than two months were closed within a few weeks of their meeting.
  await db.execute(sql`insert into action_items (programme_id, number, meeting_id, owner_id, text, due_on, created_at, done_at)
    select ${p}::uuid, (m.number - 1) * 2 + k + 1, m.id, pe.id, ${phrase}, m.held_on + 14, m.created_at,
      case when m.held_on < current_date - 60 and random() < 0.9 then ${writtenAfter(sql`m.held_on`, sql`(7 + random() * 35)::int`)} end
    from meetings m cross join generate_series(0, 1) k join people pe on pe.programme_id = ${p} and pe.user_id = ${member(sql`m.number + k`)} where ${batch}`);
  await db.execute(sql`insert into notes (programme_id, number, cluster_id, author_id, text, created_at)
    select ${p}::uuid, m.number / 5, ${clusterOf(sql`m.number`)}, ${s.author}::uuid, ${phrase} || '. Kontakt: ' || ${surname} || '. ' || ${phrase}, m.created_at
    from meetings m where ${batch} and m.number % 5 = 0`);
}

async function seedWeeklyAndPlans(db: Database, s: { p: string; author: string; years: number; meetings: number }) {
  const { p, years } = s;
  // Most clusters post most weeks; each skips every ninth week, so `progress missing` has something to say.
  // Written by the cluster's leader in the week it is about.
  await db.execute(sql`insert into progress_notes (programme_id, cluster_id, iso_week, done, next, author_id, created_at, updated_at)
    select ${p}, c.id, to_char(current_date - w * 7, 'IYYY-"W"IW'), ${phrase}, ${phrase},
      (select ms.person_id from memberships ms where ms.cluster_id = c.id and ms.role = 'leader'), ${writtenAfter(sql`current_date - w * 7`, 0)}, ${writtenAfter(sql`current_date - w * 7`, 0)}
    from clusters c, generate_series(0, ${years * 52 - 1}) w where c.programme_id = ${p} and (w + substring(c.name from 9)::int) % 9 <> 0`);
  await db.execute(sql`insert into plan_gaps (programme_id, number, cluster_id, area, text, author_id)
    select ${p}, row_number() over (), c.id, (array['structure','governance','financing','services','cooperation','recognition','strategy'])[1 + k % 7], 'Brist ' || k, ${s.author}
    from clusters c, generate_series(1, 5) k where c.programme_id = ${p}`);
  await db.execute(sql`insert into plan_actions (programme_id, number, gap_id, cluster_id, owner_id, text, due_on, done_at)
    select ${p}, row_number() over (), g.id, g.cluster_id, ${s.author}, 'Planåtgärd ' || k, current_date + (k * 40 - 100), case when k = 1 then now() end
    from plan_gaps g, generate_series(1, 4) k where g.programme_id = ${p}`);
  await db.execute(sql`insert into plan_reviews (programme_id, cluster_id, reviewed_on, reviewer_id)
    select ${p}, c.id, current_date - y * 365, ${s.author} from clusters c, generate_series(0, ${years - 1}) y where c.programme_id = ${p}`);
  const gaps = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from plan_gaps where programme_id = ${p}`))[0]!.n;
  // The short-id counters continue after the seeded numbers, so commands run against the seed can add more.
  await db.execute(sql`insert into programme_counters (programme_id, kind, next) values
    (${p}, 'M', ${s.meetings + 1}), (${p}, 'A', ${2 * s.meetings + 1}), (${p}, 'N', ${Math.floor(s.meetings / 5) + 1}), (${p}, 'G', ${gaps + 1}), (${p}, 'P', ${gaps * 4 + 1})
    on conflict do nothing`);
}

const COUNTED = ['organisations', 'people', 'clusters', 'memberships', 'meetings', 'meeting_clusters', 'meeting_participants', 'meeting_organisations', 'decisions', 'action_items', 'notes', 'progress_notes', 'plan_gaps', 'plan_actions', 'plan_reviews'];

async function countRows(db: Database, p: string): Promise<number> {
  const counts = COUNTED.map((table) => sql`select count(*)::int as n from ${sql.identifier(table)} where programme_id = ${p}`);
  const union = sql.join(counts, sql` union all `);
  return rowsOf<{ n: number }>(await db.execute(sql`select sum(n)::int as n from (${union}) t`))[0]!.n;
}

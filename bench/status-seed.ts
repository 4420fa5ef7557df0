// Bulk seeding for bench/status.bench.ts: set-based INSERT … SELECT over generate_series, so a million rows
// take seconds rather than a million round trips. Shapes follow what LOKET writes; values are synthetic.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';

export interface SeedSize {
  years: number;
  clusters: number;
}

const MEETINGS_PER_YEAR = 30;
const PEOPLE_PER_CLUSTER = 10;
const ORGS = 1000;

export async function seedStatusProgramme(db: Database, size: SeedSize, log: (line: string) => void) {
  const repos = createRepositories(db);
  const { programme } = await repos.programmes.create(`Bench ${Date.now()}`);
  const p = programme.id;
  const C = size.clusters;
  const M = size.years * MEETINGS_PER_YEAR;
  const P = C * PEOPLE_PER_CLUSTER;
  const step = Math.floor((size.years * 365) / M);
  // History up to today, so the default period (this quarter) has data, as in a running programme.
  const START = new Date(Date.now() - size.years * 365 * 86_400_000).toISOString().slice(0, 10);
  const { workspace } = await repos.workspaces.ensure('slack', `BENCH${p.slice(0, 8)}`);
  await repos.workspaces.connect(workspace.id, p, new Date());
  const { person: pm } = await repos.people.upsert({ programmeId: p, platform: 'slack', workspaceExternalId: workspace.externalId, userId: 'UPM' }, 'Petra', new Date());
  await repos.programmeRoles.grant(p, pm.id, 'manager', null, new Date());
  const steps: [string, ReturnType<typeof sql>][] = [
    ['organisations', sql`insert into organisations (programme_id, org_number, name, helix_type)
      select ${p}, lpad(g::text, 6, '0') || '-' || lpad((g % 10000)::text, 4, '0'), 'Org ' || g, (array['company','company','academia','public','research','civil'])[1 + g % 6]
      from generate_series(1, ${ORGS}) g`],
    ['people', sql`insert into people (programme_id, platform, workspace_external_id, user_id, display_name, gender, organisation_id)
      select ${p}, 'slack', ${workspace.externalId}, 'U' || g, 'Person ' || g, (array['woman','man',null,'other','unspecified'])[1 + g % 5],
        (select id from organisations o where o.programme_id = ${p} and o.name = 'Org ' || (1 + g % ${ORGS}))
      from generate_series(1, ${P}) g`],
    ['clusters', sql`insert into clusters (programme_id, name, sector) select ${p}, 'Kluster ' || lpad(g::text, 3, '0'), 'bench' from generate_series(1, ${C}) g`],
    ['memberships', sql`insert into memberships (programme_id, cluster_id, person_id, role)
      select ${p}, c.id, pe.id, case k when 1 then 'leader' when 2 then 'deputy' else 'member' end
      from clusters c, generate_series(1, ${PEOPLE_PER_CLUSTER}) k, people pe
      where c.programme_id = ${p} and pe.programme_id = ${p} and pe.user_id = 'U' || ((substring(c.name from 9)::int - 1) * ${PEOPLE_PER_CLUSTER} + k)`],
    ['meetings', sql`insert into meetings (programme_id, number, title, held_on, kind, author_id)
      select ${p}, (c - 1) * ${M} + i, 'Möte ' || i, ${START}::date + i * ${step} + c % 7,
        (array['cluster','network','board','study-trip','workshop','training','member','external'])[1 + (c + i) % 8], ${pm.id}
      from generate_series(1, ${C}) c, generate_series(1, ${M}) i`],
    ['meeting_clusters', sql`insert into meeting_clusters (programme_id, meeting_id, cluster_id)
      select ${p}, m.id, c.id from meetings m join clusters c on c.programme_id = ${p} and c.name = 'Kluster ' || lpad(((m.number - 1) / ${M} + 1)::text, 3, '0')
      where m.programme_id = ${p}`],
    ['meeting_participants', sql`insert into meeting_participants (programme_id, meeting_id, person_id)
      select ${p}, m.id, pe.id from meetings m, generate_series(0, 9) k, people pe
      where m.programme_id = ${p} and pe.programme_id = ${p} and pe.user_id = 'U' || (1 + (m.number * 7 + k * 13) % ${P})`],
    ['meeting_organisations', sql`insert into meeting_organisations (programme_id, meeting_id, organisation_id)
      select ${p}, m.id, o.id from meetings m, generate_series(0, 1) k, organisations o
      where m.programme_id = ${p} and o.programme_id = ${p} and o.name = 'Org ' || (1 + (m.number * 3 + k * 17) % ${ORGS})`],
    ['action_items', sql`insert into action_items (programme_id, number, meeting_id, owner_id, text, due_on, done_at)
      select ${p}, (m.number - 1) * 4 + k, m.id, ${pm.id}, 'Åtgärd ' || k, m.held_on + 30, case when m.held_on < current_date - 90 then now() end
      from meetings m, generate_series(1, 4) k where m.programme_id = ${p}`],
    ['progress_notes', sql`insert into progress_notes (programme_id, cluster_id, iso_week, done)
      select ${p}, c.id, to_char(${START}::date + w * 7, 'IYYY-"W"IW'), 'Veckans arbete'
      from clusters c, generate_series(0, ${size.years * 52 - 1}) w where c.programme_id = ${p} and (w + substring(c.name from 9)::int) % 9 <> 0`],
    ['plan_gaps', sql`insert into plan_gaps (programme_id, number, cluster_id, area, text, author_id)
      select ${p}, row_number() over (), c.id, (array['structure','governance','financing','services','cooperation','recognition','strategy'])[1 + k % 7], 'Brist ' || k, ${pm.id}
      from clusters c, generate_series(1, 5) k where c.programme_id = ${p}`],
    ['plan_actions', sql`insert into plan_actions (programme_id, number, gap_id, cluster_id, owner_id, text, due_on, done_at)
      select ${p}, row_number() over (), g.id, g.cluster_id, ${pm.id}, 'Planåtgärd ' || k, current_date + (k * 40 - 100), case when k = 1 then now() end
      from plan_gaps g, generate_series(1, 4) k where g.programme_id = ${p}`],
    ['plan_reviews', sql`insert into plan_reviews (programme_id, cluster_id, reviewed_on, reviewer_id)
      select ${p}, c.id, ${START}::date + y * 365, ${pm.id} from clusters c, generate_series(0, ${size.years - 1}) y where c.programme_id = ${p}`],
  ];
  let total = 0;
  for (const [table, statement] of steps) {
    const started = performance.now();
    await db.execute(statement);
    const n = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where programme_id = ${p}`))[0]!.n;
    total += n;
    log(`    ${table.padEnd(22)} ${n.toLocaleString('sv-SE').padStart(10)} rows  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await db.execute(sql`analyze`);
  return { programmeId: p, workspaceId: workspace.externalId, rows: total };
}

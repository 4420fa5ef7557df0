// The bench's yardstick: what `status` and `status <cluster>` show, written by hand as three set-based
// statements (group-by aggregates joined on the cluster, no per-cluster subqueries but one-row probes) —
// independent of the repositories, so the ratio compares LOKET with the same answer computed directly.
//
// Included: per cluster the facts of the overview's totals and attention list (meetings of the period, open
// and overdue action items, plan actions total/done/overdue, leader, deputies, last weekly note, last plan
// review, created day); the indicators (activities by kind, organisations reached/companies/others/
// participated, participants by gender and by role, exchanges completed); and the continuity figures (the
// touch groups of the last twelve months behind each cluster's bus factor, who recorded in the last eight
// weeks, open plan actions whose owner is away or gone, and for one cluster the all-time shares only one
// person touched and the contacts only one person met) plus, for one cluster, its member organisations.
// The greedy bus factor is picked from the groups by the same pure function LOKET uses (greedyBusFactor):
// set cover is not SQL's to do. Left out: targets, digest troubles, stale knowledge entries, the dashboard
// link and its audit row (each one small indexed read or write) and the rendering.
// `answerOf` turns this and LOKET's own figures into one comparable shape; scale.bench.ts checks they agree.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/migrate.js';
import { greedyBusFactor } from '../handlers/continuity/continuity-measure.js';

export interface HandInput {
  programmeId: string;
  clusterId?: string;
  from: string;
  to: string;
  today: string;
  /** The continuity windows' first days: a year back (bus factor) and eight weeks back (recorders). */
  busSince: string;
  activeSince: string;
  timezone: string;
}

/** What both sides are compared on: the figures status renders, in a stable order. */
export interface StatusAnswer {
  clusters: { name: string; createdOn: string; retiredOn: string | null; leader: string | null; deputies: string | null; lastWeek: string | null; lastReview: string | null; meetings: number; openActions: number; overdueActions: number; planTotal: number; planDone: number; planOverdue: number; memberOrganisations?: number }[];
  indicators: { byKind: Record<string, number>; reached: number; companies: number; others: number; participated: number; byGender: Record<string, number>; byRole: Record<string, number>; exchanges: number };
  continuity: { name: string; bus: { factor: number; covered: number; total: number; names: string[] }; recorders: string[]; ownersAwayOrGone: number; shares?: Record<string, { total: number; single: number }>; soleContacts?: number }[];
}

interface ClusterRow {
  id: string;
  name: string;
  createdOn: string;
  retiredOn: string | null;
  leader: string | null;
  deputies: string | null;
  lastWeek: string | null;
  lastReview: string | null;
  meetings: number;
  openActions: number;
  overdueActions: number;
  planTotal: number;
  planDone: number;
  planOverdue: number;
  orphans: number;
  memberOrganisations: number;
}

export async function handStatus(db: Database, input: HandInput): Promise<StatusAnswer> {
  // The same planner settings LOKET's reports run with (db/status.repository.ts, planForReports).
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)`);
    const only = input.clusterId ? sql`and c.id = ${input.clusterId}::uuid` : sql``;
    const sc = sql`sc as (select c.id, c.name, c.created_at, c.retired_at from clusters c where c.programme_id = ${input.programmeId} ${only})`;
    const clusters = rowsOf<ClusterRow>(await tx.execute(clusterFacts(sc, input)));
    const indicators = rowsOf<{ section: string; k: string | null; v: string | null; n: number }>(await tx.execute(indicatorFigures(sc, input)));
    const touch = rowsOf<{ section: string; clusterId: string; kind: string | null; people: string[] | string; n: number; single: number; name: string | null }>(
      await tx.execute(continuityFigures(sc, input, Boolean(input.clusterId))),
    );
    return shape(clusters, indicators, touch, input);
  });
}

function clusterFacts(sc: SQL, i: HandInput): SQL {
  const p = i.programmeId;
  return sql`
    with ${sc},
    met as (select mc.cluster_id, count(*) as n from meetings m join meeting_clusters mc on mc.meeting_id = m.id
      where m.programme_id = ${p} and m.deleted_at is null and m.held_on between ${i.from}::date and ${i.to}::date group by 1),
    act as (select mc.cluster_id, count(*) as open, count(*) filter (where a.due_on < ${i.today}::date) as overdue
      from action_items a join meetings m on m.id = a.meeting_id join meeting_clusters mc on mc.meeting_id = a.meeting_id
      where a.programme_id = ${p} and a.done_at is null and m.deleted_at is null group by 1),
    plan as (select cluster_id, count(*) as total, count(done_at) as done, count(*) filter (where done_at is null and due_on < ${i.today}::date) as overdue
      from plan_actions where programme_id = ${p} group by 1),
    roles as (select ms.cluster_id, max(pe.display_name) filter (where ms.role = 'leader') as leader,
        string_agg(pe.display_name, ', ' order by pe.display_name) filter (where ms.role = 'deputy') as deputies, count(distinct pe.organisation_id) as orgs
      from memberships ms join people pe on pe.id = ms.person_id where ms.programme_id = ${p} group by 1),
    orphans as (select pa.cluster_id, count(*) as n from plan_actions pa
      where pa.programme_id = ${p} and pa.done_at is null
        and (exists (select 1 from absences ab where ab.person_id = pa.owner_id and ${i.today}::date between ab.from_date and ab.to_date)
          or not (exists (select 1 from memberships ms where ms.person_id = pa.owner_id) or exists (select 1 from programme_roles r where r.person_id = pa.owner_id and r.programme_id = ${p})))
      group by 1)
    select sc.id, sc.name, to_char(sc.created_at, 'YYYY-MM-DD') as "createdOn", to_char(sc.retired_at, 'YYYY-MM-DD') as "retiredOn", roles.leader, roles.deputies,
      (select max(iso_week) from progress_notes pn where pn.cluster_id = sc.id) as "lastWeek",
      (select max(reviewed_on)::text from plan_reviews r where r.cluster_id = sc.id) as "lastReview",
      coalesce(met.n, 0)::int as meetings, coalesce(act.open, 0)::int as "openActions", coalesce(act.overdue, 0)::int as "overdueActions",
      coalesce(plan.total, 0)::int as "planTotal", coalesce(plan.done, 0)::int as "planDone", coalesce(plan.overdue, 0)::int as "planOverdue",
      coalesce(orphans.n, 0)::int as orphans, coalesce(roles.orgs, 0)::int as "memberOrganisations"
    from sc left join met on met.cluster_id = sc.id left join act on act.cluster_id = sc.id left join plan on plan.cluster_id = sc.id
      left join roles on roles.cluster_id = sc.id left join orphans on orphans.cluster_id = sc.id
    order by lower(sc.name)`;
}

function indicatorFigures(sc: SQL, i: HandInput): SQL {
  const p = i.programmeId;
  const inScope = i.clusterId ? sql`exists (select 1 from meeting_clusters mc join sc on sc.id = mc.cluster_id where mc.meeting_id = m.id)` : sql`true`;
  return sql`
    with ${sc},
    pm as materialized (select m.id, m.kind from meetings m where m.programme_id = ${p} and m.deleted_at is null and m.held_on between ${i.from}::date and ${i.to}::date and ${inScope}),
    pmp as materialized (select mp.person_id, mp.organisation_id, lower(mp.guest_name) as guest, lower(coalesce(mp.guest_organisation, '')) as guest_org
      from meeting_participants mp join pm on pm.id = mp.meeting_id),
    part as (select mo.organisation_id as id from meeting_organisations mo join pm on pm.id = mo.meeting_id
      union select organisation_id from pmp where organisation_id is not null
      union select pe.organisation_id from pmp join people pe on pe.id = pmp.person_id where pe.organisation_id is not null),
    reached as (select id from part union select pe.organisation_id from memberships ms join sc on sc.id = ms.cluster_id join people pe on pe.id = ms.person_id where pe.organisation_id is not null),
    rank as (select r.person_id, min(case r.role when 'manager' then 1 when 'board' then 2 end) as n from programme_roles r where r.programme_id = ${p} group by 1
      union all select ms.person_id, min(case ms.role when 'leader' then 3 when 'deputy' then 4 else 5 end) from memberships ms group by 1),
    who as (select distinct person_id from pmp where person_id is not null),
    attendees as (
      select coalesce(pe.gender, 'unknown') as gender, (array['manager','board','leader','deputy','member'])[min(rank.n)] as role
      from who join people pe on pe.id = who.person_id left join rank on rank.person_id = who.person_id group by pe.id, pe.gender)
    select 'kind' as section, kind as k, null as v, count(*)::int as n from pm group by kind
    union all select 'people', gender, coalesce(role, 'participant'), count(*)::int from attendees group by 2, 3
    union all select 'people', 'unknown', 'guest', count(*)::int from (select distinct guest, guest_org from pmp where person_id is null) g having count(*) > 0
    union all select 'orgs', 'all', null, count(distinct o.org_number)::int from reached r join organisations o on o.id = r.id
    union all select 'orgs', 'companies', null, count(distinct o.org_number) filter (where o.helix_type = 'company')::int from reached r join organisations o on o.id = r.id
    union all select 'orgs', 'others', null, count(distinct o.org_number) filter (where o.helix_type <> 'company')::int from reached r join organisations o on o.id = r.id
    union all select 'orgs', 'participated', null, count(distinct o.org_number)::int from part join organisations o on o.id = part.id
    union all select 'exchanges', null, null, count(*)::int from exchange_proposals x
      join exchange_posts need on need.id = x.need_id join exchange_posts offer on offer.id = x.offer_id
      where x.programme_id = ${p} and x.state = 'done' and (x.done_at at time zone ${i.timezone})::date between ${i.from}::date and ${i.to}::date
        and ${i.clusterId ? sql`(need.cluster_id = ${i.clusterId}::uuid or offer.cluster_id = ${i.clusterId}::uuid)` : sql`true`}`;
}

/** Touch groups of the year (per cluster, set of people, weight); recorders of eight weeks; with `detail`,
 *  the all-time shares touched by one person and the contacts one person met. */
function continuityFigures(sc: SQL, i: HandInput, detail: boolean): SQL {
  const p = i.programmeId;
  const pair = (a: string, b: string) => sql.raw(`case when ${b} is null or ${b} = ${a} then array[${a}] else array[least(${a}, ${b}), greatest(${a}, ${b})] end`);
  const touched = (since: SQL, name: string) => sql`
    ${sql.raw(name)}_m as materialized (select distinct mc.cluster_id, m.id, m.held_on, m.author_id from meetings m join meeting_clusters mc on mc.meeting_id = m.id join sc on sc.id = mc.cluster_id
      where m.programme_id = ${p} and m.deleted_at is null and m.held_on >= ${since}),
    ${sql.raw(name)}_pp as materialized (select id as meeting_id, author_id as person_id from ${sql.raw(name)}_m
      union select mp.meeting_id, mp.person_id from meeting_participants mp where mp.person_id is not null and mp.meeting_id in (select id from ${sql.raw(name)}_m)),
    ${sql.raw(name)}_people as (select meeting_id, array_agg(person_id order by person_id) as people from ${sql.raw(name)}_pp group by 1),
    ${sql.raw(name)}_items as (
      select w.cluster_id, 'meeting' as kind, pp.people, 1 as n from ${sql.raw(name)}_m w join ${sql.raw(name)}_people pp on pp.meeting_id = w.id
      union all select w.cluster_id, 'decision', pp.people, d.n from ${sql.raw(name)}_m w join ${sql.raw(name)}_people pp on pp.meeting_id = w.id
        join (select meeting_id, count(*)::int as n from decisions where meeting_id in (select id from ${sql.raw(name)}_m) group by 1) d on d.meeting_id = w.id
      union all select mc.cluster_id, 'action', ${pair('a.owner_id', 'a.done_by')}, 1 from action_items a join meetings m on m.id = a.meeting_id join meeting_clusters mc on mc.meeting_id = m.id join sc on sc.id = mc.cluster_id
        where a.programme_id = ${p} and m.deleted_at is null and coalesce(a.done_at, a.created_at) >= ${since}
      union all select cluster_id, 'note', array[author_id], 1 from notes where programme_id = ${p} and created_at >= ${since} and cluster_id in (select id from sc)
      union all select mc.cluster_id, 'note', array[n.author_id], 1 from notes n join meetings m on m.id = n.meeting_id join meeting_clusters mc on mc.meeting_id = m.id join sc on sc.id = mc.cluster_id
        where n.programme_id = ${p} and n.created_at >= ${since} and m.deleted_at is null
      union all select cluster_id, 'progress', array[author_id], 1 from progress_notes where programme_id = ${p} and author_id is not null and updated_at >= ${since} and cluster_id in (select id from sc)
      union all select cluster_id, 'gap', array[author_id], 1 from plan_gaps where programme_id = ${p} and created_at >= ${since} and cluster_id in (select id from sc)
      union all select cluster_id, 'plan_action', ${pair('owner_id', 'done_by')}, 1 from plan_actions where programme_id = ${p} and coalesce(done_at, created_at) >= ${since} and cluster_id in (select id from sc)
      union all select cluster_id, 'exchange', array[person_id], 1 from exchange_posts where programme_id = ${p} and created_at >= ${since} and cluster_id in (select id from sc)),
    ${sql.raw(name)}_om as (
      select w.cluster_id, mo.organisation_id, pp.people, max(w.held_on) as last_met
      from ${sql.raw(name)}_m w join (select meeting_id, organisation_id from meeting_organisations where meeting_id in (select id from ${sql.raw(name)}_m)
          union select meeting_id, organisation_id from meeting_participants where organisation_id is not null and meeting_id in (select id from ${sql.raw(name)}_m)) mo
        on mo.meeting_id = w.id join ${sql.raw(name)}_people pp on pp.meeting_id = w.id
      group by 1, 2, 3),
    ${sql.raw(name)}_orgs as (
      select cluster_id, organisation_id, max(last_met) as last_met, array_agg(distinct x order by x) as people
      from ${sql.raw(name)}_om cross join lateral unnest(people) as x group by 1, 2)`;
  const since = sql`${i.busSince}::date`;
  const active = sql`${i.activeSince}::date`;
  return sql`
    with ${sc}, ${touched(since, 'y')}, ${detail ? sql`${touched(sql`'1900-01-01'::date`, 'ever')},` : sql``}
    recent as (
      select mc.cluster_id, m.author_id as person_id from meetings m join meeting_clusters mc on mc.meeting_id = m.id
        where m.programme_id = ${p} and m.deleted_at is null and m.created_at >= ${active}
      union select mc.cluster_id, a.done_by from action_items a join meeting_clusters mc on mc.meeting_id = a.meeting_id where a.programme_id = ${p} and a.done_at >= ${active} and coalesce(a.done_at, a.created_at) >= ${active}
      union select cluster_id, author_id from notes where programme_id = ${p} and created_at >= ${active} and cluster_id is not null
      union select cluster_id, author_id from progress_notes where programme_id = ${p} and updated_at >= ${active} and author_id is not null
      union select cluster_id, author_id from plan_gaps where programme_id = ${p} and created_at >= ${active}
      union select cluster_id, done_by from plan_actions where programme_id = ${p} and done_at >= ${active}
      union select cluster_id, person_id from exchange_posts where programme_id = ${p} and created_at >= ${active})
    select 'group' as section, cluster_id as "clusterId", null as kind, people::text[] as people, sum(n)::int as n, 0 as single, null as name
      from (select cluster_id, people, n from y_items union all select cluster_id, people, 1 from y_orgs) g group by cluster_id, people
    union all select 'name', null, null, null, null, null, id::text || ' ' || display_name from people where programme_id = ${p}
    union all select 'recorder', r.cluster_id, null, null, null, null, pe.display_name from recent r join sc on sc.id = r.cluster_id join people pe on pe.id = r.person_id
    ${detail ? sql`
    union all select 'share', cluster_id, kind, null, sum(n)::int, (coalesce(sum(n) filter (where cardinality(people) = 1), 0))::int, null
      from (select cluster_id, kind, people, n from ever_items where kind in ('meeting', 'decision', 'plan_action') union all select cluster_id, 'org', people, 1 from ever_orgs) k group by cluster_id, kind
    union all select 'contact', cluster_id, null, null, count(*)::int, null, null from ever_orgs where cardinality(people) = 1 group by cluster_id` : sql``}`;
}

function shape(
  clusters: ClusterRow[],
  indicators: { section: string; k: string | null; v: string | null; n: number }[],
  touch: { section: string; clusterId: string; kind: string | null; people: string[] | string; n: number; single: number; name: string | null }[],
  input: HandInput,
): StatusAnswer {
  const names = new Map(touch.filter((r) => r.section === 'name').map((r) => [r.name!.slice(0, 36), r.name!.slice(37)]));
  const byName = (a: string, b: string) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b) || a.localeCompare(b);
  const sum = (section: string, pick: (r: { k: string | null; v: string | null }) => string | null) => {
    const out: Record<string, number> = {};
    for (const r of indicators.filter((x) => x.section === section && x.n > 0)) {
      const key = pick(r);
      if (key !== null) out[key] = (out[key] ?? 0) + r.n;
    }
    return out;
  };
  const org = (key: string) => indicators.find((r) => r.section === 'orgs' && r.k === key && r.v === null)?.n ?? 0;
  return {
    clusters: clusters.map(({ id: _id, orphans: _o, memberOrganisations, ...c }) => ({ ...c, ...(input.clusterId ? { memberOrganisations } : {}) })),
    indicators: {
      byKind: sum('kind', (r) => r.k),
      reached: org('all'),
      companies: org('companies'),
      others: org('others'),
      participated: org('participated'),
      byGender: sum('people', (r) => r.k),
      byRole: sum('people', (r) => r.v),
      exchanges: indicators.find((r) => r.section === 'exchanges')?.n ?? 0,
    },
    continuity: clusters.map((c) => {
      const groups = touch.filter((r) => r.section === 'group' && r.clusterId === c.id).map((r) => ({ people: toArray(r.people), n: r.n }));
      const bus = greedyBusFactor(groups, byName);
      const shares = touch.filter((r) => r.section === 'share' && r.clusterId === c.id);
      return {
        name: c.name,
        bus: { factor: bus.factor, covered: bus.covered, total: bus.total, names: bus.chosen.map((x) => names.get(x.personId) ?? '?') },
        recorders: [...new Set(touch.filter((r) => r.section === 'recorder' && r.clusterId === c.id).map((r) => r.name!))].sort(),
        ownersAwayOrGone: c.orphans,
        ...(input.clusterId
          ? {
              shares: Object.fromEntries(['meeting', 'decision', 'org', 'plan_action'].map((k) => [k, { total: shares.find((s) => s.kind === k)?.n ?? 0, single: shares.find((s) => s.kind === k)?.single ?? 0 }])),
              soleContacts: touch.find((r) => r.section === 'contact' && r.clusterId === c.id)?.n ?? 0,
            }
          : {}),
      };
    }),
  };
}

function toArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { inScope, reportQuery, type ClusterScope } from './status.repository.js';
import { EVER, groupsCte, items, kindsCte } from './continuity-items.repository.js';
import { createContinuityCacheRepository } from './continuity-cache.repository.js';

export type { TouchGroupRow, TouchKind } from './continuity-items.repository.js';
import type { TouchGroupRow, TouchKind } from './continuity-items.repository.js';

export function createContinuityRepository({ db }: { db: Database }) {
  const cache = createContinuityCacheRepository({ db });
  return {
    /** The touch groups and the all-time shares as `status` reads them: from continuity_cache, with only the
     *  clusters changed since they were cached computed again (continuity-cache.repository.ts). */
    touchGroups: cache.touchGroups,
    singleTouched: cache.singleTouched,

    /** Records and contacts touched since `since` (a day), grouped by the exact set of people who touched
     *  them, per cluster. Collapsing equal sets keeps the result small however many records there are.
     *  Computed fresh: what the cache must always equal. */
    async freshTouchGroups(programmeId: string, scope: ClusterScope, since: string) {
      const result = await reportQuery(db, sql`
        with ${items(programmeId, scope, since)}, ${groupsCte}
        select cluster_id as "clusterId", people::text[] as people, sum(weight)::int as n from groups group by cluster_id, people`);
      return { groups: rowsOf<TouchGroupRow>(result).map((g) => ({ ...g, people: toArray(g.people) })) };
    },

    /**
     * All time, per cluster: for meetings, decisions, contacts and plan actions how many there are and how
     * many only one person touched; and the contacts only one person has met, latest first. One query, so
     * the items are gathered once. Computed fresh, like freshTouchGroups.
     */
    async freshSingleTouched(programmeId: string, scope: ClusterScope) {
      const result = await reportQuery(db, sql`
        with ${items(programmeId, scope, EVER)}, ${kindsCte}
        select 'share' as section, cluster_id as "clusterId", kind, sum(weight)::int as total, coalesce(sum(weight) filter (where cardinality(people) = 1), 0)::int as single,
          null as organisation, null as "personId", null as person, null as "lastMet"
        from kinds group by cluster_id, kind
        union all
        select 'contact', orgs.cluster_id, null, null, null, o.name, orgs.people[1]::text, pe.display_name, orgs.last_met::text
        from orgs join organisations o on o.id = orgs.organisation_id join people pe on pe.id = orgs.people[1]
        where cardinality(orgs.people) = 1`);
      const rows = rowsOf<{ section: string; clusterId: string; kind: TouchKind; total: number; single: number; organisation: string; personId: string; person: string; lastMet: string }>(result);
      const shares = rows.filter((r) => r.section === 'share').map(({ clusterId, kind, total, single }) => ({ clusterId, kind, total, single }));
      const contacts = rows
        .filter((r) => r.section === 'contact')
        .map(({ clusterId, organisation, personId, person, lastMet }) => ({ clusterId, organisation, personId, person, lastMet }))
        .sort((a, b) => b.lastMet.localeCompare(a.lastMet) || a.organisation.localeCompare(b.organisation));
      return { shares, contacts };
    },

    /** People who recorded anything for each cluster since `since` (wrote a meeting, note, weekly note, gap or
     *  exchange post, or closed an action), most recent first. An action closed since `since` was also
     *  touched since then: saying so lets action_items_touched_idx find those few among all the closed ones. */
    async recentRecorders(programmeId: string, scope: ClusterScope, since: string) {
      const result = await db.execute(sql`
        with sc as (select c.id from clusters c where c.programme_id = ${programmeId} and ${inScope(sql`c.id`, scope)}),
        recent as (
          select mc.cluster_id, m.author_id as person_id, m.created_at as at from meetings m join meeting_clusters mc on mc.meeting_id = m.id join sc on sc.id = mc.cluster_id
            where m.programme_id = ${programmeId} and m.deleted_at is null and m.created_at >= ${since}::date
          union all
          select mc.cluster_id, a.done_by, a.done_at from action_items a join meeting_clusters mc on mc.meeting_id = a.meeting_id join sc on sc.id = mc.cluster_id
            where a.programme_id = ${programmeId} and a.done_at >= ${since}::date and coalesce(a.done_at, a.created_at) >= ${since}::date
          union all
          select n.cluster_id, n.author_id, n.created_at from notes n join sc on sc.id = n.cluster_id where n.programme_id = ${programmeId} and n.created_at >= ${since}::date
          union all
          select pn.cluster_id, pn.author_id, pn.updated_at from progress_notes pn join sc on sc.id = pn.cluster_id where pn.programme_id = ${programmeId} and pn.updated_at >= ${since}::date and pn.author_id is not null
          union all
          select g.cluster_id, g.author_id, g.created_at from plan_gaps g join sc on sc.id = g.cluster_id where g.programme_id = ${programmeId} and g.created_at >= ${since}::date
          union all
          select pa.cluster_id, pa.done_by, pa.done_at from plan_actions pa join sc on sc.id = pa.cluster_id where pa.programme_id = ${programmeId} and pa.done_at >= ${since}::date
          union all
          select e.cluster_id, e.person_id, e.created_at from exchange_posts e join sc on sc.id = e.cluster_id where e.programme_id = ${programmeId} and e.created_at >= ${since}::date)
        select r.cluster_id as "clusterId", r.person_id as "personId", pe.display_name as name, max(r.at)::date::text as last
        from recent r join people pe on pe.id = r.person_id
        group by r.cluster_id, r.person_id, pe.display_name order by last desc, name`);
      return { recorders: rowsOf<{ clusterId: string; personId: string; name: string; last: string }>(result) };
    },

    /** Leader and deputies of each cluster. */
    async roles(programmeId: string, scope: ClusterScope) {
      const result = await db.execute(sql`
        select ms.cluster_id as "clusterId", ms.person_id as "personId", ms.role, pe.display_name as name
        from memberships ms join people pe on pe.id = ms.person_id
        where ms.programme_id = ${programmeId} and ms.role in ('leader', 'deputy') and ${inScope(sql`ms.cluster_id`, scope)}
        order by pe.display_name`);
      return { roles: rowsOf<{ clusterId: string; personId: string; role: 'leader' | 'deputy'; name: string }>(result) };
    },

    /** Open plan actions whose owner is away today, or gone: in no cluster of the programme and holding no
     *  programme role any more (a pseudonymised or departed person ends up there). */
    async ownersAwayOrGone(programmeId: string, scope: ClusterScope, today: string) {
      const result = await db.execute(sql`
        select pa.cluster_id as "clusterId", pa.number, pa.text, pe.display_name as owner,
          case when exists (select 1 from absences ab where ab.person_id = pa.owner_id and ab.from_date <= ${today}::date and ab.to_date >= ${today}::date) then 'away' else 'gone' end as reason
        from plan_actions pa join people pe on pe.id = pa.owner_id
        where pa.programme_id = ${programmeId} and pa.done_at is null and ${inScope(sql`pa.cluster_id`, scope)}
          and (exists (select 1 from absences ab where ab.person_id = pa.owner_id and ab.from_date <= ${today}::date and ab.to_date >= ${today}::date)
            or (not exists (select 1 from memberships ms where ms.person_id = pa.owner_id)
              and not exists (select 1 from programme_roles r where r.person_id = pa.owner_id and r.programme_id = ${programmeId})))
        order by pa.number`);
      return { actions: rowsOf<{ clusterId: string; number: number; text: string; owner: string; reason: 'away' | 'gone' }>(result) };
    },

    async names(programmeId: string, ids: string[]) {
      if (ids.length === 0) return { names: new Map<string, string>() };
      const result = await db.execute(sql`select id::text, display_name as name from people where programme_id = ${programmeId} and ${inScope(sql`id`, ids)}`);
      return { names: new Map(rowsOf<{ id: string; name: string }>(result).map((r) => [r.id, r.name])) };
    },
  };
}

/** PGlite returns text[] as an array; postgres.js too, but a driver without the array type parses it as
 *  the Postgres literal `{a,b}`. */
function toArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
}

import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { createReportCacheRepository } from './report-cache.repository.js';
import { inScope, reportQuery, type ClusterScope } from './status.repository.js';

export interface IndicatorInput {
  programmeId: string;
  scope: ClusterScope;
  from: string;
  to: string;
  /** The programme time zone: a timestamp belongs to the local day it happened on. */
  timezone: string;
}

export interface OrganisationFigures {
  reached: number;
  companies: number;
  others: number;
  participated: number;
}

/** The funder's indicators for a period. Every organisation count is `count(distinct org_number)`: the org
 *  number is the funder's de-duplication key, so one company at three meetings in two clusters counts once. */
export interface IndicatorFigures {
  byKind: { kind: string; n: number }[];
  organisations: OrganisationFigures;
  rows: { gender: string; role: string; n: number }[];
}

export function createIndicatorsRepository({ db }: { db: Database }) {
  const cache = createReportCacheRepository({ db });
  // Live meetings in the period; with a scope, only meetings of those clusters.
  const periodMeetings = (i: IndicatorInput) => sql`
    pm as (select m.id, m.kind from meetings m
      where m.programme_id = ${i.programmeId} and m.deleted_at is null and m.held_on between ${i.from}::date and ${i.to}::date
        and ${i.scope === undefined ? sql`true` : sql`exists (select 1 from meeting_clusters mc where mc.meeting_id = m.id and ${inScope(sql`mc.cluster_id`, i.scope)})`})`;

  async function figuresFresh(i: IndicatorInput): Promise<IndicatorFigures> {
    const result = await reportQuery(db, sql`
      with ${periodMeetings(i)},
      pmp as materialized (
        select mp.person_id, mp.organisation_id, mp.guest_name, mp.guest_organisation from meeting_participants mp join pm on pm.id = mp.meeting_id),
      part as (
        select mo.organisation_id as id from meeting_organisations mo join pm on pm.id = mo.meeting_id
        union select pmp.organisation_id from pmp where pmp.organisation_id is not null
        union select pe.organisation_id from pmp join people pe on pe.id = pmp.person_id where pe.organisation_id is not null),
      members as (
        select pe.organisation_id as id from memberships ms join people pe on pe.id = ms.person_id
        where ms.programme_id = ${i.programmeId} and pe.organisation_id is not null and ${inScope(sql`ms.cluster_id`, i.scope)}),
      reached as (select id from part union select id from members),
      persons as (select distinct pmp.person_id as id from pmp where pmp.person_id is not null),
      guests as (select distinct lower(pmp.guest_name) as name, lower(coalesce(pmp.guest_organisation, '')) as org from pmp where pmp.person_id is null),
      people_rows as (
        select coalesce(pe.gender, 'unknown') as gender,
          case when exists (select 1 from programme_roles r where r.person_id = pe.id and r.programme_id = pe.programme_id and r.role = 'manager') then 'manager'
               when exists (select 1 from programme_roles r where r.person_id = pe.id and r.programme_id = pe.programme_id and r.role = 'board') then 'board'
               when exists (select 1 from memberships ms where ms.person_id = pe.id and ms.role = 'leader') then 'leader'
               when exists (select 1 from memberships ms where ms.person_id = pe.id and ms.role = 'deputy') then 'deputy'
               when exists (select 1 from memberships ms where ms.person_id = pe.id) then 'member'
               else 'participant' end as role
        from persons join people pe on pe.id = persons.id
        union all select 'unknown', 'guest' from guests)
      select 'kind' as section, kind as a, null as b, count(*)::int as n, (row_number() over (order by kind))::int as ord,
        null::int as reached, null::int as companies, null::int as others, null::int as participated
      from pm group by kind
      union all
      select 'people', gender, role, count(*)::int, null, null, null, null, null from people_rows group by gender, role
      union all
      select 'orgs', null, null, null, null, count(distinct o.org_number)::int,
        count(distinct o.org_number) filter (where o.helix_type = 'company')::int,
        count(distinct o.org_number) filter (where o.helix_type <> 'company')::int,
        count(distinct o.org_number) filter (where o.id in (select id from part))::int
      from reached r join organisations o on o.id = r.id`);
    const rows = rowsOf<{ section: string; a: string; b: string; n: number; ord: number } & OrganisationFigures>(result);
    const orgs = rows.find((r) => r.section === 'orgs');
    return {
      byKind: rows.filter((r) => r.section === 'kind').sort((x, y) => x.ord - y.ord).map((r) => ({ kind: r.a, n: r.n })),
      organisations: orgs ? { reached: orgs.reached, companies: orgs.companies, others: orgs.others, participated: orgs.participated } : { reached: 0, companies: 0, others: 0, participated: 0 },
      rows: rows.filter((r) => r.section === 'people').map((r) => ({ gender: r.a, role: r.b, n: r.n })),
    };
  }

  return {
    /**
     * Activities by kind, the organisation figures and the participants by gender and role, in one
     * statement: the period's meetings (`pm`) and their participant rows (`pmp`) are read once and shared,
     * where four separate statements each scanned meeting_participants again.
     *
     * Reached: organisations of the clusters' members or that took part in an activity of the period;
     * participated: those that took part (named with `orgs:`, as a guest's organisation, or a participant's).
     * Participants are distinct people who took part, by self-declared gender (never asked → unknown) and by
     * their highest role. A guest is known only by name, so guests are de-duplicated by name and organisation
     * and counted as gender unknown, role guest.
     */
    async figures(i: IndicatorInput): Promise<IndicatorFigures> {
      // Cached (report-cache.repository.ts): at a million rows a quarter's 25 000 participant rows took 60 ms.
      const key = `indicators.figures:${JSON.stringify({ scope: i.scope ? [...i.scope].sort() : null, from: i.from, to: i.to })}`;
      return cache.cached(i.programmeId, key, () => figuresFresh(i));
    },

    /** Exchanges whose learning was recorded in the period (an experience-exchange activity), counted for
     *  the scope when either side's cluster is in it; and open needs per cluster. */
    async exchangesCompleted(i: IndicatorInput) {
      const completed = await db.execute(sql`
        select count(*)::int as n from exchange_proposals p
          join exchange_posts need on need.id = p.need_id join exchange_posts offer on offer.id = p.offer_id
        where p.programme_id = ${i.programmeId} and p.state = 'done'
          and (p.done_at at time zone ${i.timezone})::date between ${i.from}::date and ${i.to}::date
          and (${inScope(sql`need.cluster_id`, i.scope)} or ${inScope(sql`offer.cluster_id`, i.scope)})`);
      const needs = await db.execute(sql`
        select cluster_id, count(*)::int as n from exchange_posts
        where programme_id = ${i.programmeId} and kind = 'need' and closed_at is null and ${inScope(sql`cluster_id`, i.scope)}
        group by cluster_id`);
      const openNeeds = new Map(rowsOf<{ cluster_id: string; n: number }>(needs).map((r) => [r.cluster_id, r.n]));
      return { completed: rowsOf<{ n: number }>(completed)[0]?.n ?? 0, openNeeds };
    },
  };
}

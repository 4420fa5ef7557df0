// The records continuity counts and who touched them (docs/continuity.md), as CTEs shared by the fresh
// statements (continuity.repository.ts) and the cache's recomputation (continuity-cache.repository.ts), so
// both compute exactly the same thing.
import { sql, type SQL } from 'drizzle-orm';
import { inScope, type ClusterScope } from './status.repository.js';

/** Records that count for "only one person has ever touched" (docs/continuity.md). */
export type TouchKind = 'meeting' | 'decision' | 'action' | 'note' | 'progress' | 'gap' | 'plan_action' | 'exchange' | 'org';

/** Items with the same set of people collapsed into one weighted group: what the greedy bus factor needs. */
export interface TouchGroupRow {
  clusterId: string;
  people: string[];
  n: number;
}

/** The people of one item, in a stable order, so equal sets group together. */
const pair = (a: string, b: string) =>
  sql.raw(`case when ${b} is null or ${b} = ${a} then array[${a}] else array[least(${a}, ${b}), greatest(${a}, ${b})] end`);

/**
 * Who touched which record of a cluster (docs/continuity.md has the table). One row per item touched since
 * `from` (its latest touch: the meeting day, the day written, or the day closed) with its set of people and
 * its weight. A meeting's people (its author and its participants who are people) are gathered once per
 * meeting and shared by its decisions, which come as one row weighted by their number: expanding every
 * decision and contact into one row per person made `status` take seconds on a large programme. Contacts
 * (organisations) get their own CTE: the people who met them at the cluster's meetings since `from`. The
 * window is applied in every branch before anything is aggregated, each through an index on the day it
 * filters on (meetings_programme_held_on_idx, action_items_touched_idx, notes_programme_created_idx), so a
 * year of a large programme is read, not its whole history (weekly notes, gaps and plan actions are a few per
 * cluster and week, and read per cluster). Deleted meetings are not knowledge.
 */
export function items(programmeId: string, scope: ClusterScope, from: string): SQL {
  const since = sql`${from}::date`;
  // Meetings of the scope's clusters that are not deleted: `wm` those held in the window, `live` for the
  // records (actions, meeting notes) whose own day decides, whatever the meeting's day.
  const live = sql`meetings m join meeting_clusters mc on mc.meeting_id = m.id join sc on sc.id = mc.cluster_id`;
  return sql`
    sc as (select c.id from clusters c where c.programme_id = ${programmeId} and ${inScope(sql`c.id`, scope)}),
    wm as (
      select distinct m.id, m.held_on, m.author_id from meeting_clusters mc join sc on sc.id = mc.cluster_id join meetings m on m.id = mc.meeting_id
      where m.programme_id = ${programmeId} and m.deleted_at is null and m.held_on >= ${since}),
    cm as (select mc.cluster_id, wm.id as meeting_id, wm.held_on from wm join meeting_clusters mc on mc.meeting_id = wm.id join sc on sc.id = mc.cluster_id),
    mpp as (
      select x.meeting_id, array_agg(distinct x.person_id order by x.person_id) as people from (
        select id as meeting_id, author_id as person_id from wm
        union all
        select p.meeting_id, p.person_id from meeting_participants p join wm on wm.id = p.meeting_id where p.person_id is not null) x
      group by x.meeting_id),
    dc as (select d.meeting_id, count(*)::int as n from decisions d join wm on wm.id = d.meeting_id group by d.meeting_id),
    items as (
      select cm.cluster_id, 'meeting' as kind, mpp.people, 1 as weight from cm join mpp on mpp.meeting_id = cm.meeting_id
      union all
      select cm.cluster_id, 'decision', mpp.people, dc.n from cm join mpp on mpp.meeting_id = cm.meeting_id join dc on dc.meeting_id = cm.meeting_id
      union all
      select mc.cluster_id, 'action', ${pair('a.owner_id', 'a.done_by')}, 1 from action_items a join ${live} on m.id = a.meeting_id
        where a.programme_id = ${programmeId} and coalesce(a.done_at, a.created_at) >= ${since} and m.deleted_at is null
      union all
      select n.cluster_id, 'note', array[n.author_id], 1 from notes n join sc on sc.id = n.cluster_id where n.programme_id = ${programmeId} and n.created_at >= ${since}
      union all
      select mc.cluster_id, 'note', array[n.author_id], 1 from notes n join ${live} on m.id = n.meeting_id
        where n.programme_id = ${programmeId} and n.created_at >= ${since} and m.deleted_at is null
      union all
      select pn.cluster_id, 'progress', array[pn.author_id], 1 from progress_notes pn join sc on sc.id = pn.cluster_id
        where pn.programme_id = ${programmeId} and pn.author_id is not null and pn.updated_at >= ${since}
      union all
      select g.cluster_id, 'gap', array[g.author_id], 1 from plan_gaps g join sc on sc.id = g.cluster_id where g.created_at >= ${since}
      union all
      select pa.cluster_id, 'plan_action', ${pair('pa.owner_id', 'pa.done_by')}, 1 from plan_actions pa join sc on sc.id = pa.cluster_id
        where coalesce(pa.done_at, pa.created_at) >= ${since}
      union all
      select e.cluster_id, 'exchange', array[e.person_id], 1 from exchange_posts e join sc on sc.id = e.cluster_id where e.created_at >= ${since}),
    mo as (
      select o.meeting_id, o.organisation_id from meeting_organisations o join wm on wm.id = o.meeting_id
      union
      select p.meeting_id, p.organisation_id from meeting_participants p join wm on wm.id = p.meeting_id where p.organisation_id is not null),
    -- The same people meet the same organisations again and again: equal sets are collapsed before they
    -- are unnested, so the union of people per contact reads a few rows per set, not one per meeting.
    om as (
      select cm.cluster_id, mo.organisation_id, mpp.people, max(cm.held_on) as last_met
      from cm join mo on mo.meeting_id = cm.meeting_id join mpp on mpp.meeting_id = cm.meeting_id
      group by cm.cluster_id, mo.organisation_id, mpp.people),
    orgs as (
      select om.cluster_id, om.organisation_id, max(om.last_met) as last_met, array_agg(distinct x.person_id order by x.person_id) as people
      from om cross join lateral unnest(om.people) as x(person_id)
      group by om.cluster_id, om.organisation_id)`;
}

/** "All time" for the same CTEs. */
export const EVER = '1900-01-01';

/** The touch groups: every item and contact with its people, to be grouped by cluster and set of people. */
export const groupsCte = sql`groups as (select cluster_id, people, weight from items union all select cluster_id, people, 1 from orgs)`;

/** The kinds whose all-time single-person share `status <cluster>` shows. */
export const kindsCte = sql`kinds as (
          select cluster_id, kind, people, weight from items where kind in ('meeting', 'decision', 'plan_action')
          union all
          select cluster_id, 'org', people, 1 from orgs)`;

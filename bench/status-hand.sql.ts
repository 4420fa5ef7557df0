// The bench's yardstick: `status` written by hand as one set-based statement (group-by aggregates joined on
// the cluster, no per-cluster subqueries), answering the same figures as the repositories.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/migrate.js';

export interface HandAnswer {
  clusters: number;
  meetings: number;
  openActions: number;
  planDone: number;
  activities: number;
  organisations: number;
  participants: number;
}

export async function handStatus(db: Database, input: { programmeId: string; clusterId?: string; from: string; to: string; today: string }): Promise<HandAnswer> {
  const p = input.programmeId;
  const only = input.clusterId ? sql`and c.id = ${input.clusterId}::uuid` : sql``;
  const result = await db.execute(sql`
    with sc as (select c.id from clusters c where c.programme_id = ${p} ${only}),
    mc as (select mc.cluster_id, m.id as meeting_id, m.held_on, m.kind from meeting_clusters mc join sc on sc.id = mc.cluster_id join meetings m on m.id = mc.meeting_id where m.deleted_at is null),
    pm as (select distinct meeting_id as id, kind from mc where held_on between ${input.from}::date and ${input.to}::date),
    per as (select count(*) filter (where held_on between ${input.from}::date and ${input.to}::date) as meetings from mc),
    act as (select count(*) as open from mc join action_items a on a.meeting_id = mc.meeting_id where a.done_at is null),
    plan as (select count(pa.done_at) as done from plan_actions pa join sc on sc.id = pa.cluster_id),
    part as (select mo.organisation_id as id from meeting_organisations mo join pm on pm.id = mo.meeting_id
      union select pe.organisation_id from meeting_participants mp join pm on pm.id = mp.meeting_id join people pe on pe.id = mp.person_id where pe.organisation_id is not null),
    reached as (select id from part union select pe.organisation_id from memberships ms join sc on sc.id = ms.cluster_id join people pe on pe.id = ms.person_id where pe.organisation_id is not null),
    people_in as (select count(distinct mp.person_id) as n from meeting_participants mp join pm on pm.id = mp.meeting_id)
    select (select count(*) from sc)::int as clusters, (select meetings from per)::int as meetings, (select open from act)::int as "openActions",
      (select done from plan)::int as "planDone", (select count(*) from pm)::int as activities,
      (select count(distinct o.org_number) from reached r join organisations o on o.id = r.id)::int as organisations,
      (select n from people_in)::int as participants`);
  return rowsOf<HandAnswer>(result)[0]!;
}

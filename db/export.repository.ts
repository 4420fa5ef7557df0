import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import type { IndicatorInput } from './indicators.repository.js';
import { inScope } from './status.repository.js';

export interface ActivityRow {
  number: number;
  heldOn: string;
  kind: string;
  title: string;
  clusters: string | null;
  organisations: string | null;
  orgNumbers: string | null;
  participants: number;
}

export interface ParticipantRow {
  meetingNumber: number;
  heldOn: string;
  name: string;
  organisation: string | null;
  orgNumber: string | null;
  gender: string | null;
  guest: boolean;
}

/** Rows of the funder report. The organisations of an activity are the same union the indicators count
 *  (orgs:, guests' registered organisations, participants' organisations), so the files add up to status. */
export function createExportRepository({ db }: { db: Database }) {
  const scoped = (i: IndicatorInput) =>
    i.scope === undefined ? sql`true` : sql`exists (select 1 from meeting_clusters mc where mc.meeting_id = m.id and ${inScope(sql`mc.cluster_id`, i.scope)})`;
  const live = (i: IndicatorInput) => sql`m.programme_id = ${i.programmeId} and m.deleted_at is null and m.held_on between ${i.from}::date and ${i.to}::date and ${scoped(i)}`;

  return {
    async activities(i: IndicatorInput) {
      const result = await db.execute(sql`
        select m.number, m.held_on::text as "heldOn", m.kind, m.title,
          (select string_agg(c.name, ', ' order by c.name) from meeting_clusters mc join clusters c on c.id = mc.cluster_id where mc.meeting_id = m.id) as clusters,
          (select string_agg(o.name, ', ' order by o.org_number) from organisations o where o.id in (${orgsOf()})) as organisations,
          (select string_agg(o.org_number, ', ' order by o.org_number) from organisations o where o.id in (${orgsOf()})) as "orgNumbers",
          (select count(*) from meeting_participants mp where mp.meeting_id = m.id)::int as participants
        from meetings m where ${live(i)}
        order by m.held_on, m.number`);
      return { activities: rowsOf<ActivityRow>(result) };
    },

    async participants(i: IndicatorInput) {
      const result = await db.execute(sql`
        select m.number as "meetingNumber", m.held_on::text as "heldOn", coalesce(pe.display_name, mp.guest_name) as name,
          coalesce(o.name, mp.guest_organisation) as organisation, o.org_number as "orgNumber", pe.gender, (mp.person_id is null) as guest
        from meeting_participants mp join meetings m on m.id = mp.meeting_id
          left join people pe on pe.id = mp.person_id
          left join organisations o on o.id = coalesce(mp.organisation_id, pe.organisation_id)
        where ${live(i)}
        order by m.held_on, m.number, name`);
      return { participants: rowsOf<ParticipantRow>(result) };
    },
  };
}

function orgsOf() {
  return sql`select mo.organisation_id from meeting_organisations mo where mo.meeting_id = m.id
    union select mp.organisation_id from meeting_participants mp where mp.meeting_id = m.id and mp.organisation_id is not null
    union select pe.organisation_id from meeting_participants mp join people pe on pe.id = mp.person_id where mp.meeting_id = m.id and pe.organisation_id is not null`;
}

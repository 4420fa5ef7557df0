import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';

// Everything the programme recorded, shaped for readers without LOKET: names instead of internal ids,
// short ids (M12, A34 …) as users knew them, nested records as JSON built by Postgres. Deleted meetings are
// left out like everywhere else; people appear by display name only (no platform ids: the archive is for
// reading, not for reaching anyone).

/** `clusterId` narrows every section to one cluster; absent: the whole programme. */
function clusterFilter(column: SQL, clusterId: string | undefined): SQL {
  return clusterId ? sql`${column} = ${clusterId}::uuid` : sql`true`;
}

const nameOf = (id: string) => sql.raw(`(select display_name from people where id = ${id})`);

/** The calendar day an instant fell on in the programme's zone: a note written at 00:30 in Stockholm is
 *  that day's note, not the previous day's as in UTC. */
const dayOf = (column: string, timezone: string) => sql`to_char(${sql.raw(column)} at time zone ${timezone}, 'YYYY-MM-DD')`;

export function createArchiveRepository({ db }: { db: Database }) {
  const rows = async <T>(query: SQL) => rowsOf<T>(await db.execute(query));
  return {
    async clusters(programmeId: string, clusterId: string | undefined, timezone: string) {
      return rows<Record<string, unknown>>(sql`
        select c.name, c.sector, ${dayOf('c.created_at', timezone)} as "createdOn",
          coalesce((select json_agg(json_build_object('name', pe.display_name, 'role', ms.role) order by ms.role, pe.display_name)
            from memberships ms join people pe on pe.id = ms.person_id where ms.cluster_id = c.id), '[]'::json) as members
        from clusters c where c.programme_id = ${programmeId} and ${clusterFilter(sql`c.id`, clusterId)} order by lower(c.name)`);
    },

    async organisations(programmeId: string) {
      return rows<Record<string, unknown>>(sql`
        select o.org_number as "orgNumber", o.name, o.helix_type as type from organisations o where o.programme_id = ${programmeId} order by o.name`);
    },

    async meetings(programmeId: string, clusterId: string | undefined, timezone: string) {
      return rows<Record<string, unknown>>(sql`
        select 'M' || m.number as id, m.held_on::text as date, m.kind, m.title, ${nameOf('m.author_id')} as author,
          coalesce((select json_agg(c.name order by c.name) from meeting_clusters mc join clusters c on c.id = mc.cluster_id where mc.meeting_id = m.id), '[]'::json) as clusters,
          coalesce((select json_agg(coalesce(pe.display_name, p.guest_name || coalesce(' (' || coalesce(o.name, p.guest_organisation) || ')', ''))
              order by lower(coalesce(pe.display_name, p.guest_name)))
            from meeting_participants p left join people pe on pe.id = p.person_id left join organisations o on o.id = p.organisation_id where p.meeting_id = m.id), '[]'::json) as participants,
          coalesce((select json_agg(o.name order by o.name) from meeting_organisations mo join organisations o on o.id = mo.organisation_id where mo.meeting_id = m.id), '[]'::json) as organisations,
          coalesce((select json_agg(d.text order by d.position) from decisions d where d.meeting_id = m.id), '[]'::json) as decisions,
          coalesce((select json_agg(json_build_object('id', 'A' || a.number, 'text', a.text, 'owner', ${nameOf('a.owner_id')}, 'due', a.due_on::text,
            'done', ${dayOf('a.done_at', timezone)}, 'doneNote', a.done_note) order by a.number) from action_items a where a.meeting_id = m.id), '[]'::json) as actions,
          coalesce((select json_agg(json_build_object('id', 'N' || n.number, 'text', n.text, 'author', ${nameOf('n.author_id')}) order by n.number) from notes n where n.meeting_id = m.id), '[]'::json) as notes
        from meetings m where m.programme_id = ${programmeId} and m.deleted_at is null
          and ${clusterId ? sql`m.id in (select meeting_id from meeting_clusters where cluster_id = ${clusterId}::uuid)` : sql`true`}
        order by m.held_on, m.number`);
    },

    /** Notes written to a cluster (a meeting's notes are inside the meeting), learnings included. */
    async notes(programmeId: string, clusterId: string | undefined, timezone: string) {
      return rows<Record<string, unknown>>(sql`
        select 'N' || n.number as id, c.name as cluster, ${nameOf('n.author_id')} as author, ${nameOf('coalesce(n.owner_id, n.author_id)')} as owner,
          n.text, ${dayOf('n.created_at', timezone)} as date, ${dayOf('n.reviewed_at', timezone)} as "reviewedOn"
        from notes n join clusters c on c.id = n.cluster_id where n.programme_id = ${programmeId} and ${clusterFilter(sql`n.cluster_id`, clusterId)}
        order by n.number`);
    },

    async progress(programmeId: string, clusterId?: string) {
      return rows<Record<string, unknown>>(sql`
        select c.name as cluster, pn.iso_week as week, ${nameOf('pn.author_id')} as author, pn.done, pn.next, pn.blockers, pn.need, pn.mood
        from progress_notes pn join clusters c on c.id = pn.cluster_id where pn.programme_id = ${programmeId} and ${clusterFilter(sql`pn.cluster_id`, clusterId)}
        order by c.name, pn.iso_week`);
    },

    async plans(programmeId: string, clusterId: string | undefined, timezone: string) {
      return rows<Record<string, unknown>>(sql`
        select 'G' || g.number as id, c.name as cluster, g.area, g.text, ${nameOf('g.author_id')} as author,
          coalesce((select json_agg(json_build_object('id', 'P' || pa.number, 'text', pa.text, 'owner', ${nameOf('pa.owner_id')}, 'due', pa.due_on::text,
            'done', ${dayOf('pa.done_at', timezone)}) order by pa.number) from plan_actions pa where pa.gap_id = g.id), '[]'::json) as actions
        from plan_gaps g join clusters c on c.id = g.cluster_id where g.programme_id = ${programmeId} and ${clusterFilter(sql`g.cluster_id`, clusterId)}
        order by c.name, g.number`);
    },

    async exchanges(programmeId: string, clusterId: string | undefined, timezone: string) {
      return rows<Record<string, unknown>>(sql`
        select e.kind, c.name as cluster, e.topic, e.tags, ${nameOf('e.person_id')} as person, ${dayOf('e.created_at', timezone)} as date,
          ${dayOf('e.closed_at', timezone)} as closed,
          coalesce((select json_agg(json_build_object('id', 'X' || x.number, 'state', x.state, 'reason', x.reason,
            'learnings', coalesce((select json_agg(json_build_object('person', ${nameOf('l.person_id')}, 'text', l.text)) from exchange_learnings l where l.proposal_id = x.id), '[]'::json))
            order by x.number) from exchange_proposals x where x.need_id = e.id), '[]'::json) as proposals
        from exchange_posts e join clusters c on c.id = e.cluster_id where e.programme_id = ${programmeId} and ${clusterFilter(sql`e.cluster_id`, clusterId)}
        order by e.created_at`);
    },
  };
}

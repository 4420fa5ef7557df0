import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';

// Meetings of the cluster that are not deleted; every section of the pack starts from these.
const liveMeetings = (clusterId: string) => sql`
  select m.* from meetings m join meeting_clusters mc on mc.meeting_id = m.id
  where mc.cluster_id = ${clusterId}::uuid and m.deleted_at is null`;

// Everyone LOKET knows who was at a meeting: its author and its participants who are people.
const peopleAt = (meeting: string) => sql.raw(`(
  select string_agg(distinct pe.display_name, ', ') from people pe
  where pe.id = ${meeting}.author_id or pe.id in (select mp.person_id from meeting_participants mp where mp.meeting_id = ${meeting}.id))`);

/** Read-only sections of a cluster's handover pack (handlers/continuity/handover-pack.ts renders them). */
export function createHandoverPackRepository({ db }: { db: Database }) {
  const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
  return {
    async openActions(programmeId: string, clusterId: string) {
      return rows<{ number: number; text: string; dueOn: string | null; owner: string; meetingNumber: number; heldOn: string }>(sql`
        select a.number, a.text, a.due_on::text as "dueOn", pe.display_name as owner, m.number as "meetingNumber", m.held_on::text as "heldOn"
        from (${liveMeetings(clusterId)}) m join action_items a on a.meeting_id = m.id join people pe on pe.id = a.owner_id
        where a.programme_id = ${programmeId} and a.done_at is null order by a.due_on nulls last, a.number`);
    },

    async progress(programmeId: string, clusterId: string, fromWeek: string) {
      return rows<{ isoWeek: string; done: string | null; next: string | null; blockers: string | null; need: string | null; mood: string | null; author: string | null }>(sql`
        select pn.iso_week as "isoWeek", pn.done, pn.next, pn.blockers, pn.need, pn.mood, pe.display_name as author
        from progress_notes pn left join people pe on pe.id = pn.author_id
        where pn.programme_id = ${programmeId} and pn.cluster_id = ${clusterId}::uuid and pn.iso_week >= ${fromWeek} order by pn.iso_week desc`);
    },

    async decisions(programmeId: string, clusterId: string, fromDay: string) {
      return rows<{ meetingNumber: number; heldOn: string; title: string; text: string }>(sql`
        select m.number as "meetingNumber", m.held_on::text as "heldOn", m.title, d.text
        from (${liveMeetings(clusterId)}) m join decisions d on d.meeting_id = m.id
        where m.programme_id = ${programmeId} and m.held_on >= ${fromDay}::date order by m.held_on desc, m.number desc, d.position`);
    },

    /** Organisations that took part in the cluster's meetings, each with its latest meeting and who was there. */
    async organisations(programmeId: string, clusterId: string) {
      return rows<{ name: string; orgNumber: string; helixType: string; meetings: number; lastMet: string; meetingNumber: number; metBy: string | null }>(sql`
        with m as (${liveMeetings(clusterId)}),
        met as (
          select mo.organisation_id, m.id as meeting_id from m join meeting_organisations mo on mo.meeting_id = m.id
          union select mp.organisation_id, m.id from m join meeting_participants mp on mp.meeting_id = m.id where mp.organisation_id is not null),
        ranked as (
          select met.organisation_id, m.*, count(*) over (partition by met.organisation_id) as n,
            row_number() over (partition by met.organisation_id order by m.held_on desc, m.number desc) as rn
          from met join m on m.id = met.meeting_id)
        select o.name, o.org_number as "orgNumber", o.helix_type as "helixType", r.n::int as meetings, r.held_on::text as "lastMet", r.number as "meetingNumber", ${peopleAt('r')} as "metBy"
        from ranked r join organisations o on o.id = r.organisation_id where r.rn = 1 and o.programme_id = ${programmeId} order by r.held_on desc, o.name`);
    },

    /** Guests (people outside LOKET) met at the cluster's meetings, latest meeting first. */
    async contacts(programmeId: string, clusterId: string) {
      return rows<{ name: string; organisation: string | null; lastMet: string; meetingNumber: number; metBy: string | null }>(sql`
        with m as (${liveMeetings(clusterId)}),
        ranked as (
          select mp.guest_name, coalesce(o.name, mp.guest_organisation) as organisation, m.*,
            row_number() over (partition by lower(mp.guest_name), coalesce(o.name, mp.guest_organisation) order by m.held_on desc, m.number desc) as rn
          from m join meeting_participants mp on mp.meeting_id = m.id left join organisations o on o.id = mp.organisation_id
          where mp.guest_name is not null and mp.programme_id = ${programmeId})
        select r.guest_name as name, r.organisation, r.held_on::text as "lastMet", r.number as "meetingNumber", ${peopleAt('r')} as "metBy"
        from ranked r where r.rn = 1 order by r.held_on desc, r.guest_name`);
    },

    /** Open needs and offers of the cluster, and proposals about them that are not settled yet. */
    async openExchanges(programmeId: string, clusterId: string) {
      return rows<{ kind: string; topic: string; person: string; proposals: string | null }>(sql`
        select e.kind, e.topic, pe.display_name as person,
          (select string_agg('X' || x.number || ' (' || x.state || ')', ', ' order by x.number) from exchange_proposals x
            where (x.need_id = e.id or x.offer_id = e.id) and x.state in ('proposed', 'introduced')) as proposals
        from exchange_posts e join people pe on pe.id = e.person_id
        where e.programme_id = ${programmeId} and e.cluster_id = ${clusterId}::uuid and e.closed_at is null order by e.created_at`);
    },

    /** `createdOn` is the day in the programme's zone (`timezone`), as it was in chat. */
    async learnings(programmeId: string, clusterId: string, timezone: string) {
      return rows<{ number: number; person: string; text: string; createdOn: string }>(sql`
        select x.number, pe.display_name as person, l.text, to_char(l.created_at at time zone ${timezone}, 'YYYY-MM-DD') as "createdOn"
        from exchange_learnings l join exchange_proposals x on x.id = l.proposal_id join people pe on pe.id = l.person_id
        where l.programme_id = ${programmeId}
          and exists (select 1 from exchange_posts e where e.id in (x.need_id, x.offer_id) and e.cluster_id = ${clusterId}::uuid)
        order by l.created_at desc`);
    },

    /** Every live meeting of the cluster with who was there, for the recurring meetings. */
    async meetings(programmeId: string, clusterId: string) {
      return rows<{ number: number; heldOn: string; kind: string; title: string; people: string | null }>(sql`
        select m.number, m.held_on::text as "heldOn", m.kind, m.title, ${peopleAt('m')} as people
        from (${liveMeetings(clusterId)}) m where m.programme_id = ${programmeId} order by m.held_on, m.number`);
    },

    /** The cluster's latest live meetings, newest first, with who was there: the handover meeting itself among them. */
    async recentMeetings(programmeId: string, clusterId: string, limit: number) {
      return rows<{ number: number; heldOn: string; kind: string; title: string; people: string | null }>(sql`
        select m.number, m.held_on::text as "heldOn", m.kind, m.title, ${peopleAt('m')} as people
        from (${liveMeetings(clusterId)}) m where m.programme_id = ${programmeId} order by m.held_on desc, m.number desc limit ${limit}`);
    },

    async members(programmeId: string, clusterId: string) {
      return rows<{ name: string; role: string }>(sql`
        select pe.display_name as name, ms.role from memberships ms join people pe on pe.id = ms.person_id
        where ms.programme_id = ${programmeId} and ms.cluster_id = ${clusterId}::uuid
        order by case ms.role when 'leader' then 0 when 'deputy' then 1 else 2 end, pe.display_name`);
    },
  };
}

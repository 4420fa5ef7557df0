import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { allocateNumbers } from './counters.repository.js';
import { rowsOf } from './migrate.js';
import { clusters, memberships, people, plannedMeetingClusters, plannedMeetingInvitees, plannedMeetings, type MeetingKind } from './schema/index.js';

export type PlannedMeeting = typeof plannedMeetings.$inferSelect;

export interface NewInvitee {
  personId?: string;
  guestName?: string;
  guestOrganisation?: string;
}

export interface NewPlannedMeeting {
  programmeId: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  onlineUrl: string | null;
  kind: MeetingKind;
  clusterIds: string[];
  invitees: NewInvitee[];
  authorId: string;
  at: Date;
}

/** A planned meeting with what every view shows beside it. */
export interface ListedPlannedMeeting extends PlannedMeeting {
  clusterNames: string | null;
  topicCount: number;
}

const listedColumns = {
  clusterNames: sql<string | null>`(select string_agg(c.name, ', ' order by c.name) from planned_meeting_clusters pc join clusters c on c.id = pc.cluster_id where pc.planned_meeting_id = "planned_meetings"."id")`,
  topicCount: sql<number>`(select count(*) from agenda_topics t where t.planned_meeting_id = "planned_meetings"."id")`.mapWith(Number),
};

const upcoming = (programmeId: string, from: Date) => and(eq(plannedMeetings.programmeId, programmeId), eq(plannedMeetings.status, 'planned'), gte(plannedMeetings.startsAt, from));

export function createPlannedMeetingsRepository({ db }: { db: Database }) {
  /** Planned meetings the person is invited to, wrote, or that concern a cluster they belong to; a
   *  programme-wide meeting (no cluster) concerns everyone in the programme. */
  const concerns = (personId: string): SQL =>
    or(
      eq(plannedMeetings.authorId, personId),
      sql`exists (select 1 from ${plannedMeetingInvitees} i where i.planned_meeting_id = ${plannedMeetings.id} and i.person_id = ${personId})`,
      sql`exists (select 1 from ${plannedMeetingClusters} pc join ${memberships} m on m.cluster_id = pc.cluster_id where pc.planned_meeting_id = ${plannedMeetings.id} and m.person_id = ${personId})`,
      sql`not exists (select 1 from ${plannedMeetingClusters} pc where pc.planned_meeting_id = ${plannedMeetings.id})`,
    )!;

  return {
    /** Draws the short id from the meetings' counter, so M12 stays M12 when it is logged. */
    async create(input: NewPlannedMeeting) {
      const { programmeId, at } = input;
      const number = await allocateNumbers(db, programmeId, 'M', 1);
      const [planned] = await db
        .insert(plannedMeetings)
        .values({ programmeId, number, title: input.title, startsAt: input.startsAt, durationMinutes: input.durationMinutes, place: input.place, onlineUrl: input.onlineUrl, kind: input.kind, authorId: input.authorId, createdAt: at, updatedAt: at })
        .returning();
      const owned = { programmeId, plannedMeetingId: planned!.id };
      if (input.clusterIds.length) await db.insert(plannedMeetingClusters).values(input.clusterIds.map((clusterId) => ({ ...owned, clusterId })));
      if (input.invitees.length) await db.insert(plannedMeetingInvitees).values(input.invitees.map((i) => ({ ...owned, ...i })));
      return { planned: planned! };
    },

    /** Whatever its status: a cancelled or logged meeting's id must answer «inställt» / «loggat», not «finns inte». */
    async findByNumber(programmeId: string, number: number) {
      const [planned] = await db.select().from(plannedMeetings).where(and(eq(plannedMeetings.programmeId, programmeId), eq(plannedMeetings.number, number)));
      return { planned };
    },

    async findById(programmeId: string, id: string) {
      const [planned] = await db.select().from(plannedMeetings).where(and(eq(plannedMeetings.programmeId, programmeId), eq(plannedMeetings.id, id)));
      return { planned };
    },

    async clustersOf(programmeId: string, plannedMeetingId: string) {
      const rows = await db
        .select({ id: clusters.id, name: clusters.name })
        .from(plannedMeetingClusters)
        .innerJoin(clusters, eq(clusters.id, plannedMeetingClusters.clusterId))
        .where(and(eq(plannedMeetingClusters.programmeId, programmeId), eq(plannedMeetingClusters.plannedMeetingId, plannedMeetingId)))
        .orderBy(asc(clusters.name));
      return { clusters: rows };
    },

    async inviteesOf(programmeId: string, plannedMeetingId: string) {
      const rows = await db
        .select({ personId: plannedMeetingInvitees.personId, guestName: plannedMeetingInvitees.guestName, guestOrganisation: plannedMeetingInvitees.guestOrganisation, displayName: people.displayName })
        .from(plannedMeetingInvitees)
        .leftJoin(people, eq(people.id, plannedMeetingInvitees.personId))
        .where(and(eq(plannedMeetingInvitees.programmeId, programmeId), eq(plannedMeetingInvitees.plannedMeetingId, plannedMeetingId)))
        .orderBy(asc(plannedMeetingInvitees.id));
      return { invitees: rows };
    },

    /** Planned (not cancelled, not yet logged) meetings from `from` on, soonest first; of some clusters or a person when asked. */
    async listUpcoming(input: { programmeId: string; from: Date; until?: Date; clusterIds?: string[]; personId?: string; limit: number }) {
      const filters: (SQL | undefined)[] = [upcoming(input.programmeId, input.from)];
      if (input.until) filters.push(lt(plannedMeetings.startsAt, input.until));
      if (input.clusterIds) {
        if (input.clusterIds.length === 0) return { planned: [] as ListedPlannedMeeting[], total: 0 };
        filters.push(inArray(plannedMeetings.id, db.select({ id: plannedMeetingClusters.plannedMeetingId }).from(plannedMeetingClusters).where(inArray(plannedMeetingClusters.clusterId, input.clusterIds))));
      }
      if (input.personId) filters.push(concerns(input.personId));
      const rows = await db
        .select({ planned: plannedMeetings, ...listedColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(plannedMeetings)
        .where(and(...filters))
        .orderBy(asc(plannedMeetings.startsAt), asc(plannedMeetings.number))
        .limit(input.limit);
      return { planned: rows.map((r) => ({ ...r.planned, clusterNames: r.clusterNames, topicCount: r.topicCount })), total: rows[0]?.total ?? 0 };
    },

    /** A person's calendar feed: their planned meetings from `from` on, and cancelled ones too, so a calendar
     *  that holds one sees STATUS:CANCELLED instead of silently losing it. */
    async forFeed(input: { programmeId: string; personId: string; from: Date; limit: number }) {
      const rows = await db
        .select()
        .from(plannedMeetings)
        .where(and(eq(plannedMeetings.programmeId, input.programmeId), inArray(plannedMeetings.status, ['planned', 'cancelled']), gte(plannedMeetings.startsAt, input.from), concerns(input.personId)))
        .orderBy(asc(plannedMeetings.startsAt))
        .limit(input.limit);
      return { planned: rows };
    },

    /** Every programme's planned meetings starting in [from, to): the day-before agenda reminder's work. */
    async startingBetween(from: Date, to: Date) {
      const rows = await db
        .select()
        .from(plannedMeetings)
        .where(and(eq(plannedMeetings.status, 'planned'), gte(plannedMeetings.startsAt, from), lt(plannedMeetings.startsAt, to)))
        .orderBy(asc(plannedMeetings.startsAt));
      return { planned: rows };
    },

    /** The people a reminder goes to: invitees known to LOKET and the members of the meeting's clusters. */
    async audienceOf(programmeId: string, plannedMeetingId: string) {
      const result = await db.execute(sql`
        select i.person_id from ${plannedMeetingInvitees} i where i.programme_id = ${programmeId} and i.planned_meeting_id = ${plannedMeetingId} and i.person_id is not null
        union
        select m.person_id from ${plannedMeetingClusters} pc join ${memberships} m on m.cluster_id = pc.cluster_id where pc.programme_id = ${programmeId} and pc.planned_meeting_id = ${plannedMeetingId}`);
      return { personIds: rowsOf<{ person_id: string }>(result).map((r) => r.person_id) };
    },

    /** A new time; SEQUENCE goes up so calendars replace the copy they hold. */
    async move(programmeId: string, id: string, changes: { startsAt: Date; durationMinutes: number }, at: Date) {
      const [planned] = await db
        .update(plannedMeetings)
        .set({ ...changes, sequence: sql`${plannedMeetings.sequence} + 1`, updatedAt: at })
        .where(and(eq(plannedMeetings.programmeId, programmeId), eq(plannedMeetings.id, id), eq(plannedMeetings.status, 'planned')))
        .returning();
      return { planned };
    },

    async cancel(programmeId: string, id: string, at: Date) {
      const [planned] = await db
        .update(plannedMeetings)
        .set({ status: 'cancelled', sequence: sql`${plannedMeetings.sequence} + 1`, updatedAt: at })
        .where(and(eq(plannedMeetings.programmeId, programmeId), eq(plannedMeetings.id, id), eq(plannedMeetings.status, 'planned')))
        .returning();
      return { planned };
    },

    /** Logged: the `meetings` row with the same number is now the record. */
    async markHeld(programmeId: string, id: string, meetingId: string, at: Date) {
      const [planned] = await db
        .update(plannedMeetings)
        .set({ status: 'held', meetingId, updatedAt: at })
        .where(and(eq(plannedMeetings.programmeId, programmeId), eq(plannedMeetings.id, id), eq(plannedMeetings.status, 'planned')))
        .returning();
      return { planned };
    },

    /** The next planned meeting after `after` with exactly these clusters and this kind (carried topics go there). */
    async nextOfSameSeries(input: { programmeId: string; kind: MeetingKind; clusterIds: string[]; after: Date; excludeId?: string }) {
      const key = [...input.clusterIds].sort().join(',');
      const rows = await db
        .select({ id: plannedMeetings.id, key: sql<string>`coalesce((select string_agg(pc.cluster_id::text, ',' order by pc.cluster_id) from planned_meeting_clusters pc where pc.planned_meeting_id = "planned_meetings"."id"), '')` })
        .from(plannedMeetings)
        .where(and(upcoming(input.programmeId, input.after), eq(plannedMeetings.kind, input.kind)))
        .orderBy(asc(plannedMeetings.startsAt), asc(plannedMeetings.number));
      const next = rows.find((r) => r.key === key && r.id !== input.excludeId);
      return { plannedMeetingId: next?.id };
    },
  };
}

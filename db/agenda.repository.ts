import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { agendaTopics, calendarFeeds, people, plannedMeetings, type AgendaOutcome } from './schema/index.js';

export type AgendaTopic = typeof agendaTopics.$inferSelect;

export function createAgendaRepository({ db }: { db: Database }) {
  return {
    /** Appended at the end; the position is the topic's number on the agenda (1, 2, 3 …). */
    async add(input: { programmeId: string; plannedMeetingId: string; text: string; addedBy: string; at: Date; carriedFromId?: string }) {
      const [last] = await db
        .select({ max: sql<number>`coalesce(max(${agendaTopics.position}), 0)`.mapWith(Number) })
        .from(agendaTopics)
        .where(eq(agendaTopics.plannedMeetingId, input.plannedMeetingId));
      const [topic] = await db
        .insert(agendaTopics)
        .values({ programmeId: input.programmeId, plannedMeetingId: input.plannedMeetingId, position: (last?.max ?? 0) + 1, text: input.text, addedBy: input.addedBy, createdAt: input.at, carriedFromId: input.carriedFromId ?? null })
        .returning();
      return { topic: topic! };
    },

    /** The agenda in order, with who added each topic and, for a carried one, the meeting it came from. */
    async list(programmeId: string, plannedMeetingId: string) {
      const rows = await db
        .select({
          topic: agendaTopics,
          addedByName: people.displayName,
          carriedFromNumber: sql<number | null>`(select pm.number from agenda_topics src join planned_meetings pm on pm.id = src.planned_meeting_id where src.id = ${agendaTopics.carriedFromId})`,
        })
        .from(agendaTopics)
        .innerJoin(people, eq(people.id, agendaTopics.addedBy))
        .where(and(eq(agendaTopics.programmeId, programmeId), eq(agendaTopics.plannedMeetingId, plannedMeetingId)))
        .orderBy(asc(agendaTopics.position));
      return { topics: rows.map((r) => ({ ...r.topic, addedByName: r.addedByName, carriedFromNumber: r.carriedFromNumber === null ? null : Number(r.carriedFromNumber) })) };
    },

    async setOutcome(programmeId: string, topicId: string, outcome: AgendaOutcome) {
      await db.update(agendaTopics).set({ outcome }).where(and(eq(agendaTopics.programmeId, programmeId), eq(agendaTopics.id, topicId)));
    },

    /** Topics carried forward from logged meetings of this kind and these clusters that no later meeting has
     *  taken up yet: they wait for the next one to be planned. */
    async waitingToCarry(input: { programmeId: string; kind: string; clusterKey: string }) {
      const rows = await db
        .select({ topic: agendaTopics })
        .from(agendaTopics)
        .innerJoin(plannedMeetings, eq(plannedMeetings.id, agendaTopics.plannedMeetingId))
        .where(
          and(
            eq(agendaTopics.programmeId, input.programmeId),
            eq(agendaTopics.outcome, 'carried'),
            eq(plannedMeetings.kind, input.kind as typeof plannedMeetings.$inferSelect.kind),
            sql`coalesce((select string_agg(pc.cluster_id::text, ',' order by pc.cluster_id) from planned_meeting_clusters pc where pc.planned_meeting_id = ${plannedMeetings.id}), '') = ${input.clusterKey}`,
            sql`not exists (select 1 from agenda_topics later where later.carried_from_id = ${agendaTopics.id})`,
          ),
        )
        .orderBy(asc(plannedMeetings.startsAt), asc(agendaTopics.position));
      return { topics: rows.map((r) => r.topic) };
    },
  };
}

export function createCalendarFeedsRepository({ db }: { db: Database }) {
  return {
    /** One live feed per person: a new one retires the old, so a leaked URL dies with `calendar` too. */
    async replace(input: { programmeId: string; personId: string; tokenHash: string; at: Date }) {
      await db.update(calendarFeeds).set({ revokedAt: input.at }).where(and(eq(calendarFeeds.programmeId, input.programmeId), eq(calendarFeeds.personId, input.personId), isNull(calendarFeeds.revokedAt)));
      const [feed] = await db.insert(calendarFeeds).values({ programmeId: input.programmeId, personId: input.personId, tokenHash: input.tokenHash, createdAt: input.at }).returning();
      return { feed: feed! };
    },

    async revoke(programmeId: string, personId: string, at: Date) {
      const revoked = await db.update(calendarFeeds).set({ revokedAt: at }).where(and(eq(calendarFeeds.programmeId, programmeId), eq(calendarFeeds.personId, personId), isNull(calendarFeeds.revokedAt))).returning({ id: calendarFeeds.id });
      return { revoked: revoked.length };
    },

    async findLive(tokenHash: string) {
      const [feed] = await db.select().from(calendarFeeds).where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
      return { feed };
    },
  };
}

import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import { actionItems, clusters, decisions, meetingClusters, meetingOrganisations, meetingParticipants, notes, organisations, people } from './schema/index.js';

/** What `meeting show` and the channel summary print: everything recorded at one meeting. */
export function createMeetingDetailsRepository({ db }: { db: Database }) {
  async function clustersOf(programmeId: string, meetingId: string) {
    const rows = await db
      .select({ id: clusters.id, name: clusters.name })
      .from(meetingClusters)
      .innerJoin(clusters, eq(clusters.id, meetingClusters.clusterId))
      .where(and(eq(meetingClusters.programmeId, programmeId), eq(meetingClusters.meetingId, meetingId)))
      .orderBy(asc(clusters.name));
    return { clusters: rows };
  }

  return {
    clustersOf,

    async details(programmeId: string, meetingId: string) {
      const of = (t: { programmeId: PgColumn; meetingId: PgColumn }) => and(eq(t.programmeId, programmeId), eq(t.meetingId, meetingId));
      const [{ clusters: clusterRows }, participants, orgs, decisionRows, actionRows, noteRows] = await Promise.all([
        clustersOf(programmeId, meetingId),
        db
          .select({
            name: sql<string>`coalesce(${people.displayName}, ${meetingParticipants.guestName})`,
            organisation: sql<string | null>`coalesce(${organisations.name}, ${meetingParticipants.guestOrganisation})`,
            guest: sql<boolean>`${meetingParticipants.personId} is null`,
          })
          .from(meetingParticipants)
          .leftJoin(people, eq(people.id, meetingParticipants.personId))
          .leftJoin(organisations, eq(organisations.id, meetingParticipants.organisationId))
          .where(of(meetingParticipants))
          .orderBy(sql`lower(coalesce(${people.displayName}, ${meetingParticipants.guestName}))`),
        db
          .select({ orgNumber: organisations.orgNumber, name: organisations.name })
          .from(meetingOrganisations)
          .innerJoin(organisations, eq(organisations.id, meetingOrganisations.organisationId))
          .where(of(meetingOrganisations))
          .orderBy(asc(organisations.name)),
        db.select({ text: decisions.text }).from(decisions).where(of(decisions)).orderBy(asc(decisions.position)),
        db
          .select({ number: actionItems.number, text: actionItems.text, dueOn: actionItems.dueOn, doneAt: actionItems.doneAt, doneNote: actionItems.doneNote, ownerName: people.displayName })
          .from(actionItems)
          .innerJoin(people, eq(people.id, actionItems.ownerId))
          .where(of(actionItems))
          .orderBy(asc(actionItems.number)),
        db.select({ number: notes.number, text: notes.text }).from(notes).where(of(notes)).orderBy(asc(notes.number)),
      ]);
      return { clusters: clusterRows, participants, organisations: orgs, decisions: decisionRows, actions: actionRows, notes: noteRows };
    },
  };
}

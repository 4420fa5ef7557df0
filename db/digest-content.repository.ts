// Read-only queries over the meetings colleague's tables (meetings, decisions, action_items) for the
// weekly digest. An action item's clusters are its meeting's clusters (see action-items.ts).
import { and, asc, eq, gte, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Database } from './database.js';
import { actionItems, decisions, meetingClusters, meetings, people } from './schema/index.js';

export interface DigestWindow {
  /** First and last day of the ISO week (inclusive), local calendar days. */
  monday: string;
  sunday: string;
  /** Instants bounding the week in the programme's zone, for created_at comparisons. */
  startsAt: Date;
  endsAt: Date;
  /** Today's local day: an open item due before it is overdue. */
  today: string;
}

export function createDigestContentRepository({ db }: { db: Database }) {
  return {
    async meetingsHeld(programmeId: string, window: DigestWindow) {
      const rows = await db
        .select({ clusterId: meetingClusters.clusterId, meetingId: meetings.id, number: meetings.number, title: meetings.title, heldOn: meetings.heldOn })
        .from(meetings)
        .innerJoin(meetingClusters, eq(meetingClusters.meetingId, meetings.id))
        .where(and(eq(meetings.programmeId, programmeId), isNull(meetings.deletedAt), gte(meetings.heldOn, window.monday), lte(meetings.heldOn, window.sunday)))
        .orderBy(asc(meetings.heldOn), asc(meetings.number));
      return { meetings: rows };
    },

    async decisionsOf(programmeId: string, meetingIds: string[]) {
      if (meetingIds.length === 0) return { decisions: [] };
      const rows = await db
        .select({ meetingId: decisions.meetingId, text: decisions.text })
        .from(decisions)
        .where(and(eq(decisions.programmeId, programmeId), inArray(decisions.meetingId, meetingIds)))
        .orderBy(asc(decisions.position));
      return { decisions: rows };
    },

    /** Items created this week, and open items already past their due day, with their meetings' clusters. */
    async actionsOfWeek(programmeId: string, window: DigestWindow) {
      const rows = await db
        .select({ clusterId: meetingClusters.clusterId, number: actionItems.number, meetingNumber: meetings.number, text: actionItems.text, dueOn: actionItems.dueOn, createdAt: actionItems.createdAt, doneAt: actionItems.doneAt, owner: people.displayName })
        .from(actionItems)
        .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
        .innerJoin(meetingClusters, eq(meetingClusters.meetingId, meetings.id))
        .innerJoin(people, eq(people.id, actionItems.ownerId))
        .where(
          and(
            eq(actionItems.programmeId, programmeId),
            isNull(meetings.deletedAt),
            or(and(gte(actionItems.createdAt, window.startsAt), lt(actionItems.createdAt, window.endsAt)), and(isNull(actionItems.doneAt), lt(actionItems.dueOn, window.today))),
          ),
        )
        .orderBy(asc(actionItems.number));
      return { actions: rows };
    },
  };
}

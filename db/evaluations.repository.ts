// Participants' evaluations of meetings (db/schema/assessments.ts `meeting_evaluations`): a row per person
// asked, filled in by their answer. Summaries never carry who answered.
import { and, asc, avg, count, desc, eq, gt, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { meetingEvaluations, meetingParticipants, meetings, people, type MeetingKind } from './schema/index.js';

export type MeetingEvaluation = typeof meetingEvaluations.$inferSelect;

export function createEvaluationsRepository({ db }: { db: Database }) {
  return {
    /** The meeting's participants LOKET knows (people, not named guests), with how to reach them. */
    async knownParticipants(programmeId: string, meetingId: string) {
      const rows = await db
        .select({ personId: people.id, displayName: people.displayName, platform: people.platform, userId: people.userId, language: people.language })
        .from(meetingParticipants)
        .innerJoin(people, eq(people.id, meetingParticipants.personId))
        .where(and(eq(meetingParticipants.programmeId, programmeId), eq(meetingParticipants.meetingId, meetingId)))
        .orderBy(asc(people.displayName));
      return { participants: rows };
    },

    /** Records that these people are asked; returns only those not asked before (once per person). */
    async markAsked(input: { programmeId: string; meetingId: string; personIds: string[]; at: Date; closesAt: Date }) {
      if (!input.personIds.length) return { personIds: [] as string[] };
      const values = input.personIds.map((personId) => ({ programmeId: input.programmeId, meetingId: input.meetingId, personId, askedAt: input.at, closesAt: input.closesAt }));
      const rows = await db.insert(meetingEvaluations).values(values).onConflictDoNothing().returning({ personId: meetingEvaluations.personId });
      return { personIds: rows.map((r) => r.personId) };
    },

    async find(programmeId: string, meetingId: string, personId: string) {
      const [row] = await db
        .select()
        .from(meetingEvaluations)
        .where(and(eq(meetingEvaluations.programmeId, programmeId), eq(meetingEvaluations.meetingId, meetingId), eq(meetingEvaluations.personId, personId)));
      return { evaluation: row };
    },

    /** Sets or changes an answer, only while the window is open (`at` before `closes_at`). */
    async answer(input: { programmeId: string; id: string; usefulness: number; comment?: string | null; at: Date }) {
      const set = { usefulness: input.usefulness, answeredAt: input.at, ...(input.comment !== undefined ? { comment: input.comment } : {}) };
      const [row] = await db
        .update(meetingEvaluations)
        .set(set)
        .where(and(eq(meetingEvaluations.programmeId, input.programmeId), eq(meetingEvaluations.id, input.id), gt(meetingEvaluations.closesAt, input.at)))
        .returning();
      return { evaluation: row };
    },

    /** Asked, answered, average and the comments of one meeting — without names. */
    async summaryOf(programmeId: string, meetingId: string) {
      const rows = await db
        .select({ usefulness: meetingEvaluations.usefulness, comment: meetingEvaluations.comment })
        .from(meetingEvaluations)
        .where(and(eq(meetingEvaluations.programmeId, programmeId), eq(meetingEvaluations.meetingId, meetingId)))
        // Comments in a fixed order that is not the order people answered in, so none can be told apart.
        .orderBy(asc(meetingEvaluations.comment));
      return { summary: summarise(rows) };
    },

    /** The programme's answered evaluations per meeting kind for meetings held in [from, to]. */
    async byKind(programmeId: string, from: string, to: string, scope?: string[]) {
      const rows = await db
        .select({ kind: meetings.kind, answers: count(meetingEvaluations.usefulness), average: avg(meetingEvaluations.usefulness), meetings: sql<number>`count(distinct ${meetings.id})`.mapWith(Number) })
        .from(meetingEvaluations)
        .innerJoin(meetings, eq(meetings.id, meetingEvaluations.meetingId))
        .where(and(eq(meetingEvaluations.programmeId, programmeId), isNotNull(meetingEvaluations.usefulness), sql`${meetings.deletedAt} is null`, gte(meetings.heldOn, from), lte(meetings.heldOn, to), inScope(scope)))
        .groupBy(meetings.kind)
        .orderBy(asc(meetings.kind));
      return { kinds: rows.map((r) => ({ kind: r.kind as MeetingKind, answers: r.answers, meetings: r.meetings, average: r.average === null ? null : Number(r.average) })) };
    },

    /** Per evaluated meeting held in [from, to]: its answers' count and average, for the funder export. */
    async byMeeting(programmeId: string, from: string, to: string, scope?: string[]) {
      const rows = await db
        .select({ number: meetings.number, title: meetings.title, heldOn: meetings.heldOn, kind: meetings.kind, asked: count(), answers: count(meetingEvaluations.usefulness), average: avg(meetingEvaluations.usefulness) })
        .from(meetingEvaluations)
        .innerJoin(meetings, eq(meetings.id, meetingEvaluations.meetingId))
        .where(and(eq(meetingEvaluations.programmeId, programmeId), sql`${meetings.deletedAt} is null`, gte(meetings.heldOn, from), lte(meetings.heldOn, to), inScope(scope)))
        .groupBy(meetings.id)
        .orderBy(asc(meetings.heldOn), asc(meetings.number));
      return { meetings: rows.map((r) => ({ ...r, average: r.average === null ? null : Number(r.average) })) };
    },

    /** The comments given on meetings held in [from, to], per meeting number, never with who gave them. */
    async commentsInPeriod(programmeId: string, from: string, to: string) {
      const rows = await db
        .select({ number: meetings.number, comment: meetingEvaluations.comment })
        .from(meetingEvaluations)
        .innerJoin(meetings, eq(meetings.id, meetingEvaluations.meetingId))
        .where(and(eq(meetingEvaluations.programmeId, programmeId), isNotNull(meetingEvaluations.usefulness), isNotNull(meetingEvaluations.comment), sql`${meetings.deletedAt} is null`, gte(meetings.heldOn, from), lte(meetings.heldOn, to)))
        .orderBy(asc(meetings.number), asc(meetingEvaluations.comment));
      return { comments: rows.map((r) => ({ number: r.number, comment: r.comment! })) };
    },

    /** For a refusal's example (`evaluate M7`): the newest meeting `personId` may ask about — one they logged,
     *  or any when `manager` — that has participants LOKET knows besides them; none when there is no such. */
    async exampleToEvaluate(programmeId: string, personId: string, manager: boolean) {
      const [row] = await db
        .select({ number: meetings.number })
        .from(meetings)
        .where(
          and(
            eq(meetings.programmeId, programmeId),
            sql`${meetings.deletedAt} is null`,
            manager ? undefined : eq(meetings.authorId, personId),
            sql`exists (select 1 from meeting_participants mp where mp.meeting_id = ${meetings.id} and mp.person_id is not null and mp.person_id <> ${personId})`,
          ),
        )
        .orderBy(desc(meetings.heldOn), desc(meetings.number))
        .limit(1);
      return { number: row?.number };
    },

    /** For a refusal's example (`rate M7 4 …`): the meeting `personId` was asked about most recently whose
     *  answers are still open at `at`; none when there is no such. */
    async exampleToRate(programmeId: string, personId: string, at: Date) {
      const [row] = await db
        .select({ number: meetings.number })
        .from(meetingEvaluations)
        .innerJoin(meetings, eq(meetings.id, meetingEvaluations.meetingId))
        .where(and(eq(meetingEvaluations.programmeId, programmeId), eq(meetingEvaluations.personId, personId), gt(meetingEvaluations.closesAt, at), sql`${meetings.deletedAt} is null`))
        .orderBy(desc(meetingEvaluations.askedAt), desc(meetings.number))
        .limit(1);
      return { number: row?.number };
    },

    /** Meeting ids among `meetingIds` that have been evaluated (for views that show a summary only then). */
    async evaluatedAmong(programmeId: string, meetingIds: string[]) {
      if (!meetingIds.length) return { ids: new Set<string>() };
      const rows = await db
        .selectDistinct({ id: meetingEvaluations.meetingId })
        .from(meetingEvaluations)
        .where(and(eq(meetingEvaluations.programmeId, programmeId), inArray(meetingEvaluations.meetingId, meetingIds)));
      return { ids: new Set(rows.map((r) => r.id)) };
    },
  };
}

/** Meetings of the clusters in `scope` (a cluster's export, a leader's own clusters); all when undefined. */
function inScope(scope: string[] | undefined) {
  if (!scope) return undefined;
  if (!scope.length) return sql`false`;
  return sql`${meetingEvaluations.meetingId} in (select mc.meeting_id from meeting_clusters mc where mc.cluster_id in (${sql.join(scope.map((id) => sql`${id}::uuid`), sql`, `)}))`;
}

export interface EvaluationSummary {
  asked: number;
  answers: number;
  average: number | null;
  comments: string[];
}

function summarise(rows: { usefulness: number | null; comment: string | null }[]): EvaluationSummary {
  const scores = rows.flatMap((r) => (r.usefulness === null ? [] : [r.usefulness]));
  const average = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  const comments = rows.flatMap((r) => (r.usefulness !== null && r.comment ? [r.comment] : []));
  return { asked: rows.length, answers: scores.length, average, comments };
}

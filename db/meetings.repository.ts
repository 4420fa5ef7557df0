import { and, desc, eq, getTableColumns, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { insertActionItems, type NewActionItem } from './action-items.repository.js';
import { numberFrom, numbersCte } from './counters.repository.js';
import { insertNotes } from './notes.repository.js';
import { decisions, meetingClusters, meetingOrganisations, meetingParticipants, meetings, type MeetingKind } from './schema/index.js';
import { createMeetingDetailsRepository } from './meeting-details.repository.js';

const { searchVector: _vector, ...meetingColumns } = getTableColumns(meetings);
export type Meeting = Omit<typeof meetings.$inferSelect, 'searchVector'>;

export interface NewParticipant {
  personId?: string;
  guestName?: string;
  organisationId?: string;
  guestOrganisation?: string;
}

export interface NewMeeting {
  programmeId: string;
  title: string;
  heldOn: string;
  kind: MeetingKind;
  authorId: string;
  clusterIds: string[];
  participants: NewParticipant[];
  organisationIds: string[];
  decisions: string[];
  actions: NewActionItem[];
  notes: string[];
  at: Date;
  /** A planned meeting's short id, kept when it is logged (`meeting log M12`); else a new one is drawn. */
  number?: number;
}

const live = (programmeId: string) => and(eq(meetings.programmeId, programmeId), isNull(meetings.deletedAt));

/**
 * The lowest number of another live meeting of the programme with the same title (case aside) held the same
 * day and sharing a cluster with the new one — or, for a programme-wide meeting, another programme-wide one;
 * null when there is none. For the RETURNING of the new meeting's INSERT, whose snapshot does not hold the
 * new row (nor its clusters, inserted after it): the new meeting's clusters are the ones it is logged with.
 */
function sameMeeting(input: NewMeeting): SQL<number | null> {
  const clusters = input.clusterIds.length
    ? sql`exists (select 1 from meeting_clusters mc where mc.meeting_id = m.id and mc.cluster_id in (${sql.join(input.clusterIds.map((id) => sql`${id}::uuid`), sql`, `)}))`
    : sql`not exists (select 1 from meeting_clusters mc where mc.meeting_id = m.id)`;
  // Titles are compared by their words: case, a phone's double space or a closing full stop make no other meeting.
  const words = (title: SQL | string) => sql`btrim(regexp_replace(lower(${title}), '[[:space:][:punct:]]+', ' ', 'g'))`;
  return sql<number | null>`(select min(m.number) from meetings m
    where m.programme_id = ${input.programmeId} and m.deleted_at is null and m.id <> "meetings"."id"
      and m.held_on = ${input.heldOn}::date and ${words(sql`m.title`)} = ${words(input.title)} and ${clusters})`.mapWith(Number);
}

export function createMeetingsRepository({ db }: { db: Database }) {
  return {
    ...createMeetingDetailsRepository({ db }),

    /**
     * A meeting with everything logged at it, in one go (the command's transaction makes it atomic), and the
     * number of a live meeting it may repeat (`duplicateOf`, see sameMeeting): it is stored all the same (two
     * meetings may share a title), the reply says so. Read in the INSERT's own statement: no extra one.
     */
    async create(input: NewMeeting) {
      const { programmeId, at } = input;
      const values = { programmeId, title: input.title, heldOn: input.heldOn, kind: input.kind, authorId: input.authorId, createdAt: at, updatedAt: at };
      const returned = { ...meetingColumns, duplicateOf: sameMeeting(input) };
      // A planned meeting being logged keeps its number; a new one takes the next in the same statement.
      const allocated = input.number === undefined ? numbersCte(db, programmeId, 'M', 1) : undefined;
      const [row] = allocated
        ? await db.with(allocated).insert(meetings).values({ ...values, number: numberFrom(allocated, 0) }).returning(returned)
        : await db.insert(meetings).values({ ...values, number: input.number! }).returning(returned);
      const { duplicateOf, ...meeting } = row!;
      const meetingId = meeting.id;
      const owned = { programmeId, meetingId };
      // Everything else hangs off the meeting and nothing of it reads another: sent together, one round trip.
      const [actions, notes] = await Promise.all([
        insertActionItems(db, { ...owned, at, actions: input.actions }),
        insertNotes(db, { ...owned, authorId: input.authorId, texts: input.notes, at }),
        input.clusterIds.length ? db.insert(meetingClusters).values(input.clusterIds.map((clusterId) => ({ ...owned, clusterId }))) : undefined,
        input.participants.length ? db.insert(meetingParticipants).values(input.participants.map((p) => ({ ...owned, ...p }))) : undefined,
        input.organisationIds.length ? db.insert(meetingOrganisations).values(input.organisationIds.map((organisationId) => ({ ...owned, organisationId }))) : undefined,
        input.decisions.length ? db.insert(decisions).values(input.decisions.map((text, position) => ({ ...owned, position, text, createdAt: at }))) : undefined,
      ]);
      return { meeting, actions, notes, duplicateOf };
    },

    /**
     * Adds people and guests to a logged meeting (`meeting edit M5 with:@anna`). A person already there is
     * not added twice (the unique index holds it under concurrent edits), nor a guest of the same name.
     * Returns those added.
     */
    async addParticipants(programmeId: string, meetingId: string, participants: NewParticipant[]) {
      const present = await db
        .select({ personId: meetingParticipants.personId, guestName: meetingParticipants.guestName })
        .from(meetingParticipants)
        .where(and(eq(meetingParticipants.programmeId, programmeId), eq(meetingParticipants.meetingId, meetingId)));
      const guestKey = (name: string | null | undefined) => (name ?? '').trim().toLocaleLowerCase('sv');
      const fresh = participants.filter((p) =>
        p.personId ? !present.some((row) => row.personId === p.personId) : !present.some((row) => row.personId === null && guestKey(row.guestName) === guestKey(p.guestName)),
      );
      if (!fresh.length) return { added: [] as NewParticipant[] };
      const rows = await db
        .insert(meetingParticipants)
        .values(fresh.map((p) => ({ programmeId, meetingId, ...p })))
        .onConflictDoNothing()
        .returning({ personId: meetingParticipants.personId, guestName: meetingParticipants.guestName });
      return { added: fresh.filter((p) => rows.some((row) => (p.personId ? row.personId === p.personId : row.personId === null && row.guestName === p.guestName))) };
    },

    /** A live meeting by its short number; deleted ones are "not found" like those of other programmes. */
    async findByNumber(programmeId: string, number: number) {
      const [meeting] = await db.select(meetingColumns).from(meetings).where(and(live(programmeId), eq(meetings.number, number)));
      return { meeting };
    },

    /** History, newest first, with each meeting's clusters and counts. */
    async list(input: { programmeId: string; clusterId?: string; from?: string; to?: string; limit: number }) {
      const filters: (SQL | undefined)[] = [live(input.programmeId)];
      if (input.clusterId) filters.push(inArray(meetings.id, db.select({ id: meetingClusters.meetingId }).from(meetingClusters).where(eq(meetingClusters.clusterId, input.clusterId))));
      if (input.from) filters.push(gte(meetings.heldOn, input.from));
      if (input.to) filters.push(lte(meetings.heldOn, input.to));
      const rows = await db
        .select({
          meeting: meetingColumns,
          // Spelled out: drizzle leaves columns unqualified in a one-table select, and an unqualified "id"
          // inside these subqueries would mean the subquery's own row.
          clusterNames: sql<string | null>`(select string_agg(c.name, ', ' order by c.name) from meeting_clusters mc join clusters c on c.id = mc.cluster_id where mc.meeting_id = "meetings"."id")`,
          decisionCount: sql<number>`(select count(*) from decisions d where d.meeting_id = "meetings"."id")`.mapWith(Number),
          openActionCount: sql<number>`(select count(*) from action_items a where a.meeting_id = "meetings"."id" and a.done_at is null)`.mapWith(Number),
          total: sql<number>`count(*) over ()`.mapWith(Number),
        })
        .from(meetings)
        .where(and(...filters))
        .orderBy(desc(meetings.heldOn), desc(meetings.number))
        .limit(input.limit);
      return { meetings: rows.map(({ total: _t, ...row }) => row), total: rows[0]?.total ?? 0 };
    },

    async update(programmeId: string, id: string, changes: { title?: string; heldOn?: string; kind?: MeetingKind }, at: Date) {
      const [meeting] = await db.update(meetings).set({ ...changes, updatedAt: at }).where(and(live(programmeId), eq(meetings.id, id))).returning(meetingColumns);
      return { meeting };
    },

    /** Soft delete: the rows stay for the audit trail; lists, search and ids no longer find them. */
    async softDelete(programmeId: string, id: string, by: string, at: Date) {
      const [meeting] = await db.update(meetings).set({ deletedAt: at, deletedBy: by, updatedAt: at }).where(and(live(programmeId), eq(meetings.id, id))).returning(meetingColumns);
      return { meeting };
    },
  };
}

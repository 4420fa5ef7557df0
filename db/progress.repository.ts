import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { absences, clusters, memberships, people, progressNotes, type Mood } from './schema/index.js';

export type ProgressNote = typeof progressNotes.$inferSelect;
/** A note with its author's display name (null when the author was forgotten). */
export type AuthoredNote = ProgressNote & { authorName: string | null };

export interface ProgressFields {
  done?: string;
  next?: string;
  blockers?: string;
  need?: string;
  mood?: Mood;
}

export function createProgressRepository({ db }: { db: Database }) {
  return {
    /** One note per author, cluster and ISO week: a second post by the same person that week updates the fields
     *  it names and keeps the rest; a deputy's post never touches the leader's note. */
    async upsert(input: { programmeId: string; clusterId: string; isoWeek: string; authorId: string; fields: ProgressFields; at: Date }) {
      const f = input.fields;
      const values = { done: f.done ?? null, next: f.next ?? null, blockers: f.blockers ?? null, need: f.need ?? null, mood: f.mood ?? null };
      const keep = (column: keyof typeof values) => sql.raw(`coalesce(excluded.${column}, progress_notes.${column})`);
      const [row] = await db
        .insert(progressNotes)
        .values({ programmeId: input.programmeId, clusterId: input.clusterId, isoWeek: input.isoWeek, authorId: input.authorId, ...values, createdAt: input.at, updatedAt: input.at })
        .onConflictDoUpdate({
          target: [progressNotes.clusterId, progressNotes.isoWeek, progressNotes.authorId],
          set: { done: keep('done'), next: keep('next'), blockers: keep('blockers'), need: keep('need'), mood: keep('mood'), updatedAt: input.at },
        })
        .returning({ ...getTableColumns(progressNotes), created: sql<boolean>`(xmax = 0)` });
      // xmax is 0 only on a freshly inserted row: how Postgres tells an insert from an ON CONFLICT update.
      const { created, ...note } = row!;
      return { note: note as ProgressNote, created };
    },

    /** The author's own note of the week (the form starts from it). */
    async findOwn(programmeId: string, clusterId: string, isoWeek: string, authorId: string) {
      const [note] = await db
        .select()
        .from(progressNotes)
        .where(and(eq(progressNotes.programmeId, programmeId), eq(progressNotes.clusterId, clusterId), eq(progressNotes.isoWeek, isoWeek), eq(progressNotes.authorId, authorId)));
      return { note };
    },

    /** Whether the cluster has a note that week, by anyone: the latest one. */
    async find(programmeId: string, clusterId: string, isoWeek: string) {
      const [note] = await db
        .select()
        .from(progressNotes)
        .where(and(eq(progressNotes.programmeId, programmeId), eq(progressNotes.clusterId, clusterId), eq(progressNotes.isoWeek, isoWeek)))
        .orderBy(desc(progressNotes.updatedAt))
        .limit(1);
      return { note };
    },

    /** Every note of the cluster's latest `weeks` weeks that have notes, newest week first and, within a week,
     *  in the order they were first written; each with its author's name (null once the author is forgotten).
     *  ISO week strings sort chronologically. */
    async recent(programmeId: string, clusterId: string, weeks: number) {
      const scope = and(eq(progressNotes.programmeId, programmeId), eq(progressNotes.clusterId, clusterId));
      const latestWeeks = db.selectDistinct({ isoWeek: progressNotes.isoWeek }).from(progressNotes).where(scope).orderBy(desc(progressNotes.isoWeek)).limit(weeks);
      const notes = await db
        .select({ ...getTableColumns(progressNotes), authorName: people.displayName })
        .from(progressNotes)
        .leftJoin(people, eq(people.id, progressNotes.authorId))
        .where(and(scope, inArray(progressNotes.isoWeek, latestWeeks)))
        .orderBy(desc(progressNotes.isoWeek), asc(progressNotes.createdAt), asc(progressNotes.id));
      return { notes };
    },

    /** Every note of the given weeks, each author's separately (a cluster-week is posted when it has any),
     *  in the order they were first written, with the author's name. */
    async ofWeeks(programmeId: string, isoWeeks: string[]) {
      if (isoWeeks.length === 0) return { notes: [] as AuthoredNote[] };
      const notes = await db
        .select({ ...getTableColumns(progressNotes), authorName: people.displayName })
        .from(progressNotes)
        .leftJoin(people, eq(people.id, progressNotes.authorId))
        .where(and(eq(progressNotes.programmeId, programmeId), inArray(progressNotes.isoWeek, isoWeeks)))
        .orderBy(asc(progressNotes.isoWeek), asc(progressNotes.createdAt), asc(progressNotes.id));
      return { notes };
    },

    /** Every cluster at work with its leader (if any), for reminders, `progress missing` and the digest. A
     *  retired cluster takes no weekly note (`cluster retire`), so nobody is asked for one or told it is
     *  missing; the digest asks for retired ones too (`includeRetired`) and shows one only with news that week. */
    async clustersWithLeaders(programmeId: string, options: { includeRetired?: boolean } = {}) {
      const rows = await db
        .select({ cluster: clusters, leader: people })
        .from(clusters)
        .leftJoin(memberships, and(eq(memberships.clusterId, clusters.id), eq(memberships.role, 'leader')))
        .leftJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(clusters.programmeId, programmeId), options.includeRetired ? undefined : isNull(clusters.retiredAt)))
        .orderBy(asc(sql`lower(${clusters.name})`));
      return { clusters: rows };
    },

    async addAbsence(input: { programmeId: string; personId: string; fromDate: string; toDate: string; at: Date }) {
      const [absence] = await db.insert(absences).values({ ...input, createdAt: input.at }).returning();
      return { absence: absence! };
    },

    /** Absences of the given people that overlap [from, to] (days, inclusive). */
    async absencesOverlapping(programmeId: string, personIds: string[], from: string, to: string) {
      if (personIds.length === 0) return { absences: [] as (typeof absences.$inferSelect)[] };
      const rows = await db
        .select()
        .from(absences)
        .where(and(eq(absences.programmeId, programmeId), inArray(absences.personId, personIds), lte(absences.fromDate, to), gte(absences.toDate, from)));
      return { absences: rows };
    },
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;

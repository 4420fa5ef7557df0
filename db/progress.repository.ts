import { and, asc, desc, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { absences, clusters, memberships, people, progressNotes, type Mood } from './schema/index.js';

export type ProgressNote = typeof progressNotes.$inferSelect;

export interface ProgressFields {
  done?: string;
  next?: string;
  blockers?: string;
  need?: string;
  mood?: Mood;
}

export function createProgressRepository({ db }: { db: Database }) {
  return {
    /** One note per (cluster, ISO week): a second post that week updates the fields it names and keeps the rest. */
    async upsert(input: { programmeId: string; clusterId: string; isoWeek: string; authorId: string; fields: ProgressFields; at: Date }) {
      const f = input.fields;
      const values = { done: f.done ?? null, next: f.next ?? null, blockers: f.blockers ?? null, need: f.need ?? null, mood: f.mood ?? null };
      const keep = (column: keyof typeof values) => sql.raw(`coalesce(excluded.${column}, progress_notes.${column})`);
      const [row] = await db
        .insert(progressNotes)
        .values({ programmeId: input.programmeId, clusterId: input.clusterId, isoWeek: input.isoWeek, authorId: input.authorId, ...values, createdAt: input.at, updatedAt: input.at })
        .onConflictDoUpdate({
          target: [progressNotes.clusterId, progressNotes.isoWeek],
          set: { authorId: input.authorId, done: keep('done'), next: keep('next'), blockers: keep('blockers'), need: keep('need'), mood: keep('mood'), updatedAt: input.at },
        })
        .returning({ ...getTableColumns(progressNotes), created: sql<boolean>`(xmax = 0)` });
      // xmax is 0 only on a freshly inserted row: how Postgres tells an insert from an ON CONFLICT update.
      const { created, ...note } = row!;
      return { note: note as ProgressNote, created };
    },

    async find(programmeId: string, clusterId: string, isoWeek: string) {
      const [note] = await db
        .select()
        .from(progressNotes)
        .where(and(eq(progressNotes.programmeId, programmeId), eq(progressNotes.clusterId, clusterId), eq(progressNotes.isoWeek, isoWeek)));
      return { note };
    },

    /** ISO week strings sort chronologically, so the newest notes come first by iso_week. */
    async recent(programmeId: string, clusterId: string, limit: number) {
      const notes = await db
        .select()
        .from(progressNotes)
        .where(and(eq(progressNotes.programmeId, programmeId), eq(progressNotes.clusterId, clusterId)))
        .orderBy(desc(progressNotes.isoWeek))
        .limit(limit);
      return { notes };
    },

    async ofWeeks(programmeId: string, isoWeeks: string[]) {
      if (isoWeeks.length === 0) return { notes: [] as ProgressNote[] };
      const notes = await db
        .select()
        .from(progressNotes)
        .where(and(eq(progressNotes.programmeId, programmeId), inArray(progressNotes.isoWeek, isoWeeks)));
      return { notes };
    },

    /** Every cluster with its leader (if any), for reminders, `progress missing` and the digest. */
    async clustersWithLeaders(programmeId: string) {
      const rows = await db
        .select({ cluster: clusters, leader: people })
        .from(clusters)
        .leftJoin(memberships, and(eq(memberships.clusterId, clusters.id), eq(memberships.role, 'leader')))
        .leftJoin(people, eq(people.id, memberships.personId))
        .where(eq(clusters.programmeId, programmeId))
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

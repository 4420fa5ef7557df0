import { getTableColumns } from 'drizzle-orm';
import type { Database } from './database.js';
import { numberFrom, numbersCte } from './counters.repository.js';
import { notes } from './schema/index.js';

const { searchVector: _vector, ...noteColumns } = getTableColumns(notes);
export type Note = Omit<typeof notes.$inferSelect, 'searchVector'>;

interface NewNotes {
  programmeId: string;
  authorId: string;
  texts: string[];
  at: Date;
  clusterId?: string;
  meetingId?: string;
}

/** Inserts notes with consecutive short numbers (N5, N6 …) in the order they were written. */
export async function insertNotes(db: Database, input: NewNotes): Promise<Note[]> {
  if (input.texts.length === 0) return [];
  const allocated = numbersCte(db, input.programmeId, 'N', input.texts.length);
  const rows = input.texts.map((text, i) => ({
    programmeId: input.programmeId,
    number: numberFrom(allocated, i),
    clusterId: input.clusterId ?? null,
    meetingId: input.meetingId ?? null,
    authorId: input.authorId,
    text,
    createdAt: input.at,
  }));
  const inserted = await db.with(allocated).insert(notes).values(rows).returning(noteColumns);
  return inserted.sort((a, b) => a.number - b.number);
}

export function createNotesRepository({ db }: { db: Database }) {
  return {
    /** `note <cluster> <text>`: a knowledge entry owned by the cluster. */
    async create(input: { programmeId: string; clusterId: string; authorId: string; text: string; at: Date }) {
      const [note] = await insertNotes(db, { programmeId: input.programmeId, clusterId: input.clusterId, authorId: input.authorId, texts: [input.text], at: input.at });
      return { note: note! };
    },
  };
}

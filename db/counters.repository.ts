import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { programmeCounters, type CounterKind } from './schema/index.js';

/**
 * Hands out `count` consecutive short numbers of one kind and returns the first. One upsert takes the
 * counter row's lock until the command commits, so concurrent commands in the same programme queue here
 * instead of colliding on the unique (programme, number) indexes.
 */
export async function allocateNumbers(db: Database, programmeId: string, kind: CounterKind, count: number): Promise<number> {
  if (count <= 0) return 0;
  const [row] = await db
    .insert(programmeCounters)
    .values({ programmeId, kind, next: 1 + count })
    .onConflictDoUpdate({ target: [programmeCounters.programmeId, programmeCounters.kind], set: { next: sql`${programmeCounters.next} + ${count}` } })
    .returning({ next: programmeCounters.next });
  return row!.next - count;
}

export function createCountersRepository({ db }: { db: Database }) {
  return {
    async allocate(programmeId: string, kind: CounterKind, count = 1) {
      return { first: await allocateNumbers(db, programmeId, kind, count) };
    },
  };
}

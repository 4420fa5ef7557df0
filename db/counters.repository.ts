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

/**
 * The same allocation as a CTE (`first`: the first number) for an INSERT to take its numbers from, so
 * allocating and inserting are one statement: the counter row's lock, which serialises a programme's
 * writers, is then held one round trip less (issue 21). Use as `db.with(cte).insert(…)` with
 * `numberFrom(cte, i)` for the i-th row's number.
 */
export function numbersCte(db: Database, programmeId: string, kind: CounterKind, count: number) {
  return db.$with('allocated', { first: sql<number>`first` }).as(
    sql`insert into ${programmeCounters} (programme_id, kind, next) values (${programmeId}, ${kind}, ${1 + count})
      on conflict (programme_id, kind) do update set next = ${programmeCounters}.next + ${count} returning next - ${count} as first`,
  );
}

export function numberFrom(cte: ReturnType<typeof numbersCte>, offset: number) {
  return sql<number>`(select first from ${cte}) + ${offset}::integer`;
}

export function createCountersRepository({ db }: { db: Database }) {
  return {
    async allocate(programmeId: string, kind: CounterKind, count = 1) {
      return { first: await allocateNumbers(db, programmeId, kind, count) };
    },
  };
}

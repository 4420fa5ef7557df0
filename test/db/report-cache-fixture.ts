// The figures report_cache holds, read through the cache and computed fresh, in the shape the tests compare.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { rowsOf } from '../../db/migrate.js';
import { createRepositories } from '../../db/repositories.js';
import type { ClusterScope } from '../../db/status.repository.js';
import { TODAY } from './continuity-cache-fixture.js';

// Wide enough that every write of the tests falls inside it, so each changes some figure.
const PERIOD = { from: '2024-01-01', to: '2026-12-31' };

export type Figures = Awaited<ReturnType<typeof read>>;

async function read(db: Database, programmeId: string, scope: ClusterScope) {
  const repos = createRepositories(db);
  const input = { programmeId, scope, ...PERIOD, timezone: 'Europe/Stockholm' };
  const [{ clusters }, figures, open] = await Promise.all([
    repos.status.clusters({ ...input, today: TODAY }),
    repos.indicators.figures(input),
    repos.actionItems.countOpen({ programmeId, ...(scope ? { clusterIds: scope } : {}), today: TODAY }),
  ]);
  // Keys in one order: a payload read back from jsonb has its keys in jsonb's order.
  const sorted = <T extends object>(rows: T[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  return { clusters: sorted(clusters), byKind: sorted(figures.byKind), organisations: figures.organisations, people: sorted(figures.rows), open };
}

/** Through the cache, in one transaction as `status` reads it. */
export async function cachedFigures(db: Database, programmeId: string, scope?: ClusterScope): Promise<Figures> {
  return db.transaction(async (tx) => read(tx as unknown as Database, programmeId, scope));
}

class Undo extends Error {
  constructor(readonly figures: Figures) {
    super('undo');
  }
}

/** Computed from the records now: the programme's cached rows are dropped first, in a transaction rolled
 *  back afterwards, so the cache the next read finds is left as it was. */
export async function freshFigures(db: Database, programmeId: string, scope?: ClusterScope): Promise<Figures> {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from report_cache where programme_id = ${programmeId}`);
      throw new Undo(await read(tx as unknown as Database, programmeId, scope));
    });
  } catch (error) {
    if (error instanceof Undo) return error.figures;
    throw error;
  }
  throw new Error('unreachable');
}

/** When each cached row of the programme was computed, by key. */
export async function reportComputedAt(db: Database, programmeId: string): Promise<Record<string, string>> {
  const result = await db.execute(sql`select key, computed_at::text as at from report_cache where programme_id = ${programmeId}`);
  return Object.fromEntries(rowsOf<{ key: string; at: string }>(result).map((r) => [r.key, r.at]));
}

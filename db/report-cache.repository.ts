// The heavy figures of `status` and the dashboard — each cluster's meetings and open action items, the
// funder's indicator figures, the open action items' totals — cached per programme in report_cache and kept
// exact by report_changes, which the triggers of migration 0017 append to on every write to the tables they
// read: meetings, meeting_clusters, meeting_participants, meeting_organisations, action_items, people,
// memberships, programme_roles, organisations. A statement cached here must read no other table (a test
// checks each against a fresh computation after writes to every one of them). At a million rows the three
// statements cost about 180 ms of a `status`; read from here, one indexed row each (docs/benchmarks.md).
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';

// Key space of the refresh lock (pg_advisory_xact_lock(int, int)); the second key is the programme's.
const REFRESH_LOCK = 0x5e7a;
// Cached figures of other days (`today` is part of every key) are dropped after this long.
const KEEP = '2 days';

/**
 * Takes the programme's refresh lock and consumes its log, once per transaction: `status` misses three
 * figures at once after a write, and they share the wait and the delete. The lock has its own statement so
 * that the delete's snapshot, taken after the wait, sees what the previous holder committed. With changes,
 * every cached row of the programme goes; without, only rows of other days (`today` is in every key).
 */
function consumeChanges(db: Database, programmeId: string): Promise<void> {
  let done = consumed.get(db)?.get(programmeId);
  if (!done) {
    done = (async () => {
      await db.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK}, hashtext(${programmeId}))`);
      await db.execute(sql`
        with changed as (delete from report_changes ch where ch.programme_id = ${programmeId} returning 1)
        delete from report_cache rc where rc.programme_id = ${programmeId}
          and (exists (select 1 from changed) or rc.computed_at < now() - ${KEEP}::interval)`);
    })();
    const ofTransaction = consumed.get(db) ?? new Map<string, Promise<void>>();
    ofTransaction.set(programmeId, done);
    consumed.set(db, ofTransaction);
  }
  return done;
}
const consumed = new WeakMap<Database, Map<string, Promise<void>>>();

export function createReportCacheRepository({ db }: { db: Database }) {
  return {
    /**
     * The result of `compute` for this programme and key, from the cache when nothing it reads has changed
     * since it was stored. `key` must hold every input of the computation.
     *
     * Why this is exact under READ COMMITTED (as continuity's cache, db/continuity-cache.repository.ts): a
     * cached row is current when its programme has no log row. A refresh takes the programme's lock, then in
     * one statement deletes the log rows its snapshot sees — changes committed before it — and, if there were
     * any, every cached row of the programme; the computation is a later statement, so its snapshot holds
     * every change whose log row was deleted. A write committed after the delete keeps its log row (a write
     * and its log row commit together), so the next read recomputes. The lock keeps a slower refresh from
     * storing a result computed before a newer refresh consumed the log; it is held to the end of the
     * command's transaction, and reads that find their row current never take it.
     */
    async cached<T>(programmeId: string, key: string, compute: () => Promise<T>): Promise<T> {
      const first = await db.execute(sql`
        select (select rc.payload from report_cache rc where rc.programme_id = ${programmeId} and rc.key = ${key}) as payload,
          exists (select 1 from report_changes ch where ch.programme_id = ${programmeId}) as stale`);
      const hit = rowsOf<{ payload: unknown; stale: boolean }>(first)[0];
      if (hit && hit.payload !== null && !hit.stale) return json<T>(hit.payload);
      // The lock lasts to the end of a transaction; outside one (no command runs there) nothing is stored.
      const inTransaction: boolean = db instanceof PgTransaction;
      if (!inTransaction) return compute();
      await consumeChanges(db, programmeId);
      const value = await compute();
      await db.execute(sql`
        insert into report_cache (programme_id, key, payload, computed_at) values (${programmeId}, ${key}, ${JSON.stringify(value)}::jsonb, clock_timestamp())
        on conflict (programme_id, key) do update set payload = excluded.payload, computed_at = excluded.computed_at`);
      return value;
    },
  };
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

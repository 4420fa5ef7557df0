import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './database.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any constant works; it only has to be the same for every LOKET instance sharing a database.
const MIGRATION_LOCK_KEY = 0x4c4f4b45; // "LOKE"

/**
 * Applies db/migrations once, even when several instances start at the same moment: the first takes a
 * session advisory lock, the others wait on it and then find nothing left to apply. The session lock
 * needs one connection for lock, migrate and unlock, hence a transaction (which pins a connection in
 * postgres.js) with a transaction-scoped lock.
 */
export async function migrate(db: Database): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists loket_meta`);
    await tx.execute(sql`create table if not exists loket_meta.migrations (
      hash text primary key, created_at bigint not null, applied_at timestamptz not null default now())`);
    const rows = await tx.execute<{ hash: string }>(sql`select hash from loket_meta.migrations`);
    const done = new Set(rowsOf<{ hash: string }>(rows).map((r) => r.hash));
    let applied = 0;
    for (const migration of migrations) {
      if (done.has(migration.hash)) continue;
      for (const statement of migration.sql) if (statement.trim()) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into loket_meta.migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`);
      applied += 1;
    }
    return { applied };
  });
}

/** True when every migration in the folder has been applied (for /ready). */
export async function isMigrated(db: Database): Promise<boolean> {
  const migrations = readMigrationFiles({ migrationsFolder });
  try {
    const rows = await db.execute<{ hash: string }>(sql`select hash from loket_meta.migrations`);
    const done = new Set(rowsOf<{ hash: string }>(rows).map((r) => r.hash));
    return migrations.every((m) => done.has(m.hash));
  } catch {
    return false;
  }
}

// postgres.js returns an array of rows; PGlite returns { rows }.
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

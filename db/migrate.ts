import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { Database } from './database.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any constant works; it only has to be the same for every LOKET instance sharing a database.
const MIGRATION_LOCK_KEY = 0x4c4f4b45; // "LOKE"

/**
 * The first line of a migration that must not run inside a transaction (`CREATE INDEX CONCURRENTLY`, which
 * Postgres refuses in a transaction block, so a new index on a large table does not block writers). Such a
 * migration's statements run one by one; it is recorded once all have succeeded, so a failed run repeats
 * it whole: write each statement so that it can run again (docs/operations.md "Migrations").
 */
export const NO_TRANSACTION_MARKER = '-- loket:no-transaction';

export function runsOutsideTransaction(migration: Pick<MigrationMeta, 'sql'>): boolean {
  return (migration.sql[0] ?? '').trimStart().startsWith(NO_TRANSACTION_MARKER);
}

/** One database connection held for the whole run: the session advisory lock belongs to it. */
interface Session {
  run(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  release(): Promise<void>;
}

/**
 * Applies db/migrations once, even when several instances (or `npm run db:migrate`) start at the same
 * moment: the first takes a session advisory lock on one pinned connection, the others wait on it and then
 * find nothing left to apply. Each ordinary migration runs in its own transaction together with the row
 * that records it; a migration marked with NO_TRANSACTION_MARKER runs statement by statement, still under
 * the lock. Instances of the previous version keep serving meanwhile (expand → migrate → contract,
 * docs/operations.md "Upgrading").
 */
export async function migrate(db: Database, options: { folder?: string } = {}): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder: options.folder ?? migrationsFolder });
  const session = await pin(db);
  try {
    await session.run('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.run('create schema if not exists loket_meta');
      await session.run(`create table if not exists loket_meta.migrations (
        hash text primary key, created_at bigint not null, applied_at timestamptz not null default now())`);
      const done = new Set((await session.run('select hash from loket_meta.migrations')).map((r) => String(r.hash)));
      let applied = 0;
      for (const migration of migrations) {
        if (done.has(migration.hash)) continue;
        if (runsOutsideTransaction(migration)) await applyStatementByStatement(session, migration);
        else await applyInTransaction(session, migration);
        applied += 1;
      }
      return { applied };
    } finally {
      await session.run('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await session.release();
  }
}

const statementsOf = (migration: MigrationMeta) => migration.sql.filter((statement) => statement.trim());
const recordSql = 'insert into loket_meta.migrations (hash, created_at) values ($1, $2)';

async function applyInTransaction(session: Session, migration: MigrationMeta): Promise<void> {
  await session.run('begin');
  try {
    for (const statement of statementsOf(migration)) await session.run(statement);
    await session.run(recordSql, [migration.hash, migration.folderMillis]);
    await session.run('commit');
  } catch (error) {
    await session.run('rollback');
    throw error;
  }
}

async function applyStatementByStatement(session: Session, migration: MigrationMeta): Promise<void> {
  for (const statement of statementsOf(migration)) await session.run(statement);
  await session.run(recordSql, [migration.hash, migration.folderMillis]);
}

/** postgres.js: a reserved connection from the pool; PGlite: the database itself (it has one connection). */
async function pin(db: Database): Promise<Session> {
  const client = (db as unknown as { $client: unknown }).$client as PostgresJsClient | PgliteClient;
  if ('reserve' in client && typeof client.reserve === 'function') {
    const reserved = await client.reserve();
    return {
      run: async (text, params = []) => [...(await reserved.unsafe(text, params as never[]))] as Record<string, unknown>[],
      release: async () => reserved.release(),
    };
  }
  const pglite = client as PgliteClient;
  return {
    run: async (text, params = []) => (params.length ? (await pglite.query(text, params)).rows : ((await pglite.exec(text)).at(-1)?.rows ?? [])) as Record<string, unknown>[],
    release: async () => {},
  };
}

// The few methods used here, typed locally so db/migrate.ts stays independent of both drivers' types.
interface PostgresJsClient {
  reserve(): Promise<{ unsafe(text: string, params?: never[]): Promise<Iterable<unknown>>; release(): void }>;
}
interface PgliteClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
}

/** True when every migration in the folder has been applied (for /ready). */
export async function isMigrated(db: Database, options: { folder?: string } = {}): Promise<boolean> {
  const migrations = readMigrationFiles({ migrationsFolder: options.folder ?? migrationsFolder });
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

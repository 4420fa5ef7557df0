// Migrations that must not run in a transaction (CREATE INDEX CONCURRENTLY, so a new index on a large table
// does not block writers) run under the same session advisory lock as the others, once, on both databases:
// a folder with the real migrations plus one hand-written step marked `-- loket:no-transaction`.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/client.js';
import { isMigrated, migrate, migrationsFolder, NO_TRANSACTION_MARKER, rowsOf, runsOutsideTransaction } from '../../db/migrate.js';
import { createScratchDatabase, openTestDatabase, testDatabaseKind } from '../support/test-database.js';

let folder: string;
let opened: OpenedDatabase;
const stepCount = readMigrationFiles({ migrationsFolder }).length;

/** The real migrations plus one more, as `drizzle-kit generate --custom` would add it to the journal. */
function withExtraMigration(tag: string, body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'loket-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag, breakpoints: true });
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  writeFileSync(join(dir, `${tag}.sql`), body);
  return dir;
}

/** PGlite: the run's migrated database (its own in-memory copy), so only the extra migration is new there;
 *  Postgres: an empty scratch database, where every migration runs. */
async function openDatabaseForRun(): Promise<OpenedDatabase & { url?: string }> {
  if (testDatabaseKind === 'pglite') return openTestDatabase();
  const scratch = await createScratchDatabase();
  const opened = await openDatabase({ databaseUrl: scratch.url, dataDir: '', maxConnections: 3 });
  return { ...opened, url: scratch.url, close: async () => { await opened.close(); await scratch.drop(); } };
}

beforeAll(async () => {
  opened = await openDatabaseForRun();
  folder = withExtraMigration('9999_meetings_held_on_concurrently', [
    NO_TRANSACTION_MARKER,
    '-- Hand-written: a new index built without blocking writers. Each statement can run again after a failure.',
    'DROP INDEX CONCURRENTLY IF EXISTS "meetings_held_on_test_idx";--> statement-breakpoint',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "meetings_held_on_test_idx" ON "meetings" ("held_on");',
  ].join('\n'));
});
afterAll(async () => {
  await opened.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('migration steps outside a transaction', () => {
  it('only a migration whose first line is the marker runs outside a transaction; none of the committed ones is', () => {
    const extra = readMigrationFiles({ migrationsFolder: folder }).at(-1)!;
    expect(runsOutsideTransaction(extra)).toBe(true);
    expect(readMigrationFiles({ migrationsFolder }).filter(runsOutsideTransaction)).toEqual([]);
  });

  it('CREATE INDEX CONCURRENTLY is applied once, leaves a valid index, and the database reports migrated', async () => {
    expect(await migrate(opened.db, { folder })).toEqual({ applied: testDatabaseKind === 'pglite' ? 1 : stepCount + 1 });
    expect(await migrate(opened.db, { folder })).toEqual({ applied: 0 });
    expect(await isMigrated(opened.db, { folder })).toBe(true);
    const rows = rowsOf<{ valid: boolean }>(await opened.db.execute(sql`select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = 'meetings_held_on_test_idx'`));
    expect(rows).toEqual([{ valid: true }]);
  }, 60_000);

  it('the same statement in an ordinary migration is refused by Postgres and nothing of that migration is recorded', async () => {
    const plain = withExtraMigration('9999_plain_concurrently', 'CREATE INDEX CONCURRENTLY "meetings_held_on_plain_idx" ON "meetings" ("held_on");');
    const recorded = async () => rowsOf<{ count: number }>(await opened.db.execute(sql`select count(*)::int as count from loket_meta.migrations`))[0]?.count;
    const before = await recorded();
    try {
      await expect(migrate(opened.db, { folder: plain })).rejects.toThrow(/transaction block/);
      expect(await isMigrated(opened.db, { folder: plain })).toBe(false);
      // The committed migrations stay recorded; the failed one is recorded by no one.
      expect(await recorded()).toBe(before);
      expect(before).toBeGreaterThanOrEqual(stepCount);
      // And the session lock was released: another run gets as far as the same refusal instead of waiting.
      await expect(migrate(opened.db, { folder: plain })).rejects.toThrow(/transaction block/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  }, 60_000);
});

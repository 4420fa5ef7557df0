import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { isMigrated, migrate, rowsOf } from '../../db/migrate.js';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../../db/migrate.js';
import { createScratchDatabase, testDatabaseKind } from '../support/test-database.js';

const migrationCount = readMigrationFiles({ migrationsFolder }).length;

describe('migrations', () => {
  it('on PGlite a second migrate applies nothing and the database reports migrated', async () => {
    const opened = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(await isMigrated(opened.db)).toBe(false);
      expect(await migrate(opened.db)).toEqual({ applied: migrationCount });
      expect(await migrate(opened.db)).toEqual({ applied: 0 });
      expect(await isMigrated(opened.db)).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it.runIf(testDatabaseKind === 'postgres')('three migrators starting at once on an empty Postgres database apply each migration once', async () => {
    const scratch = await createScratchDatabase();
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: scratch.url, dataDir: '', maxConnections: 2 })));
    try {
      const results = await Promise.all(instances.map((instance) => migrate(instance.db)));
      expect(results.map((r) => r.applied).sort()).toEqual([0, 0, migrationCount]);
      const rows = rowsOf<{ count: number }>(await instances[0]!.db.execute(sql`select count(*)::int as count from loket_meta.migrations`));
      expect(rows[0]?.count).toBe(migrationCount);
      expect(await isMigrated(instances[1]!.db)).toBe(true);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await scratch.drop();
    }
  });
});

// `npm run db:migrate`: applies the database migrations and exits, for deployments where LOKET itself runs
// with LOKET_MIGRATE=skip under a role without DDL rights (docs/operations.md "Database roles" and
// "Upgrading"). Run it with the owner role's DATABASE_URL (or on the embedded database's LOKET_DATA_DIR)
// before the new version starts; instances of the previous version keep serving while it runs.
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../bot/config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';

export async function runDbMigrate({ env, out }: { env: Record<string, string | undefined>; out: (line: string) => void }): Promise<{ applied: number }> {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 1 });
  try {
    const result = await migrate(database.db);
    out(`Applied ${result.applied} migration(s) on ${database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'Postgres'}; the database is up to date.`);
    return result;
  } finally {
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await runDbMigrate({ env: process.env, out: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`db:migrate refused. ${error.message}\n`);
    process.exit(1);
  }
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { workerDatabaseUrl } from './workers.js';

export const TEST_TIMEZONE = 'Europe/Stockholm';

export const testDatabaseKind = process.env.LOKET_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** The run's migrated database: a PGlite loaded from the migrated dump, or the shared real Postgres
 *  test database. Tests isolate themselves with fresh programmes, never by truncating. */
export async function openTestDatabase(options: Pick<OpenDatabaseOptions, 'onStatement'> = {}): Promise<OpenedDatabase> {
  // The session speaks the programme's time zone, as a server's does (LOKET_TIMEZONE, Stockholm in tests).
  const common = { timezone: TEST_TIMEZONE, ...options };
  if (testDatabaseKind === 'postgres') return openDatabase({ databaseUrl: testDatabaseUrl(), dataDir: '', ...common });
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(inject('pgliteDump'))]), ...common });
}

/** A database nobody else has touched, for the few tests that need a fresh deployment. */
export async function openFreshDatabase(): Promise<OpenedDatabase> {
  if (testDatabaseKind === 'pglite') return openTestDatabase();
  const { url, drop } = await createScratchDatabase();
  const opened = await openDatabase({ databaseUrl: url, dataDir: '', timezone: TEST_TIMEZONE });
  await migrate(opened.db);
  return { ...opened, close: async () => { await opened.close(); await drop(); } };
}

/** The database a server child process should use in this run: a PGlite data directory under `dir`, or a
 *  scratch Postgres database when the run is on Postgres. `drop` removes the scratch database. */
export async function serverDatabaseEnv(dir: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (testDatabaseKind !== 'postgres') return { env: { LOKET_DATA_DIR: join(dir, 'data') }, drop: async () => {} };
  const scratch = await createScratchDatabase();
  return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
}

/** An empty database on the test server, dropped again by `drop`. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = requireUrl();
  const name = `loket_scratch_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** This worker's own migrated Postgres database (see workers.ts), or undefined when none is configured. */
export function testDatabaseUrl(): string;
export function testDatabaseUrl(optional: 'optional'): string | undefined;
export function testDatabaseUrl(optional?: 'optional'): string | undefined {
  if (!process.env.TEST_DATABASE_URL && optional) return undefined;
  return workerDatabaseUrl(requireUrl(), process.env.VITEST_POOL_ID ?? 1);
}

function requireUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

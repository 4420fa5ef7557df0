import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { TestProject } from 'vitest/node';
import type { Database } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { openDatabase } from '../../db/client.js';
import postgres from 'postgres';
import { TEST_WORKERS, databaseName, workerDatabaseUrl } from './workers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}

/** Migrates once per run: a PGlite dump every test file loads in milliseconds (a fresh PGlite takes
 *  seconds), and the real test database when TEST_DATABASE_URL is set. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  const pg = await PGlite.create();
  await migrate(drizzle(pg) as unknown as Database);
  const dump = await pg.dumpDataDir('none');
  const path = join(dir, 'migrated.tar');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
  project.provide('pgliteDump', path);
  const dropWorkerDatabases = process.env.TEST_DATABASE_URL && (project.name === 'postgres' || project.name === 'slow')
    ? await createWorkerDatabases(process.env.TEST_DATABASE_URL)
    : async () => {};
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropWorkerDatabases();
  };
}

/** Migrates the configured database once, then copies it for every worker (a template copy takes
 *  milliseconds; migrating each would take seconds). Returns what drops the copies again. */
async function createWorkerDatabases(baseUrl: string): Promise<() => Promise<void>> {
  const opened = await openDatabase({ databaseUrl: baseUrl, dataDir: '', maxConnections: 1 });
  await migrate(opened.db);
  await opened.close();
  const admin = postgres({ ...connectionOf(baseUrl), database: 'postgres', max: 1, onnotice: () => {} });
  const names = Array.from({ length: TEST_WORKERS }, (_, i) => databaseName(workerDatabaseUrl(baseUrl, i + 1)));
  const template = databaseName(baseUrl);
  try {
    for (const name of names) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}" template "${template}"`);
    }
  } catch (error) {
    await admin.end();
    throw error;
  }
  return async () => {
    for (const name of names) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}

function connectionOf(url: string) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432), user: decodeURIComponent(parsed.username || 'postgres'), password: decodeURIComponent(parsed.password) || undefined };
}

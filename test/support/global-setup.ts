import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { TestProject } from 'vitest/node';
import type { Database } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { openDatabase } from '../../db/client.js';

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
  if (process.env.TEST_DATABASE_URL && project.name === 'postgres') {
    const opened = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: '', maxConnections: 1 });
    await migrate(opened.db);
    await opened.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type OpenedDatabase } from '../db/client.js';

/** Runs a benchmark on an in-memory PGlite and, when DATABASE_URL is set, on a scratch database of that
 *  Postgres server, dropped afterwards — so a benchmark never touches real data. */
export async function onEachDatabase(run: (label: string, opened: OpenedDatabase) => Promise<void>, log: (line: string) => void) {
  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    await run('PGlite (in memory)', pglite);
  } finally {
    await pglite.close();
  }
  if (process.env.DATABASE_URL) await onScratchPostgres(process.env.DATABASE_URL, run);
  else log('\nPostgres: skipped (set DATABASE_URL to measure it too)');
}

async function onScratchPostgres(url: string, run: (label: string, opened: OpenedDatabase) => Promise<void>) {
  const name = `loket_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: scratch.toString(), dataDir: '', maxConnections: 1 });
  try {
    await run(`Postgres (scratch database ${name})`, opened);
  } finally {
    await opened.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

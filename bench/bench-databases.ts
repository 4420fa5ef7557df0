import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type OpenedDatabase } from '../db/client.js';

/** Runs a benchmark on an in-memory PGlite and, when DATABASE_URL is set, on a scratch database of that
 *  Postgres server, dropped afterwards — so a benchmark never touches real data. */
export async function onEachDatabase(run: (label: string, opened: OpenedDatabase) => Promise<void>, log: (line: string) => void) {
  await onPglite((opened) => run('PGlite (in memory)', opened));
  if (process.env.DATABASE_URL) await onScratchPostgres(process.env.DATABASE_URL, (opened, name) => run(`Postgres (scratch database ${name})`, opened));
  else log('\nPostgres: skipped (set DATABASE_URL to measure it too)');
}

export async function onPglite<T>(run: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    return await run(pglite);
  } finally {
    await pglite.close();
  }
}

/** A fresh database on the server at `url`, with its URL, dropped afterwards whatever happens. */
export async function onScratchPostgres<T>(url: string, run: (opened: OpenedDatabase, name: string, scratchUrl: string) => Promise<T>, maxConnections = 4): Promise<T> {
  const name = `loket_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: scratch.toString(), dataDir: '', maxConnections });
  try {
    return await run(opened, name, scratch.toString());
  } finally {
    await opened.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';
import type { Database } from './database.js';

export interface OpenedDatabase {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** True when the database answers a trivial query (for /ready). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** A migrated PGlite dump to start from (tests load one instead of migrating every file). */
  loadDataDir?: Blob | File;
  maxConnections?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir, options.loadDataDir);
}

function openPostgres(url: string, max: number): OpenedDatabase {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // A cut connection must fail fast so users get "try again" instead of a hanging command.
    connect_timeout: 5,
  });
  const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    ping: () => ping(() => client`select 1`),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob | File): Promise<OpenedDatabase> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    ping: () => ping(() => client.query('select 1')),
    close: () => client.close(),
  };
}

async function ping(query: () => Promise<unknown>): Promise<boolean> {
  try {
    await query();
    return true;
  } catch {
    return false;
  }
}

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
    // A cut connection must fail fast so users get "try again" within Slack's 3 s instead of a hanging
    // command; postgres.js reconnects on the next query once the database answers again.
    connect_timeout: 2,
    // Idle connections are closed and reopened on demand, so a pool never holds many sockets that died
    // with a network outage.
    idle_timeout: 60,
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

/** /ready must answer quickly even when the database hangs instead of refusing. */
const PING_TIMEOUT_MS = 2_000;

async function ping(query: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  const answered = query().then(
    () => true,
    () => false,
  );
  return Promise.race([answered, timeout]).finally(() => clearTimeout(timer));
}

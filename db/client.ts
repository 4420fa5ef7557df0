import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Logger } from 'drizzle-orm/logger';
import { postgres } from './postgres-driver.js';
import * as schema from './schema/index.js';
import type { Database } from './database.js';

export interface OpenedDatabase {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** True when the database answers a trivial query (for /ready). */
  ping(): Promise<boolean>;
  /** How busy the connection pool is right now (for GET /metrics). */
  poolUse(): PoolUse;
  close(): Promise<void>;
}

/** postgres.js keeps no pool statistics, so the client counts what it hands out: statements running outside a
 *  transaction and transactions open each hold one connection; beyond `size` they wait for one. */
export interface PoolUse {
  size: number;
  /** Statements and transactions that hold a connection or wait for one. */
  busy: number;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** A migrated PGlite dump to start from (tests load one instead of migrating every file). */
  loadDataDir?: Blob | File;
  maxConnections?: number;
  /**
   * The programme's time zone (LOKET_TIMEZONE) as the session's: a `timestamptz` cast to a date, printed with
   * to_char or compared with a day is then the programme's day, as users see it, not the server's UTC day
   * (issue 20: a note written at 00:30 in Stockholm was "reviewed" the day before).
   */
  timezone?: string;
  /** Told of every statement Drizzle sends (tests pin each command's statement count with it). */
  onStatement?: (statement: string) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const logger = options.onStatement ? statementLogger(options.onStatement) : undefined;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10, logger, options.timezone);
  return openPglite(options.dataDir, options.loadDataDir, logger, options.timezone);
}

/** Drizzle's logger sees every statement, inside transactions too (savepoints included); BEGIN and COMMIT
 *  are sent by the driver itself and are not among them. */
function statementLogger(onStatement: (statement: string) => void): Logger {
  return { logQuery: (query) => onStatement(query) };
}

function openPostgres(url: string, max: number, logger?: Logger, timezone?: string): OpenedDatabase {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // A cut connection must fail fast so users get "try again" within Slack's 3 s instead of a hanging
    // command; postgres.js reconnects on the next query once the database answers again.
    connect_timeout: 2,
    // Idle connections are closed and reopened on demand, so a pool never holds many sockets that died
    // with a network outage.
    idle_timeout: 60,
    // Sent when each connection starts: no statement per command.
    // Sent when each connection starts: no statement per command.
    ...(timezone ? { connection: { TimeZone: timezone } } : {}),
  });
  const busy = countBusy(client, ['unsafe', 'begin']);
  const db = drizzlePostgres(client, { schema, casing: 'snake_case', ...(logger ? { logger } : {}) }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    ping: () => ping(() => client`select 1`),
    poolUse: () => ({ size: max, busy: busy.count }),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob | File, logger?: Logger, timezone?: string): Promise<OpenedDatabase> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
  // One connection for the process: set once.
  if (timezone) await client.query(`select set_config('TimeZone', $1, false)`, [timezone]);
  const busy = countBusy(client, ['query', 'transaction']);
  const db = drizzlePglite(client, { schema, casing: 'snake_case', ...(logger ? { logger } : {}) }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    ping: () => ping(() => client.query('select 1')),
    // One connection: PGlite runs one statement at a time and queues the rest.
    poolUse: () => ({ size: 1, busy: busy.count }),
    close: () => client.close(),
  };
}

/**
 * Counts calls of the client's entry points (`unsafe`/`begin` of postgres.js, `query`/`transaction` of PGlite:
 * what Drizzle calls) from the call until the statement or transaction settles: one increment and one
 * callback per statement. Statements inside a transaction go through the transaction's own handle and are
 * not counted again. A postgres.js statement runs once it is awaited; the count attaches a handler, which
 * starts it a microtask early — Drizzle awaits it at once anyway, and options such as `.values()` set in the
 * same tick still apply (postgres.js starts the query only after a microtask).
 */
function countBusy<C extends object>(client: C, methods: (keyof C & string)[]): { count: number } {
  const busy = { count: 0 };
  const done = () => {
    busy.count--;
  };
  for (const name of methods) {
    const original = client[name] as unknown as (...args: unknown[]) => unknown;
    if (typeof original !== 'function') continue;
    const counted = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(client, args);
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
        busy.count++;
        (result as PromiseLike<unknown>).then(done, done);
      }
      return result;
    };
    // postgres.js's client is a function carrying its methods: keep every other property as it is.
    Object.defineProperty(client, name, { value: counted, configurable: true, writable: true });
  }
  return busy;
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

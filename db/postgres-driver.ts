// postgres.js, with the one fix a Postgres restart needs (issue 24). In 3.4.x a write smaller than 1 KiB is
// flushed by a setImmediate; when the connection closes first (Postgres restarting: the transaction's
// ROLLBACK is written after `closed()` set the socket to null), that flush throws
// `TypeError: Cannot read properties of null (reading 'write')` outside every promise, and the process exits
// (porsager/postgres#1154, #1208; the fixes proposed in #1168 and #1209 are not released). Here the driver's
// CommonJS build is loaded with that flush guarded as #1209 does it: a write for a connection that has no
// socket is dropped and its queries are rejected with CONNECTION_CLOSED, which the caller can catch; the pool
// reconnects on the next query as it does after any closed connection.
//
// The patch is made to the source text when the module loads. When a driver upgrade changes that text the
// unpatched driver is used and `driverGuarded` is false (test/ops/postgres-driver.test.ts fails then: check
// whether the new version fixes the flush, and remove this file if so).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type postgresType from 'postgres';

type Postgres = typeof postgresType;

const require = createRequire(import.meta.url);

/** The flush as 3.4.x schedules it, and the guarded flush put in its place. */
const SCHEDULED_FLUSH = 'nextWriteTimer === null && (nextWriteTimer = setImmediate(nextWrite))';
const GUARDED_FLUSH = 'nextWriteTimer === null && (nextWriteTimer = setImmediate(loketGuardedWrite))';
const WRITE_FUNCTION = '  function nextWrite(fn) {';
const GUARD = `  function loketGuardedWrite() {
    if (socket) return nextWrite()
    chunk = nextWriteTimer = null
    error(Errors.connection('CONNECTION_CLOSED', options))
  }

`;

function load(): { postgres: Postgres; guarded: boolean } {
  const index = require.resolve('postgres');
  const file = join(dirname(index), 'connection.js');
  const source = readFileSync(file, 'utf8');
  if (!index.includes(`${join('cjs', 'src')}`) || !source.includes(SCHEDULED_FLUSH) || !source.includes(WRITE_FUNCTION) || !source.includes("const { Errors } = require('./errors.js')")) {
    return { postgres: require('postgres') as Postgres, guarded: false };
  }
  const patched = source.replace(SCHEDULED_FLUSH, GUARDED_FLUSH).replace(WRITE_FUNCTION, `${GUARD}${WRITE_FUNCTION}`);
  // Compile the patched text as that very file and put it in the require cache, so the driver's own
  // require('./connection.js') finds it.
  const Module = require('node:module') as { new (id: string, parent?: unknown): CompiledModule; _nodeModulePaths(dir: string): string[] };
  const compiled = new Module(file, undefined);
  compiled.filename = file;
  compiled.paths = Module._nodeModulePaths(dirname(file));
  compiled._compile(patched, file);
  compiled.loaded = true;
  require.cache[file] = compiled as unknown as NodeJS.Module;
  return { postgres: require('postgres') as Postgres, guarded: true };
}

interface CompiledModule {
  filename: string;
  paths: string[];
  loaded: boolean;
  _compile(source: string, filename: string): void;
}

const loaded = load();

/** postgres.js's factory (the CommonJS build, same API as `import postgres from 'postgres'`). */
export const postgres: Postgres = loaded.postgres;
/** False when the installed driver's source no longer has the flush this file guards. */
export const driverGuarded: boolean = loaded.guarded;

// postgres.js, with two changes made to its source text when it loads.
//
// 1. The fix a Postgres restart needs (issue 24). In 3.4.x a write smaller than 1 KiB is flushed by a
// setImmediate; when the connection closes first (Postgres restarting: the transaction's ROLLBACK is written
// after `closed()` set the socket to null), that flush throws
// `TypeError: Cannot read properties of null (reading 'write')` outside every promise, and the process exits
// (porsager/postgres#1154, #1208; the fixes proposed in #1168 and #1209 are not released). The flush is
// guarded as #1209 does it: a write for a connection that has no socket is dropped and its queries are
// rejected with CONNECTION_CLOSED, which the caller can catch; the pool reconnects on the next query as it
// does after any closed connection.
//
// 2. One round trip per statement (issue 21). With unnamed statements (LOKET's: named ones hung, see
// docs/benchmarks.md) postgres.js sends every statement with parameters in two steps — Parse and Describe,
// wait for the parameter types, then Bind and Execute — so that it can serialise each value for its type.
// That doubled the round trips and socket writes of every command (a socket write is the largest single
// cost in the note path's CPU profile). A value that is a string, a number, a boolean, a bigint or null has
// one text form whatever its type (postgres.js serialises those with `'' + x`, or 't'/'f' for a boolean by
// the type it infers itself; Drizzle's date and JSON serialisers pass strings through), so such a statement
// is sent as one message set: Parse with the types postgres.js inferred (unknown for strings and numbers:
// Postgres takes the type from the statement, as it does for the Describe), Describe, Bind, Execute, Sync —
// the path postgres.js already takes for a statement without parameters. A statement with any other value
// (an array, a Date, a Buffer, an object) keeps the two steps, as its text form depends on the type.
// Such a statement is still the only one in flight on its connection until it is answered, as a described
// one was: postgres.js 3.4 loses or misfiles queries pipelined behind one that fails (porsager/postgres#1082,
// #1181; the Slack fuzzing test on Postgres hung with them pipelined), so the next statement waits for this
// one's answer. What `Promise.all` saves is the wait between them in Node, not the round trip.

// 3. A statement that cannot be built (an undefined value, too many parameters) behind one in flight is
// rejected itself. postgres.js 3.4 files such a statement among those sent before building it, and its
// catch rejects the statement in flight instead, so the unbuildable one was never answered and its caller
// waited forever (porsager/postgres#1082: "Unsettled transaction pipeline promise on parameter validation
// error"). Nothing of it was written, so it is taken out of the sent ones and rejected alone.

// The patches are made to the source text when the module loads. When a driver upgrade changes that text the
// unpatched driver is used and `driverGuarded` is false (test/ops/postgres-driver.test.ts fails then: check
// whether the new version fixes the flush and sends such statements in one step, and remove this file if so).
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
/** Where postgres.js decides to describe a statement before binding it, and the decision with plain values. */
const DESCRIBE_FIRST = 'q.describeFirst = q.onlyDescribe || (parameters.length && !q.prepared)';
const DESCRIBE_FIRST_UNLESS_PLAIN = 'q.describeFirst = q.onlyDescribe || (parameters.length && !q.prepared && (q.prepare || !loketPlainValues(q.parameters)))\n    q.loketPaced = !q.describeFirst && parameters.length && !q.prepare';
/** The catch of postgres.js's execute(), and the same catch rejecting an unbuilt statement that was queued
 *  behind another itself. */
const EXECUTE_CATCH = '    } catch (error) {\n      sent.length === 0 && write(Sync)\n      errored(error)\n      return true\n    }';
const EXECUTE_CATCH_OWN = '    } catch (error) {\n      if (query !== q && sent.remove(q)) {\n        queryError(q, error)\n        return true\n      }\n      sent.length === 0 && write(Sync)\n      errored(error)\n      return true\n    }';
/** Where postgres.js decides whether the next statement may be pipelined behind this one: not behind one in
 *  one step with parameters either. */
const PIPELINE_UNLESS_DESCRIBED = '&& !q.describeFirst\n        && !q.cursorFn';
const PIPELINE_UNLESS_PACED = '&& !q.describeFirst\n        && !q.loketPaced\n        && !q.cursorFn';
const PLAIN_VALUES = `  function loketPlainValues(xs) {
    return xs.every(x => x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint')
  }

`;
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
  const expected = [SCHEDULED_FLUSH, WRITE_FUNCTION, DESCRIBE_FIRST, PIPELINE_UNLESS_DESCRIBED, EXECUTE_CATCH, "const { Errors } = require('./errors.js')"];
  if (!index.includes(`${join('cjs', 'src')}`) || !expected.every((text) => source.includes(text))) {
    return { postgres: require('postgres') as Postgres, guarded: false };
  }
  const patched = source
    .replace(SCHEDULED_FLUSH, GUARDED_FLUSH)
    .replace(WRITE_FUNCTION, `${GUARD}${PLAIN_VALUES}${WRITE_FUNCTION}`)
    .replace(DESCRIBE_FIRST, DESCRIBE_FIRST_UNLESS_PLAIN)
    .replace(PIPELINE_UNLESS_DESCRIBED, PIPELINE_UNLESS_PACED)
    .replace(EXECUTE_CATCH, EXECUTE_CATCH_OWN);
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
/** False when the installed driver's source no longer has the texts this file patches. */
export const driverGuarded: boolean = loaded.guarded;

// Test files run in parallel workers. On PGlite each file has its own in-memory database; on Postgres each
// worker gets its own migrated database (a copy of the run's test database), so files that count rows or
// run scheduled jobs never see another file's writes mid-test.
import { availableParallelism } from 'node:os';

/** Vitest's default leaves one core idle; most test time is spent waiting on databases and child processes. */
export const TEST_WORKERS = Math.max(2, availableParallelism());

/** The database worker `poolId` uses: the configured URL with `_w<poolId>` appended to its database name. */
export function workerDatabaseUrl(baseUrl: string, poolId: number | string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname}_w${poolId}`;
  return url.toString();
}

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

// README "Backups": a `pg_dump` of a serving LOKET's Postgres database, restored with `pg_restore` into an
// empty database, gives a LOKET that answers `status` with the same figures as before. Needs
// TEST_DATABASE_URL (a Postgres server) and pg_dump/pg_restore of the same or a newer major version.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { rowsOf } from '../../db/migrate.js';
import { freePort } from '../support/processes.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { createScratchDatabase } from '../support/test-database.js';
import { command, startServer, type Server } from './servers.js';

const postgresUrl = process.env.TEST_DATABASE_URL;
const TABLES = ['programmes', 'people', 'clusters', 'meetings', 'decisions', 'action_items', 'notes', 'progress_notes', 'audit_log', 'inbox'];

async function rowCounts(url: string): Promise<Record<string, number>> {
  const opened = await openDatabase({ databaseUrl: url, dataDir: '', maxConnections: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const table of [...TABLES, 'loket_meta.migrations']) {
      const [schema, name] = table.includes('.') ? table.split('.') : ['public', table];
      counts[table] = rowsOf<{ count: number }>(await opened.db.execute(sql`select count(*)::int as count from ${sql.identifier(schema!)}.${sql.identifier(name!)}`))[0]!.count;
    }
    return counts;
  } finally {
    await opened.close();
  }
}

describe.skipIf(!postgresUrl)('backups: pg_dump → pg_restore into an empty database', () => {
  let fake: FakeSlackApi;
  let dir: string;
  const databases: Awaited<ReturnType<typeof createScratchDatabase>>[] = [];
  const servers: Server[] = [];

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    dir = mkdtempSync(join(tmpdir(), 'loket-backup-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const database of databases) await database.drop();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a server on the restored database answers `status` with the same figures, and every table has the same rows', async () => {
    const original = await createScratchDatabase();
    databases.push(original);
    const serving = await startServer({ port: await freePort(), databaseUrl: original.url, fake });
    servers.push(serving);
    for (const text of [
      'cluster add Rymd sector:space',
      'cluster add Skog sector:forest',
      'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd\ndecision: Testbädden bokas i Kiruna\naction: @me Boka lokal due:2030-03-20',
      'note Rymd Testbädden i Kiruna bokas via IRF, sex veckor i förväg.',
      'progress cluster:Skog done: Workshop med kommunen next: Ansökan',
    ]) {
      const result = await command(serving, fake, text);
      expect(result.status, text).toBe(200);
    }
    const before = await command(serving, fake, 'status');
    expect(before.answer).toContain('Rymd');

    // The backup is taken while LOKET serves: pg_dump reads one consistent snapshot.
    const dump = join(dir, 'loket.dump');
    execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, original.url]);
    expect(statSync(dump).size).toBeGreaterThan(0);
    await serving.stop();

    const restored = await createScratchDatabase();
    databases.push(restored);
    execFileSync('pg_restore', ['--no-owner', `--dbname=${restored.url}`, dump]);
    expect(await rowCounts(restored.url)).toEqual(await rowCounts(original.url));

    const onRestored = await startServer({ port: await freePort(), databaseUrl: restored.url, fake });
    servers.push(onRestored);
    const after = await command(onRestored, fake, 'status');
    // The same reply, figure for figure; only the web-view link differs (another port, a fresh signature).
    const figures = (answer: string) => answer.replace(/<http[^|>]*\/dashboard\/[^|>]*\|/g, '<web view link|');
    expect(figures(after.answer)).toBe(figures(before.answer));
    expect(figures(after.answer)).toMatch(/Rymd \(ledare: ingen\) – möten 0, åtgärder 1 öppen\//);
    // And it keeps working: a new note lands in the restored database.
    expect((await command(onRestored, fake, 'note Skog Återställd och i drift')).status).toBe(200);
    const counts = await rowCounts(restored.url);
    expect(counts.notes).toBe((await rowCounts(original.url)).notes! + 1);
  }, 240_000);
});

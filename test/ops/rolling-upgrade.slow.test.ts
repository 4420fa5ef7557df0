// A rolling upgrade on one Postgres database (docs/operations.md "Upgrading"): a server built from the
// commit before the newest migration serves; while it keeps answering commands, `npm run db:migrate` (this
// checkout) applies the newest migrations; then a server of this checkout starts with LOKET_MIGRATE=skip
// beside it, and both answer on the same data. Needs TEST_DATABASE_URL (a Postgres server) and git.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { rowsOf } from '../../db/migrate.js';
import { runDbMigrate } from '../../scripts/db-migrate.js';
import { freePort } from '../support/processes.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { createScratchDatabase } from '../support/test-database.js';
import { readyStatus } from '../bot/reliability/loket-process.js';
import { command, ROOT, startServer, type Server } from './servers.js';

const postgresUrl = process.env.TEST_DATABASE_URL;

/** The newest migration's tag, and the commits before the one that added it, newest first. */
function previousVersion(): { tag: string; candidates: string[] } {
  const journal = JSON.parse(readFileSync(join(ROOT, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const tag = journal.entries.at(-1)!.tag;
  const added = execFileSync('git', ['log', '--format=%H', '--diff-filter=A', '--', `db/migrations/${tag}.sql`], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1);
  if (!added) throw new Error(`${tag}.sql is not committed yet`);
  const candidates = execFileSync('git', ['rev-list', '--first-parent', '--max-count=20', `${added}~1`], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
  return { tag, candidates };
}

/**
 * The previous version's source, as `git archive` gives it, running on this checkout's node_modules. A commit
 * made while several changes were in flight can miss a file another commit added a moment later: the
 * previous version is the newest commit before the migration whose code loads (one deployed would have).
 */
function extractPreviousVersion(): string {
  for (const commit of previousVersion().candidates) {
    const dir = mkdtempSync(join(tmpdir(), 'loket-previous-'));
    const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const loads = spawnSync(process.execPath, ['--import', 'tsx', '-e', "await import('./handlers/registry.ts'); await import('./bot/http-server.ts'); await import('./scheduled/scheduler.ts');"], { cwd: dir, timeout: 120_000 });
    if (loads.status === 0) return dir;
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('no commit before the newest migration loads');
}

describe.skipIf(!postgresUrl)('rolling upgrade: the newest migrations are applied while the previous version serves', () => {
  let fake: FakeSlackApi;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let oldDir: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    scratch = await createScratchDatabase();
    oldDir = extractPreviousVersion();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await fake?.close();
    await scratch?.drop();
    if (oldDir) rmSync(oldDir, { recursive: true, force: true });
  });

  it('every command sent during the migration is answered by the old server, /ready stays 200, and the new server answers on the same data', async () => {
    const { tag } = previousVersion();
    const previous = await startServer({ dir: oldDir, port: await freePort(), databaseUrl: scratch.url, fake });
    servers.push(previous);
    const opened = await openDatabase({ databaseUrl: scratch.url, dataDir: '', maxConnections: 2 });
    try {
      const hashesBefore = rowsOf<{ count: number }>(await opened.db.execute(sql`select count(*)::int as count from loket_meta.migrations`))[0]!.count;
      expect((await command(previous, fake, 'cluster add Rymd sector:space')).status).toBe(200);

      // Commands keep arriving at the old server, one after another, for as long as the migration runs and a little after.
      const results: { status?: number; answer: string }[] = [];
      const readiness: (number | undefined)[] = [];
      let migrating = true;
      const traffic = (async () => {
        let after = 0;
        for (let i = 1; migrating || after < 3; i += 1) {
          if (!migrating) after += 1;
          results.push(await command(previous, fake, `note Rymd Uppgraderingskontroll nummer ${i}`));
          readiness.push(await readyStatus(previous.base));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const migrated = await runDbMigrate({ env: { DATABASE_URL: scratch.url }, out: () => {} });
      migrating = false;
      await traffic;

      expect(migrated.applied).toBeGreaterThanOrEqual(1);
      const hashesAfter = rowsOf<{ count: number }>(await opened.db.execute(sql`select count(*)::int as count from loket_meta.migrations`))[0]!.count;
      expect(hashesAfter).toBe(hashesBefore + migrated.applied);
      expect(results.length).toBeGreaterThanOrEqual(2);
      for (const result of results) expect(result.status).toBe(200);
      for (const result of results) expect(result.answer).not.toMatch(/fel|error|försök igen|try again/i);
      expect(readiness.every((status) => status === 200)).toBe(true);
      const notes = rowsOf<{ count: number }>(await opened.db.execute(sql`select count(*)::int as count from notes where text like 'Uppgraderingskontroll nummer %'`))[0]!.count;
      expect(notes).toBe(results.length);

      // The new version starts beside the old one without migrating, and both answer on the same data.
      const current = await startServer({ port: await freePort(), databaseUrl: scratch.url, fake, env: { LOKET_MIGRATE: 'skip' } });
      servers.push(current);
      const fromNew = await command(current, fake, 'note Rymd Skriven av den nya versionen');
      const fromOld = await command(previous, fake, 'note Rymd Skriven av den gamla versionen efter uppgraderingen');
      expect([fromNew.status, fromOld.status]).toEqual([200, 200]);
      const statusNew = await command(current, fake, 'status');
      const statusOld = await command(previous, fake, 'status');
      expect(statusNew.answer).toContain('Rymd');
      expect(statusOld.answer).toContain('Rymd');
      console.info(`rolling upgrade: ${migrated.applied} migration(s) up to ${tag} applied while the previous version answered ${results.length} commands`);
    } finally {
      await opened.close();
    }
  }, 240_000);
});

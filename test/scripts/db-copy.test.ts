// `npm run db:copy`: a PGlite data directory seeded through the core is copied into a fresh database
// (a scratch Postgres database on the postgres project, an empty PGlite on the pglite project), and the
// copy has the same rows, working search and a sequence that continues after the copied audit rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/client.js';
import { CopyError, copyDatabase, countRows, tablesInForeignKeyOrder, type TableCount } from '../../db/copy.js';
import { migrate, rowsOf } from '../../db/migrate.js';
import { auditLog, clusters, decisions, meetings } from '../../db/schema/index.js';
import { createLoketCore } from '../../handlers/registry.js';
import { runCopy } from '../../scripts/db-copy.js';
import { createTestClock, say, silentLogger, testSettings } from '../support/test-core.js';
import { createScratchDatabase, testDatabaseKind } from '../support/test-database.js';

const pm = { platform: 'console' as const, workspaceId: 'local', userId: 'pm', displayName: 'Pia PM' };
const settings = { ...testSettings, admins: [{ platform: 'console', userId: 'pm' }] };

let dataDir: string;
let target: { db: OpenedDatabase; url?: string; drop(): Promise<void> };
let counts: TableCount[];
/** The stopped data directory opened again, for comparing (opening PGlite from disk takes seconds). */
let source: OpenedDatabase;
const printed: string[] = [];

/** Seeds a PGlite data directory the way a trial programme fills it: through the core, then stopped. */
async function seedDataDir(dir: string): Promise<void> {
  const source = await openDatabase({ dataDir: dir });
  await migrate(source.db);
  const core = createLoketCore({ db: source.db, clock: createTestClock(), logger: silentLogger, settings });
  for (const text of [
    'cluster add Rymd sector:space',
    'cluster add Skog sector:forest',
    'join Rymd',
    'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd\ndecision: Testbädden bokas i Kiruna\naction: @me Boka lokal due:2026-03-20',
    'note Rymd Testbädden i Kiruna bokas via IRF, sex veckor i förväg.',
    // A topic carried forward points at the topic it came from: a table that references itself.
    'meeting plan Styrgrupp date:2026-03-02 time:23:00 cluster:Rymd',
    'meeting plan Uppföljning date:2026-04-02 time:10:00 cluster:Rymd',
    'agenda M2 Budgeten för testbädden',
    'meeting log M2 carry:1',
  ]) {
    const { outcome } = await say(core, pm, text);
    expect(outcome.kind === 'reply' && outcome.reply.error).toBeFalsy();
  }
  await source.close();
}

async function openTarget(): Promise<typeof target> {
  if (testDatabaseKind === 'postgres') {
    const scratch = await createScratchDatabase();
    const db = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
    return { db, url: scratch.url, drop: async () => { await db.close(); await scratch.drop(); } };
  }
  const db = await openDatabase({ dataDir: 'memory://' });
  return { db, drop: () => db.close() };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'loket-copy-'));
  await seedDataDir(dataDir);
  target = await openTarget();
  if (target.url) counts = await runCopy({ argv: ['--to', target.url, '--from', dataDir], env: {}, out: (line) => printed.push(line) });
  source = await openDatabase({ dataDir });
  // Small batches on PGlite, so the batching itself is exercised.
  if (!target.url) counts = await copyDatabase({ source: source.db, target: target.db.db, batchRows: 2, progress: (line) => printed.push(line) });
}, 280_000);

afterAll(async () => {
  await source?.close();
  await target?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function sourceCounts(): Promise<TableCount[]> {
  return countRows(source.db, await tablesInForeignKeyOrder(source.db));
}

describe('db:copy from a PGlite data directory', () => {
  it('copies every table with the same number of rows, and says so per table', async () => {
    const expected = await sourceCounts();
    expect(counts).toEqual(expected);
    const byTable = Object.fromEntries(counts.map((c) => [c.table, c.rows]));
    expect(byTable).toMatchObject({ clusters: 2, meetings: 2, decisions: 1, action_items: 1, notes: 1, planned_meetings: 2, agenda_topics: 2 });
    expect(byTable.audit_log).toBeGreaterThan(0);
    if (target.url) expect(printed.join('\n')).toMatch(/row counts match the source[\s\S]*clusters\s+2/);
    else expect(printed).toContain('clusters: 2 rows');
  });

  it('keeps a carried-forward agenda topic pointing at the topic it came from (a table that references itself)', async () => {
    const read = (db: OpenedDatabase) => db.db.execute(sql`select t.text, f.text as "from" from agenda_topics t left join agenda_topics f on f.id = t.carried_from_id order by t.created_at, t.id`).then((r) => rowsOf<{ text: string; from: string | null }>(r));
    const copied = await read(target.db);
    expect(copied).toEqual(await read(source));
    expect(copied.filter((r) => r.from !== null)).toHaveLength(1);
  });

  it('keeps ids, timestamps and text exactly, and recomputes the search vectors', async () => {
    const db = target.db.db;
    const [rymd] = await db.select().from(clusters).where(eq(clusters.name, 'Rymd'));
    expect(rymd).toMatchObject({ sector: 'space' });
    const [meeting] = await db.select().from(meetings);
    expect(meeting).toMatchObject({ title: 'Styrgrupp mars' });
    const [decision] = await db.select().from(decisions).where(eq(decisions.meetingId, meeting!.id));
    expect(decision?.text).toBe('Testbädden bokas i Kiruna');
    const [original] = await source.db.select().from(clusters).where(eq(clusters.name, 'Rymd'));
    expect(rymd).toEqual(original);
    const core = createLoketCore({ db, clock: createTestClock(), logger: silentLogger, settings });
    const { text } = await say(core, pm, 'search testbädd');
    expect(text).toContain('Kiruna');
  });

  it('continues the audit sequence after the copied rows, so the next command writes without a clash', async () => {
    const db = target.db.db;
    const before = rowsOf<{ max: number }>(await db.execute(sql`select max(id)::int as max from audit_log`))[0]!.max;
    const core = createLoketCore({ db, clock: createTestClock(), logger: silentLogger, settings });
    const { outcome } = await say(core, pm, 'cluster add Fordon sector:vehicles');
    expect(outcome.kind === 'reply' && outcome.reply.error).toBeFalsy();
    const [latest] = await db.select().from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect(latest!.id).toBe(before + 1);
  });

  it('refuses a target that already has data, and leaves it as it was', async () => {
    const before = await countRows(target.db.db, ['clusters']);
    await expect(copyDatabase({ source: source.db, target: target.db.db })).rejects.toThrow(CopyError);
    await expect(copyDatabase({ source: source.db, target: target.db.db })).rejects.toThrow(/not empty \(.*clusters: 3/);
    expect(await countRows(target.db.db, ['clusters'])).toEqual(before);
  });

  it('refuses a missing --to or a data directory that does not exist, before touching anything', async () => {
    await expect(runCopy({ argv: [], env: {}, out: () => {} })).rejects.toThrow(/--to postgres:\/\//);
    await expect(runCopy({ argv: ['--to', 'postgres://x@127.0.0.1:1/none'], env: { LOKET_DATA_DIR: join(dataDir, 'missing') }, out: () => {} })).rejects.toThrow(/no PGlite data directory/);
  });
});

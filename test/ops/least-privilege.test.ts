// docs/operations.md "Database roles and least privileges", run as written: an owner role migrates, the
// grants from the page's SQL block (read from the page itself) give a runtime role row rights only, and
// LOKET under that role answers commands across the features and runs its daily jobs, while DDL is refused
// to it. Postgres only (roles do not exist in the embedded database).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/client.js';
import { isMigrated, migrate } from '../../db/migrate.js';
import { jobs, runJobOnce } from '../../scheduled/scheduler.js';
import { retentionPolicy } from '../../db/retention-policy.js';
import { meetingProgramme } from '../support/programme-fixture.js';
import { createTestClock, silentLogger } from '../support/test-core.js';
import { createScratchDatabase, testDatabaseKind } from '../support/test-database.js';

const suffix = randomBytes(4).toString('hex');
const OWNER = `loket_owner_${suffix}`;
const APP = `loket_app_${suffix}`;

/** The GRANT and ALTER DEFAULT PRIVILEGES statements of the page's SQL block, with this run's role names. */
function grantsFromDocs(): string[] {
  const page = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
  const start = page.indexOf('## Database roles and least privileges');
  const block = /```sql\n([\s\S]*?)```/.exec(page.slice(start))![1]!;
  return block
    .split('\n')
    .filter((line) => /^(GRANT|ALTER DEFAULT PRIVILEGES)/.test(line))
    .map((line) => line.replaceAll('loket_owner', OWNER).replaceAll('loket_app', APP));
}

describe.runIf(testDatabaseKind === 'postgres')('a runtime role with row rights only', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let admin: postgres.Sql;
  let app: OpenedDatabase;
  const as = (role: string) => {
    const url = new URL(scratch.url);
    url.username = role;
    return url.toString();
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    // Roles belong to the whole server: made through the run's own database, dropped after the scratch one.
    admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${OWNER} login; create role ${APP} login`);
    await admin.unsafe(`alter database ${new URL(scratch.url).pathname.slice(1)} owner to ${OWNER}`);
    const inScratch = postgres(scratch.url, { max: 1, onnotice: () => {} });
    await inScratch.unsafe(`alter schema public owner to ${OWNER}`);
    await inScratch.end();
    const owner = await openDatabase({ databaseUrl: as(OWNER), dataDir: '', maxConnections: 2 });
    try {
      await migrate(owner.db);
      const grants = grantsFromDocs();
      expect(grants.length).toBeGreaterThanOrEqual(6);
      const ownerSql = postgres(as(OWNER), { max: 1, onnotice: () => {} });
      for (const statement of grants) await ownerSql.unsafe(statement);
      await ownerSql.end();
    } finally {
      await owner.close();
    }
    app = await openDatabase({ databaseUrl: as(APP), dataDir: '', maxConnections: 4 });
  });
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
    await admin?.unsafe(`drop role if exists ${APP}; drop role if exists ${OWNER}`);
    await admin?.end();
  });

  it('sees the database as migrated (LOKET_MIGRATE=skip), and may not create, alter or drop anything', async () => {
    expect(await isMigrated(app.db)).toBe(true);
    const appSql = postgres(as(APP), { max: 1, onnotice: () => {} });
    try {
      await expect(appSql.unsafe('create table intruder (id int)')).rejects.toThrow(/permission denied/);
      await expect(appSql.unsafe('alter table notes add column intruder int')).rejects.toThrow(/must be owner/);
      await expect(appSql.unsafe('drop table notes')).rejects.toThrow(/must be owner/);
      await expect(appSql.unsafe('truncate notes')).rejects.toThrow(/permission denied/);
    } finally {
      await appSql.end();
    }
  });

  it('answers commands across the features and runs every daily job under that role', async () => {
    const p = await meetingProgramme(app.db);
    for (const [user, text] of [
      ['UPM', 'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd with:@Anna\ndecision: Testbädden bokas i Kiruna\naction: @Anna Boka lokal due:2026-03-20'],
      ['UANNA', 'note Rymd Testbädden i Kiruna bokas via IRF, sex veckor i förväg.'],
      ['UANNA', 'progress cluster:Rymd done: Workshop med kommunen next: Ansökan'],
      ['UANNA', 'plan gap Rymd area:financing Saknar medfinansiering'],
      ['UANNA', 'exchange need cluster:Rymd Hjälp med Interreg-ansökan tags:eu'],
      ['UPM', 'status'],
      ['UPM', 'search testbädden'],
      ['UANNA', 'actions mine'],
      ['UANNA', 'handover Rymd to:@Dana'],
    ] as const) {
      const { outcome, text: shown } = await p.as(user, text);
      expect(outcome.kind === 'reply' && outcome.reply.error, `${text}\n${shown}`).toBeFalsy();
    }
    const clock = createTestClock(new Date('2026-03-03T03:00:00Z'));
    for (const job of jobs) {
      await expect(runJobOnce(job, { db: app.db, clock, logger: silentLogger, timezone: 'Europe/Stockholm', privacy: { retention: retentionPolicy({ programmeEnd: '2026-01-31', yearsAfterEnd: 0 }) } }), job.name).resolves.not.toThrow();
    }
  });
});

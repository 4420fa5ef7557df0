// The operator's commands around an upgrade and a key rotation, run as an operator runs them (from the
// environment): `npm run db:migrate` brings an empty database up to date once, and `npm run keys:rotate`
// reseals a stored token under the new key and reports what it did.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher, tokenCipherFor } from '../../bot/slack/token-cipher.js';
import { openDatabase } from '../../db/client.js';
import { migrationsFolder } from '../../db/migrate.js';
import { createSlackInstallationsRepository } from '../../db/slack-installations.repository.js';
import { keyFingerprint } from '../../handlers/core/key-ring.js';
import { runDbMigrate } from '../../scripts/db-migrate.js';
import { runKeysRotate } from '../../scripts/keys-rotate.js';
import { serverDatabaseEnv, testDatabaseKind } from '../support/test-database.js';

const OLD = 'the-old-secret-key-of-32-characters-or-more';
const NEW = 'the-new-secret-key-of-32-characters-or-more';
const TOKEN = 'xoxb-1001-2001-rymdrymdrymdrymd';

let dir: string;
let database: Awaited<ReturnType<typeof serverDatabaseEnv>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loket-keys-'));
  database = await serverDatabaseEnv(dir);
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const opened = await openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.LOKET_DATA_DIR ?? '', maxConnections: 1 });
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

describe('db:migrate and keys:rotate', () => {
  // On Postgres only: on PGlite the scripts work on a data directory on disk, where migrating alone takes
  // longer than a fast test may (the resealing itself runs on both databases in key-rotation.test.ts).
  it.runIf(testDatabaseKind === 'postgres')('keys:rotate refuses an unmigrated database; db:migrate applies every migration once; keys:rotate then reseals the old key’s token', async () => {
    const out: string[] = [];
    const env = { ...database.env, LOKET_SECRET_KEY: NEW, LOKET_SECRET_KEY_PREVIOUS: OLD };
    await expect(runKeysRotate({ env, out: (line) => out.push(line) })).rejects.toThrow(/not fully migrated/);

    expect(await runDbMigrate({ env: database.env, out: (line) => out.push(line) })).toEqual({ applied: readMigrationFiles({ migrationsFolder }).length });
    expect(await runDbMigrate({ env: database.env, out: (line) => out.push(line) })).toEqual({ applied: 0 });
    expect(out.at(-1)).toMatch(/^Applied 0 migration\(s\) on .*; the database is up to date\.$/);

    // A token stored before fingerprints (the fixed `v1` label), under the old key.
    await withDatabase((db) => createSlackInstallationsRepository({ db }).save(
      { installKey: 'team:T0RYMD0001', teamId: 'T0RYMD0001', botToken: createTokenCipher({ keys: { v1: OLD }, current: 'v1' }).encrypt(TOKEN, 'team:T0RYMD0001') },
      new Date(),
    ));
    out.length = 0;
    const counts = await runKeysRotate({ env, out: (line) => out.push(line) });
    expect(counts).toEqual({ installations: 1, resealed: 1, current: 0, unreadable: 0, changedMeanwhile: 0 });
    expect(out[0]).toBe(`Current key ${keyFingerprint(NEW)}; previous keys: ${keyFingerprint(OLD)}`);
    expect(out).toContain('  tokens resealed with the current key: 1');
    expect(out.at(-1)).toMatch(/^Every stored token is sealed with the current key\./);
    expect(out.join('\n')).not.toContain(NEW);

    const sealed = await withDatabase(async (db) => (await createSlackInstallationsRepository({ db }).find('team:T0RYMD0001')).installation!.botToken!);
    expect(sealed.startsWith(`${keyFingerprint(NEW)}:`)).toBe(true);
    expect(tokenCipherFor(NEW).decrypt(sealed, 'team:T0RYMD0001')).toBe(TOKEN);
  });

  it('keys:rotate without LOKET_SECRET_KEY is refused with what to set', async () => {
    await expect(runKeysRotate({ env: database.env, out: () => {} })).rejects.toThrow(/LOKET_SECRET_KEY: keys:rotate reseals under this key/);
  });
});

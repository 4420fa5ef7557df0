// `npm run keys:rotate`: reseals every stored secret under the current LOKET_SECRET_KEY, in one run, while
// LOKET keeps serving. It reads the same environment as `npm start` (DATABASE_URL or LOKET_DATA_DIR,
// LOKET_SECRET_KEY, LOKET_SECRET_KEY_PREVIOUS) and prints what it found and did (README "Rotating
// LOKET_SECRET_KEY"). Run it after the deploy that made the new key current.
//
// What is stored sealed: the Slack installations' bot, refresh and user tokens (OAuth mode). Nothing else
// needs resealing: links are signed when handed out and verify with any key of the ring until they expire,
// and a forgotten person's identity hash cannot be recomputed (its identity is gone), so it keeps verifying
// under the key it was made with for as long as that key stays in LOKET_SECRET_KEY_PREVIOUS.
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../bot/config.js';
import { tokenCipherFor } from '../bot/slack/token-cipher.js';
import { openDatabase } from '../db/client.js';
import type { Database } from '../db/database.js';
import { isMigrated } from '../db/migrate.js';
import { createSlackInstallationsRepository, type SealedTokens } from '../db/slack-installations.repository.js';
import { keyFingerprint, keyRing, type KeyRing } from '../handlers/core/key-ring.js';

export interface RotationCounts {
  /** Installations read. */
  installations: number;
  /** Tokens sealed with an older key (or the old fixed label) and now sealed with the current key. */
  resealed: number;
  /** Tokens already sealed with the current key. */
  current: number;
  /** Tokens no key of the ring opens: left as they are; the workspace has to install LOKET again. */
  unreadable: number;
  /** Installations whose tokens a running instance changed while this ran: left for the next run. */
  changedMeanwhile: number;
}

const TOKEN_COLUMNS = ['botToken', 'botRefreshToken', 'userToken', 'userRefreshToken'] as const;

export async function rotateKeys({ db, keys }: { db: Database; keys: KeyRing }): Promise<RotationCounts> {
  const cipher = tokenCipherFor(keys);
  const repo = createSlackInstallationsRepository({ db });
  const counts: RotationCounts = { installations: 0, resealed: 0, current: 0, unreadable: 0, changedMeanwhile: 0 };
  const { installations } = await repo.sealedTokens();
  for (const row of installations) {
    counts.installations += 1;
    const before: SealedTokens = { botToken: row.botToken, botRefreshToken: row.botRefreshToken, userToken: row.userToken, userRefreshToken: row.userRefreshToken };
    const after: SealedTokens = { ...before };
    let resealed = 0;
    for (const column of TOKEN_COLUMNS) {
      const sealed = before[column];
      if (!sealed) continue;
      if (!cipher.isStale(sealed)) {
        counts.current += 1;
        continue;
      }
      try {
        after[column] = cipher.encrypt(cipher.decrypt(sealed, row.installKey), row.installKey);
        resealed += 1;
      } catch {
        counts.unreadable += 1;
      }
    }
    if (resealed === 0) continue;
    if ((await repo.resealTokens(row.id, before, after)).resealed) counts.resealed += resealed;
    else counts.changedMeanwhile += 1;
  }
  return counts;
}

export async function runKeysRotate({ env, out }: { env: Record<string, string | undefined>; out: (line: string) => void }): Promise<RotationCounts> {
  const config = loadConfig(env);
  if (!config.secretKey) throw new ConfigError(['LOKET_SECRET_KEY: keys:rotate reseals under this key; set it (and LOKET_SECRET_KEY_PREVIOUS to the old keys)']);
  const keys = keyRing(config.secretKey, config.previousSecretKeys);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 1 });
  try {
    if (!(await isMigrated(database.db))) throw new ConfigError(['the database is not fully migrated: start LOKET or run `npm run db:migrate` first']);
    out(`Current key ${keyFingerprint(keys.current)}; previous keys: ${keys.previous.map(keyFingerprint).join(', ') || 'none'}`);
    const counts = await rotateKeys({ db: database.db, keys });
    out(`Slack installations: ${counts.installations}`);
    out(`  tokens resealed with the current key: ${counts.resealed}`);
    out(`  tokens already on the current key:    ${counts.current}`);
    out(`  tokens no known key opens:            ${counts.unreadable}`);
    out(`  installations changed meanwhile:      ${counts.changedMeanwhile}${counts.changedMeanwhile ? ' (run keys:rotate again)' : ''}`);
    out(counts.unreadable + counts.changedMeanwhile === 0
      ? 'Every stored token is sealed with the current key. Keep the old key in LOKET_SECRET_KEY_PREVIOUS until the links signed with it have expired (7 days).'
      : 'Not everything is on the current key yet: see the lines above.');
    return counts;
  } finally {
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const counts = await runKeysRotate({ env: process.env, out: (line) => process.stdout.write(`${line}\n`) });
    process.exit(counts.unreadable + counts.changedMeanwhile === 0 ? 0 : 2);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`keys:rotate refused. ${error.message}\n`);
    process.exit(1);
  }
}

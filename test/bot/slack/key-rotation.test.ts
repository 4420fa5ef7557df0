// Rotating LOKET_SECRET_KEY on a running OAuth deployment (README "Rotating LOKET_SECRET_KEY"): instances
// with the old key, then with the new key and the old one in LOKET_SECRET_KEY_PREVIOUS, share one database;
// workspaces keep being answered with their own tokens throughout, `keys:rotate` reseals every stored token
// under the new key, and afterwards the new key alone opens everything while the old one opens nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher, tokenCipherFor } from '../../../bot/slack/token-cipher.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { slackInstallations } from '../../../db/schema/index.js';
import { createSlackInstallationsRepository } from '../../../db/slack-installations.repository.js';
import { keyFingerprint, keyRing } from '../../../handlers/core/key-ring.js';
import { rotateKeys } from '../../../scripts/keys-rotate.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { openFreshDatabase } from '../../support/test-database.js';
import { SECRET_KEY as OLD, startOAuthHarness } from './oauth-harness.js';

const NEW = 'the-new-secret-key-of-32-characters-or-more';
const STRANGER = 'a-key-nobody-configured-of-32-characters!!';
const PETRA = 'U0RYMDBOSS';
const RYMD = { teamId: 'T0RYMD0001', teamName: 'Rymdklustret', botToken: 'xoxb-1001-2001-rymdrymdrymdrymd', userToken: 'xoxp-1001-2001-useruseruser' };
const SKOG = { teamId: 'T0SKOG0002', teamName: 'Skogsklustret', botToken: 'xoxb-1002-2002-skogskogskogskog' };
// Installed before fingerprints existed: its token carries the old fixed `v1` label.
const FORD = { teamId: 'T0FORD0003', botToken: 'xoxb-1003-2003-fordfordfordford' };
// Sealed with a key that is in nobody's configuration (say, lost): reported, never overwritten.
const LOST = { teamId: 'T0LOST0004', botToken: 'xoxb-1004-2004-lostlostlostlost' };

let database: OpenedDatabase;
let fake: FakeSlackApi;
beforeAll(async () => {
  database = await openFreshDatabase();
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
  await database.close();
});

const row = async (teamId: string) => (await database.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId)))[0]!;
const labels = async (teamId: string) => {
  const r = await row(teamId);
  return [r.botToken, r.userToken].filter(Boolean).map((sealed) => sealed!.split(':')[0]);
};
const admins = [{ platform: 'slack' as const, userId: PETRA }];

async function storeSealed(teamId: string, botToken: string, seal: (plain: string, context: string) => string) {
  fake.acceptedTokens.add(botToken);
  await createSlackInstallationsRepository({ db: database.db }).save(
    { installKey: `team:${teamId}`, teamId, teamName: teamId, botToken: seal(botToken, `team:${teamId}`), botUserId: 'U0LOKETBOT', botId: 'B0LOKETBOT', botScopes: 'commands,chat:write', appId: 'A0LOKETAPP' },
    new Date(),
  );
}

describe('rotating LOKET_SECRET_KEY on a running deployment', () => {
  it('old key → new key with the old one previous → keys:rotate → new key alone: every workspace keeps its token', async () => {
    // Deploy 0: the old key. Rymd installs (bot and user token); Ford's row predates fingerprints.
    const before = await startOAuthHarness({ admins, database, fake, secretKey: OLD });
    await before.install(RYMD);
    await storeSealed(FORD.teamId, FORD.botToken, (plain, context) => createTokenCipher({ keys: { v1: OLD }, current: 'v1' }).encrypt(plain, context));
    await storeSealed(LOST.teamId, LOST.botToken, (plain, context) => tokenCipherFor(STRANGER).encrypt(plain, context));
    expect(await labels(RYMD.teamId)).toEqual([keyFingerprint(OLD), keyFingerprint(OLD)]);
    expect(await before.command(RYMD.teamId, PETRA, 'whoami')).toContain(`slack (${RYMD.teamId})`);
    await before.close();

    // Deploy 1 (here in one step with deploy 2): the new key seals, the old one still opens.
    const during = await startOAuthHarness({ admins, database, fake, secretKey: keyRing(NEW, [OLD]) });
    expect(await during.adapter.botToken(RYMD.teamId)).toBe(RYMD.botToken);
    expect(await during.adapter.botToken(FORD.teamId)).toBe(FORD.botToken);
    // A slash command from Rymd is answered, and its form opens with Rymd's own token: nobody notices.
    expect((await during.slash(RYMD.teamId, PETRA, 'meeting')).status).toBe(200);
    await fake.waitFor(() => fake.callsTo('views.open').some((c) => c.authorization === `Bearer ${RYMD.botToken}`));
    await during.install(SKOG);
    expect(await labels(SKOG.teamId)).toEqual([keyFingerprint(NEW)]);

    // keys:rotate while `during` keeps serving.
    const counts = await rotateKeys({ db: database.db, keys: keyRing(NEW, [OLD]) });
    expect(counts).toEqual({ installations: 4, resealed: 3, current: 1, unreadable: 1, changedMeanwhile: 0 });
    for (const team of [RYMD, SKOG, FORD]) for (const label of await labels(team.teamId)) expect(label, team.teamId).toBe(keyFingerprint(NEW));
    expect(await labels(LOST.teamId)).toEqual([keyFingerprint(STRANGER)]);
    // Nothing is left to do on a second run.
    expect(await rotateKeys({ db: database.db, keys: keyRing(NEW, [OLD]) })).toEqual({ installations: 4, resealed: 0, current: 4, unreadable: 1, changedMeanwhile: 0 });
    expect(await during.adapter.botToken(RYMD.teamId)).toBe(RYMD.botToken);
    await during.close();

    // Deploy 3: the old key is gone. Every token opens with the new key alone, and none with the old one.
    const after = await startOAuthHarness({ admins, database, fake, secretKey: NEW });
    for (const team of [RYMD, SKOG, FORD]) expect(await after.adapter.botToken(team.teamId), team.teamId).toBe(team.botToken);
    expect(tokenCipherFor(NEW).decrypt((await row(RYMD.teamId)).userToken!, `team:${RYMD.teamId}`)).toBe(RYMD.userToken);
    expect(await after.command(RYMD.teamId, PETRA, 'whoami')).toContain(`slack (${RYMD.teamId})`);
    await after.close();
    const oldOnly = tokenCipherFor(OLD);
    for (const team of [RYMD, SKOG, FORD]) {
      const sealed = (await row(team.teamId)).botToken!;
      expect(() => oldOnly.decrypt(sealed, `team:${team.teamId}`), team.teamId).toThrow();
    }
  });

  it('a token a running instance refreshed while keys:rotate ran is left as it is, and counted', async () => {
    const team = { teamId: 'T0RACE0005', botToken: 'xoxb-1005-2005-raceraceracerace' };
    await storeSealed(team.teamId, team.botToken, (plain, context) => tokenCipherFor(OLD).encrypt(plain, context));
    const repo = createSlackInstallationsRepository({ db: database.db });
    const stale = await row(team.teamId);
    const tokens = { botToken: stale.botToken, botRefreshToken: stale.botRefreshToken, userToken: stale.userToken, userRefreshToken: stale.userRefreshToken };
    // Another instance stores a refreshed token after rotation read the row …
    const refreshed = tokenCipherFor(keyRing(NEW, [OLD])).encrypt('xoxb-1005-2005-refreshedrefresh', `team:${team.teamId}`);
    await database.db.update(slackInstallations).set({ botToken: refreshed }).where(eq(slackInstallations.id, stale.id));
    // … so rotation's write, made against what it read, changes nothing.
    expect(await repo.resealTokens(stale.id, tokens, { ...tokens, botToken: 'k000000000000:overwritten' })).toEqual({ resealed: false });
    expect((await row(team.teamId)).botToken).toBe(refreshed);
  });
});

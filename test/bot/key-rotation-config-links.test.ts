// Key rotation's configuration and signed links: LOKET_SECRET_KEY_PREVIOUS is read and checked like the key
// itself; a link signed with a previous key verifies until it expires, new links use the current key, and
// once the old key is dropped its links are refused as forged.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { keyRing } from '../../handlers/core/key-ring.js';
import { signDashboardToken, signFileToken, verifyDashboardToken, verifyFileToken } from '../../handlers/core/signed-links.js';

const OLD = 'the-old-secret-key-of-32-characters-or-more';
const NEW = 'the-new-secret-key-of-32-characters-or-more';
const OLDER = 'an-even-older-key-of-32-characters-or-more';
const slack = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' };
const now = new Date('2026-03-02T09:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('LOKET_SECRET_KEY_PREVIOUS', () => {
  it('is a comma-separated list of older keys, empty when unset', () => {
    expect(loadConfig({ ...slack, LOKET_SECRET_KEY: NEW }).previousSecretKeys).toEqual([]);
    expect(loadConfig({ ...slack, LOKET_SECRET_KEY: NEW, LOKET_SECRET_KEY_PREVIOUS: ` ${OLD} , ${OLDER},` }).previousSecretKeys).toEqual([OLD, OLDER]);
  });

  it('refuses a short previous key, and previous keys without a current one, naming the variable', () => {
    expect(problemsOf({ ...slack, LOKET_SECRET_KEY: NEW, LOKET_SECRET_KEY_PREVIOUS: `${OLD},short` })).toEqual([expect.stringMatching(/^LOKET_SECRET_KEY_PREVIOUS.*at least 32 characters/)]);
    expect(problemsOf({ LOKET_SECRET_KEY_PREVIOUS: OLD })).toEqual([expect.stringMatching(/^LOKET_SECRET_KEY_PREVIOUS: needs LOKET_SECRET_KEY/)]);
  });

  it('LOKET_MIGRATE=skip turns migrating at boot off; anything but boot or skip is refused', () => {
    expect(loadConfig({}).migrateAtBoot).toBe(true);
    expect(loadConfig({ LOKET_MIGRATE: 'skip' }).migrateAtBoot).toBe(false);
    expect(problemsOf({ LOKET_MIGRATE: 'later' })).toEqual([expect.stringMatching(/^LOKET_MIGRATE: must be boot \(default\) or skip/)]);
  });
});

describe('signed links across a key rotation', () => {
  const file = { fileId: 'f-1', programmeId: 'p-1', expiresAt: inDays(7) };
  const dashboard = { programmeId: 'p-1', generation: 2, language: 'sv' as const, expiresAt: inDays(7) };
  const rotated = keyRing(NEW, [OLD]);

  it('a link signed with the old key verifies on an instance that has it as a previous key, until it expires', () => {
    const oldFile = signFileToken(file, OLD);
    const oldDashboard = signDashboardToken(dashboard, OLD);
    expect(verifyFileToken(oldFile, rotated, inDays(6))).toEqual({ ok: true, fileId: 'f-1', programmeId: 'p-1' });
    expect(verifyDashboardToken(oldDashboard, rotated, inDays(6))).toEqual({ ok: true, programmeId: 'p-1', generation: 2, language: 'sv' });
    expect(verifyFileToken(oldFile, rotated, inDays(8))).toEqual({ ok: false, reason: 'expired' });
  });

  it('new links are signed with the new key: an instance still on the old key alone refuses them, one with both accepts them', () => {
    const fresh = signFileToken(file, rotated);
    expect(fresh).toBe(signFileToken(file, NEW));
    expect(verifyFileToken(fresh, OLD, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyFileToken(fresh, keyRing(OLD, [NEW]), now).ok).toBe(true);
  });

  it('once the old key is dropped, its links are refused as forged; a key never configured never verifies', () => {
    expect(verifyFileToken(signFileToken(file, OLD), NEW, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyDashboardToken(signDashboardToken(dashboard, OLDER), rotated, now)).toEqual({ ok: false, reason: 'forged' });
  });
});

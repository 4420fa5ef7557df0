import { describe, expect, it } from 'vitest';
import { createTokenCipher, tokenCipherFor } from '../../../bot/slack/token-cipher.js';
import { keyFingerprint, keyRing } from '../../../handlers/core/key-ring.js';

const KEY = 'a-test-secret-key-of-32-characters-or-more';
const TOKEN = 'xoxb-1001-2001-rymdrymdrymdrymd';

describe('installation token cipher', () => {
  it('a sealed token names its key by fingerprint, hides the token, and opens again with the same key and installation', () => {
    const cipher = tokenCipherFor(KEY);
    const sealed = cipher.encrypt(TOKEN, 'team:T1');
    expect(sealed).toMatch(/^k[0-9a-f]{12}:[A-Za-z0-9_-]+$/);
    expect(sealed.split(':')[0]).toBe(keyFingerprint(KEY));
    expect(sealed).not.toContain(KEY.slice(0, 8));
    expect(sealed).not.toContain('rymd');
    expect(cipher.decrypt(sealed, 'team:T1')).toBe(TOKEN);
  });

  it('sealing the same token twice gives different ciphertext (a fresh nonce each time)', () => {
    const cipher = tokenCipherFor(KEY);
    expect(cipher.encrypt(TOKEN, 'team:T1')).not.toBe(cipher.encrypt(TOKEN, 'team:T1'));
  });

  it('another key, another installation, or one changed character is refused', () => {
    const sealed = tokenCipherFor(KEY).encrypt(TOKEN, 'team:T1');
    expect(() => tokenCipherFor(`${KEY}-other`).decrypt(sealed, 'team:T1')).toThrow();
    expect(() => tokenCipherFor(KEY).decrypt(sealed, 'team:T2')).toThrow();
    // A character in the middle of the sealed text: all six of its bits count (next to base64 padding the
    // lowest bits of a character may be unused, and the old choice of the second-last character, checked
    // against the last, left the text unchanged one time in 64).
    const at = Math.floor(sealed.length / 2);
    const flipped = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    expect(flipped).not.toBe(sealed);
    expect(() => tokenCipherFor(KEY).decrypt(flipped, 'team:T1')).toThrow();
    expect(() => tokenCipherFor(KEY).decrypt(`v9:${sealed.slice(sealed.indexOf(':') + 1)}`, 'team:T1')).toThrow('unknown key version');
  });

  it('with explicit versions, old tokens still open under their version while new ones use the new key', () => {
    const old = createTokenCipher({ keys: { v1: KEY }, current: 'v1' }).encrypt(TOKEN, 'team:T1');
    const rotated = createTokenCipher({ keys: { v1: KEY, v2: 'a-brand-new-secret-key-of-32-characters!' }, current: 'v2' });
    expect(rotated.decrypt(old, 'team:T1')).toBe(TOKEN);
    const fresh = rotated.encrypt(TOKEN, 'team:T1');
    expect(fresh).toMatch(/^v2:/);
    expect(() => tokenCipherFor(KEY).decrypt(fresh, 'team:T1')).toThrow();
  });

  it('with LOKET_SECRET_KEY_PREVIOUS, tokens of the old key and of the old fixed `v1` label open; new ones use the new key and are not stale', () => {
    const NEW = 'a-brand-new-secret-key-of-32-characters!';
    const legacy = createTokenCipher({ keys: { v1: KEY }, current: 'v1' }).encrypt(TOKEN, 'team:T1');
    const old = tokenCipherFor(KEY).encrypt(TOKEN, 'team:T1');
    const ring = tokenCipherFor(keyRing(NEW, [KEY]));
    expect(ring.decrypt(legacy, 'team:T1')).toBe(TOKEN);
    expect(ring.decrypt(old, 'team:T1')).toBe(TOKEN);
    expect(ring.isStale(legacy)).toBe(true);
    expect(ring.isStale(old)).toBe(true);
    const fresh = ring.encrypt(TOKEN, 'team:T1');
    expect(fresh.split(':')[0]).toBe(keyFingerprint(NEW));
    expect(ring.isStale(fresh)).toBe(false);
    // The old key alone cannot open what the new one sealed; the new key alone cannot open the old tokens.
    expect(() => tokenCipherFor(KEY).decrypt(fresh, 'team:T1')).toThrow();
    expect(() => tokenCipherFor(NEW).decrypt(old, 'team:T1')).toThrow('unknown key version');
    expect(() => tokenCipherFor(NEW).decrypt(legacy, 'team:T1')).toThrow();
    // A legacy token is still bound to its installation under every key tried.
    expect(() => ring.decrypt(legacy, 'team:T2')).toThrow();
  });

  it('fingerprints differ between keys and say nothing of the key', () => {
    const a = keyFingerprint(KEY);
    expect(a).toBe(keyFingerprint(KEY));
    expect(a).not.toBe(keyFingerprint(`${KEY}!`));
    expect(a).toMatch(/^k[0-9a-f]{12}$/);
  });
});

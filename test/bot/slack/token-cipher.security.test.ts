import { describe, expect, it } from 'vitest';
import { createTokenCipher, tokenCipherFor } from '../../../bot/slack/token-cipher.js';

const KEY = 'a-test-secret-key-of-32-characters-or-more';
const TOKEN = 'xoxb-1001-2001-rymdrymdrymdrymd';

describe('installation token cipher', () => {
  it('a sealed token names its key version, hides the token, and opens again with the same key and installation', () => {
    const cipher = tokenCipherFor(KEY);
    const sealed = cipher.encrypt(TOKEN, 'team:T1');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]+$/);
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
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => tokenCipherFor(KEY).decrypt(flipped, 'team:T1')).toThrow();
    expect(() => tokenCipherFor(KEY).decrypt(`v9:${sealed.slice(3)}`, 'team:T1')).toThrow('unknown key version');
  });

  it('after a key rotation old tokens still open under their version while new ones use the new key', () => {
    const old = tokenCipherFor(KEY).encrypt(TOKEN, 'team:T1');
    const rotated = createTokenCipher({ keys: { v1: KEY, v2: 'a-brand-new-secret-key-of-32-characters!' }, current: 'v2' });
    expect(rotated.decrypt(old, 'team:T1')).toBe(TOKEN);
    const fresh = rotated.encrypt(TOKEN, 'team:T1');
    expect(fresh).toMatch(/^v2:/);
    expect(() => tokenCipherFor(KEY).decrypt(fresh, 'team:T1')).toThrow();
  });
});

// Installation tokens at rest: AES-256-GCM under a key derived from LOKET_SECRET_KEY. node:crypto is
// enough here (no library): one derivation, one authenticated cipher, no format to negotiate.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// A purpose label of its own, so this key differs from every other key derived from the same secret
// (link signing uses the secret for HMACs).
const PURPOSE = 'loket/slack-installation-tokens';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface TokenCipher {
  /** `v1:<base64url iv|tag|ciphertext>`; `context` (the installation key) is bound in as associated data. */
  encrypt(plain: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

/**
 * `keys` maps a version to its secret; new ciphertext uses `current`. Rotating LOKET_SECRET_KEY later means
 * adding a version and re-encrypting: old rows keep naming the key that sealed them.
 */
export function createTokenCipher(options: { keys: Record<string, string>; current: string }): TokenCipher {
  const derived = new Map(Object.entries(options.keys).map(([version, secret]) => [version, deriveKey(secret, version)]));
  const currentKey = derived.get(options.current);
  if (!currentKey) throw new Error(`token cipher: no key for version ${options.current}`);
  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${options.current}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(sealed, context) {
      const colon = sealed.indexOf(':');
      const key = colon > 0 ? derived.get(sealed.slice(0, colon)) : undefined;
      if (!key) throw new Error('token cipher: unknown key version');
      const raw = Buffer.from(sealed.slice(colon + 1), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/** The one cipher LOKET runs with today: LOKET_SECRET_KEY as version v1. */
export function tokenCipherFor(secretKey: string): TokenCipher {
  return createTokenCipher({ keys: { v1: secretKey }, current: 'v1' });
}

// HKDF rather than scrypt: the secret is already a long random key (config demands 32+ characters), so
// a slow password hash adds nothing but start-up time.
function deriveKey(secret: string, version: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(`loket-${version}`), Buffer.from(PURPOSE), 32));
}

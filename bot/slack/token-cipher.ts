// Installation tokens at rest: AES-256-GCM under a key derived from LOKET_SECRET_KEY. node:crypto is
// enough here (no library): one derivation, one authenticated cipher, no format to negotiate.
// Key rotation (README "Rotating LOKET_SECRET_KEY"): each ciphertext is labelled with the fingerprint of the
// key that sealed it; any key of the ring opens its own ciphertexts, and new ones use the current key.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { allKeys, keyFingerprint, ringOf, type SecretKeys } from '../../handlers/core/key-ring.js';

// A purpose label of its own, so this key differs from every other key derived from the same secret
// (link signing uses the secret for HMACs).
const PURPOSE = 'loket/slack-installation-tokens';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The label every ciphertext carried before rotation existed: sealed with whatever LOKET_SECRET_KEY was then. */
const LEGACY_LABEL = 'v1';

export interface TokenCipher {
  /** `<label>:<base64url iv|tag|ciphertext>`; `context` (the installation key) is bound in as associated data. */
  encrypt(plain: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  /** True when `sealed` was sealed with an older key (or carries the old fixed label): `keys:rotate` reseals it. */
  isStale(sealed: string): boolean;
}

/**
 * `keys` maps a label to its secret; new ciphertext uses `current`. `legacy` lists secrets that may have
 * sealed ciphertext under the old fixed `v1` label, tried in turn (GCM's tag tells the right one).
 */
export function createTokenCipher(options: { keys: Record<string, string>; current: string; legacy?: string[] }): TokenCipher {
  // With a legacy list (a deployment's ring) every label derives with the legacy salt, so a key's `v1:` and
  // fingerprint-labelled ciphertexts open with one derived key; explicit versions derive with their own.
  const saltOf = (label: string) => (options.legacy || label === LEGACY_LABEL ? LEGACY_LABEL : label);
  const derived = new Map(Object.entries(options.keys).map(([label, secret]) => [label, deriveKey(secret, saltOf(label))]));
  const legacy = (options.legacy ?? []).map((secret) => deriveKey(secret, LEGACY_LABEL));
  const currentKey = derived.get(options.current);
  if (!currentKey) throw new Error(`token cipher: no key for version ${options.current}`);
  const labelOf = (sealed: string) => {
    const colon = sealed.indexOf(':');
    return colon > 0 ? sealed.slice(0, colon) : undefined;
  };
  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${options.current}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(sealed, context) {
      const label = labelOf(sealed);
      const key = label ? derived.get(label) : undefined;
      const candidates = key ? [key] : label === LEGACY_LABEL ? legacy : [];
      if (candidates.length === 0) throw new Error('token cipher: unknown key version');
      const raw = Buffer.from(sealed.slice(label!.length + 1), 'base64url');
      let failure: unknown;
      for (const candidate of candidates) {
        try {
          return open(candidate, raw, context);
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    },
    isStale(sealed) {
      return labelOf(sealed) !== options.current;
    },
  };
}

/** The cipher of a deployment: labels are key fingerprints; `v1:` ciphertexts from before rotation open with any key. */
export function tokenCipherFor(keys: SecretKeys): TokenCipher {
  const secrets = allKeys(keys);
  return createTokenCipher({
    keys: Object.fromEntries(secrets.map((secret) => [keyFingerprint(secret), secret])),
    current: keyFingerprint(ringOf(keys).current),
    legacy: secrets,
  });
}

function open(key: Buffer, raw: Buffer, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

// HKDF rather than scrypt: the secret is already a long random key (config demands 32+ characters), so
// a slow password hash adds nothing but start-up time.
function deriveKey(secret: string, version: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(`loket-${version}`), Buffer.from(PURPOSE), 32));
}

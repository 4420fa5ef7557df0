// LOKET_SECRET_KEY and the keys it replaced (LOKET_SECRET_KEY_PREVIOUS), so a key can be rotated on a running
// deployment: new tokens are sealed and new links signed with the current key, while whatever an earlier key
// sealed or signed still opens (README "Rotating LOKET_SECRET_KEY", docs/operations.md).
import { createHmac } from 'node:crypto';

export interface KeyRing {
  /** Seals and signs everything new. */
  readonly current: string;
  /** Still accepted for opening and verifying; never used for anything new. */
  readonly previous: readonly string[];
}

/** Where a single key is expected, a ring is accepted too (a bare key is a ring without previous keys). */
export type SecretKeys = string | KeyRing;

export function keyRing(current: string, previous: readonly string[] = []): KeyRing {
  return { current, previous: previous.filter((key) => key !== current) };
}

export function ringOf(keys: SecretKeys): KeyRing {
  return typeof keys === 'string' ? keyRing(keys) : keys;
}

/** The current key first, then the previous ones in the order given. */
export function allKeys(keys: SecretKeys): string[] {
  const ring = ringOf(keys);
  return [ring.current, ...ring.previous];
}

/**
 * A short public name for a key: `k` and 12 hex digits of an HMAC under the key itself, so it names the key
 * in ciphertext labels and logs without revealing anything about it. Two different keys get different
 * fingerprints (a collision among the handful of keys a deployment ever has is a 1-in-10¹⁴ chance).
 */
export function keyFingerprint(key: string): string {
  return `k${createHmac('sha256', key).update('loket/key-fingerprint').digest('hex').slice(0, 12)}`;
}

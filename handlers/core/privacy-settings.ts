import type { RetentionPolicy } from '../../db/retention-policy.js';

export interface PrivacySettings {
  retention: RetentionPolicy;
  /** Keys the hash that replaces a forgotten person's platform id. */
  pseudonymKey?: string;
  /** Keys a LOKET_SECRET_KEY rotation replaced: hashes made under them still recognise a returning person
   *  (a hash cannot be recomputed without the identity it replaced, so `keys:rotate` cannot reseal it). */
  previousPseudonymKeys?: string[];
}

import type { RetentionPolicy } from '../../db/retention-policy.js';

// The retention rules are the data layer's (db/personal-data.ts names a category per table); the
// configuration reads LOKET_RETENTION_* through here, so no adapter imports db/ besides bot/main.ts.
export { parseCategoryYears, retentionPolicy, type RetentionPolicy } from '../../db/retention-policy.js';

export interface PrivacySettings {
  retention: RetentionPolicy;
  /** Keys the hash that replaces a forgotten person's platform id. */
  pseudonymKey?: string;
  /** Keys a LOKET_SECRET_KEY rotation replaced: hashes made under them still recognise a returning person
   *  (a hash cannot be recomputed without the identity it replaced, so `keys:rotate` cannot reseal it). */
  previousPseudonymKeys?: string[];
}

import type { RetentionPolicy } from '../../db/retention-policy.js';

export interface PrivacySettings {
  retention: RetentionPolicy;
  /** Keys the hash that replaces a forgotten person's platform id. */
  pseudonymKey?: string;
}

import type { Language } from './incoming.js';

/** What a dashboard link grants: one programme's web view, in one language, until it expires, while the
 *  programme's link generation is still the one it was signed in. */
export interface DashboardClaims {
  programmeId: string;
  generation: number;
  language: Language;
  expiresAt: Date;
}

/**
 * The web view port. The composition root decides where the page lives: a signed link under
 * LOKET_PUBLIC_URL on a server, a local server on 127.0.0.1 started on first use in the console. Absent
 * (tests of other features, or a server without a public URL) → `dashboard` says the web view is off.
 */
export interface DashboardLinks {
  /** `local`: served from this computer (the console), not from the public server. */
  linkFor(claims: DashboardClaims): Promise<{ url: string; local?: boolean }>;
}

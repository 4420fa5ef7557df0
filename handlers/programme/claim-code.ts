// The start-up half of `claim <code>` (claim.ts): a fresh deployment has nobody who may hand out roles, so
// whoever can read the server's log becomes the first project manager.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/repositories.js';
import type { Clock } from '../core/context.js';
import { hashCode, newCode } from '../core/codes.js';

// A restart hands out a fresh code, so it need not live long.
const CLAIM_VALID_MS = 24 * 60 * 60 * 1000;

/** While the programme has no project manager, LOKET logs a one-time code; `claim <code>` in Slack or
 *  Teams makes whoever can read the log the first PM (docs/architecture.md "Roles"). */
export async function ensureClaimCode({ db, clock, logger, programmeName }: { db: Database; clock: Clock; logger: Logger; programmeName: string }) {
  const repos = createRepositories(db);
  const { programme } = await repos.programmes.ensureDefault(programmeName);
  if ((await repos.programmeRoles.hasManager(programme.id)).hasManager) return { code: undefined };
  const code = newCode();
  const now = clock.now();
  await repos.codes.create({ programmeId: programme.id, purpose: 'claim', codeHash: hashCode(code), expiresAt: new Date(now.getTime() + CLAIM_VALID_MS), createdBy: null });
  logger.warn(`No project manager yet. Type "/loket claim ${code}" in Slack or Teams to become one (valid 24 h, works once).`);
  return { code };
}

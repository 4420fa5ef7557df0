// What LOKET does when it is removed from a Slack workspace (app_uninstalled, or its bot token revoked):
// the tokens go, the workspace's digests stop, and every programme record stays (DESIGN.md "Data rules").
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/repositories.js';
import type { Clock } from '../../handlers/core/context.js';
import { installKeyOf } from './installation-store.js';

export interface RemovalInput {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  /** The Events API event_id: a redelivered event acts once. */
  eventId: string;
  reason: 'app_uninstalled' | 'tokens_revoked';
}

// Slack retries an event for about an hour; a day of keys is a safe margin (as for commands).
const DELIVERY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export async function removeSlackWorkspace({ db, clock }: { db: Database; clock: Clock }, input: RemovalInput) {
  return db.transaction(async (tx) => {
    const repos = createRepositories(tx);
    const now = clock.now();
    const { first } = await repos.deliveries.claim('slack.event', input.eventId, now, DELIVERY_KEY_TTL_MS);
    if (!first) return { duplicate: true, tokensRemoved: 0, digestsStopped: 0 };
    const { removed } = await repos.slackInstallations.remove(installKeyOf(input));
    // An org-wide install has no team of its own here; its workspaces' digests stop when their posts
    // come back as gone (the notifier finds no token for them any more).
    if (input.isEnterpriseInstall || !input.teamId) return { duplicate: false, tokensRemoved: removed, digestsStopped: 0 };
    const { workspaceId, programmeId } = await repos.slackInstallations.programmeOfTeam(input.teamId);
    if (!programmeId || !workspaceId) return { duplicate: false, tokensRemoved: removed, digestsStopped: 0 };
    const { stopped } = await repos.slackInstallations.stopWorkspaceDigests(programmeId, input.teamId, 'uninstalled', now);
    await repos.audit.record({
      programmeId, actorId: null, action: 'workspace.uninstall', subjectType: 'workspace', subjectId: workspaceId,
      detail: { platform: 'slack', externalId: input.teamId, reason: input.reason, tokensRemoved: removed, digestsStopped: stopped }, at: now,
    });
    return { duplicate: false, tokensRemoved: removed, digestsStopped: stopped };
  });
}

/** tokens_revoked for people (user tokens): only those tokens go; LOKET itself stays installed. */
export async function revokeSlackUserTokens({ db, clock }: { db: Database; clock: Clock }, input: { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean; userIds: string[] }) {
  const repos = createRepositories(db);
  return repos.slackInstallations.removeUserTokens(installKeyOf(input), input.userIds, clock.now());
}

// Platform lifecycle events that are not commands: LOKET added to a person's 1:1 chat, or removed from a
// chat, a team or a whole workspace. Removal forgets where LOKET may post and stops the digests posted there;
// the programme's records (meetings, notes, plans …) stay, since they belong to the clusters, not to an
// installation. Slack and Teams both come through here, so an uninstall means the same on either.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { InstallationScope } from '../../db/installations.repository.js';
import { createRepositories, type Repositories } from '../../db/repositories.js';
import type { Clock } from './context.js';
import type { IncomingConversation } from './incoming.js';

export type { InstallationScope };

const OPENED_TTL_MS = 60 * 60 * 1000;

export interface InstallationRemoval extends InstallationScope {
  /** Why: the app was uninstalled, the bot was removed from a team, or the team was deleted. */
  reason: 'uninstalled' | 'removed_from_team' | 'team_deleted';
  /** Where it happened, for the audit row (personal, groupChat, team). */
  scope: string;
}

/** LOKET removed from a whole workspace at once (Slack: app_uninstalled, or its bot token revoked): the
 *  workspace's stored tokens go and every digest there stops. */
export interface WorkspaceRemoval {
  platform: 'slack';
  /** Absent for an org-wide install, which has no workspace of its own here. */
  workspaceExternalId?: string;
  /** The stored OAuth installation whose tokens go (oauth-installations.ts). */
  installKey: string;
  /** An org-wide (Enterprise Grid) install: the organisation, whose workspaces' digests stop with it. */
  enterpriseId?: string;
  /** The platform's id of the event: a redelivered event acts once. */
  eventId: string;
  /** The platform event that removed LOKET, for the audit row. */
  event: 'app_uninstalled' | 'tokens_revoked';
}

export interface RemovalResult {
  /** The same event was handled before, so nothing was done again. */
  duplicate: boolean;
  programmeId: string | null;
  conversations: number;
  digests: number;
  tokensRemoved: number;
}

export interface Installations {
  /** Keeps the conversation a new installation opened, so reminders can reach the person there later. */
  /** `first` is false when the same conversation was opened within the last hour: Teams announces one
   *  install twice (installationUpdate and conversationUpdate), and the welcome goes out once. */
  opened(input: { platform: 'slack' | 'teams'; workspaceId: string; userId?: string; conversation: IncomingConversation }): Promise<{ stored: boolean; first: boolean }>;
  /** LOKET removed, on any platform: from named conversations or a team (Teams), or from a whole
   *  workspace (Slack). One transaction, so a failure leaves nothing half-removed and the event is retried. */
  removed(removal: InstallationRemoval | WorkspaceRemoval): Promise<RemovalResult>;
}

// Slack retries an event for about an hour; a day of keys is a safe margin (as for commands).
const DELIVERY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export function createInstallations(deps: { db: Database; clock: Clock; logger: Logger }): Installations {
  return {
    opened: (input) =>
      deps.db.transaction(async (tx) => {
        const repos = createRepositories(tx);
        const { conversation } = input;
        const { first } = await repos.deliveries.claim('install.opened', `${input.platform}:${conversation.id}`, deps.clock.now(), OPENED_TTL_MS);
        const { programmeId } = await repos.installations.programmeOf(input.platform, input.workspaceId);
        // An unconnected workspace's conversations are learned on its first command after `programme join`.
        if (!programmeId) return { stored: false, first };
        await repos.conversations.remember({
          programmeId,
          platform: input.platform,
          workspaceExternalId: input.workspaceId,
          conversationId: conversation.id,
          conversationType: conversation.type,
          userId: conversation.type === 'personal' ? input.userId : undefined,
          serviceUrl: conversation.serviceUrl,
          reference: conversation.reference,
        });
        return { stored: true, first };
      }),

    removed: (removal) => deps.db.transaction(async (tx) => remove(createRepositories(tx), removal, deps.clock.now(), deps.logger)),
  };
}

/** An organisation's org-wide install removed: each connected workspace it served (and that has no
 *  install of its own) stops its digests, with one audit row in its programme. */
async function removeEnterprise(repos: Repositories, removal: WorkspaceRemoval, enterpriseId: string, tokensRemoved: number, at: Date, logger: Logger): Promise<RemovalResult> {
  const { workspaces } = await repos.slackInstallations.connectedWorkspacesOfEnterprise(enterpriseId);
  let digests = 0;
  for (const workspace of workspaces) {
    const { installation: own } = await repos.slackInstallations.find(`team:${workspace.externalId}`);
    if (own?.botToken) continue;
    const { stopped } = await repos.slackInstallations.stopWorkspaceDigests(workspace.programmeId, workspace.externalId, 'uninstalled', at);
    digests += stopped;
    await repos.audit.record({
      programmeId: workspace.programmeId, actorId: null, action: 'workspace.uninstall', subjectType: 'workspace', subjectId: workspace.id,
      detail: { platform: removal.platform, externalId: workspace.externalId, enterpriseId, orgWide: true, reason: removal.event, tokensRemoved, digestsStopped: stopped }, at,
    });
  }
  logger.info({ platform: removal.platform, enterprise: enterpriseId, workspaces: workspaces.length, tokensRemoved, digests }, 'org-wide installation removed');
  return { ...NOTHING, programmeId: workspaces[0]?.programmeId ?? null, digests, tokensRemoved };
}

const NOTHING: RemovalResult = { duplicate: false, programmeId: null, conversations: 0, digests: 0, tokensRemoved: 0 };

const isWholeWorkspace = (removal: InstallationRemoval | WorkspaceRemoval): removal is WorkspaceRemoval => 'installKey' in removal;

/**
 * The one removal path of every platform: act once, drop the stored tokens, forget where LOKET may post,
 * stop the digests there and audit it. The programme's records (meetings, notes, plans …) stay: they
 * belong to the clusters, not to an installation, and a reinstall finds everything again.
 */
async function remove(repos: Repositories, removal: InstallationRemoval | WorkspaceRemoval, at: Date, logger: Logger): Promise<RemovalResult> {
  const whole = isWholeWorkspace(removal);
  let tokensRemoved = 0;
  if (whole) {
    const { first } = await repos.deliveries.claim(`${removal.platform}.event`, removal.eventId, at, DELIVERY_KEY_TTL_MS);
    if (!first) return { ...NOTHING, duplicate: true };
    ({ removed: tokensRemoved } = await repos.slackInstallations.remove(removal.installKey));
  }
  // An org-wide install has no workspace of its own: it served the workspaces it was seen serving.
  if (whole && !removal.workspaceExternalId && removal.enterpriseId) return removeEnterprise(repos, removal, removal.enterpriseId, tokensRemoved, at, logger);
  const externalId = removal.workspaceExternalId;
  if (!externalId) return { ...NOTHING, tokensRemoved };
  const { workspaceId, programmeId } = removal.platform === 'slack' ? await repos.slackInstallations.programmeOfTeam(externalId) : { workspaceId: undefined, ...(await repos.installations.programmeOf(removal.platform, externalId)) };
  if (!programmeId) return { ...NOTHING, programmeId, tokensRemoved };

  if (whole) {
    // A Slack conversation reference is a channel id, of no use without the tokens that just went and
    // valid again after a reinstall, so they stay; every digest of the workspace stops.
    const { stopped } = await repos.slackInstallations.stopWorkspaceDigests(programmeId, externalId, 'uninstalled', at);
    await repos.audit.record({
      programmeId, actorId: null, action: 'workspace.uninstall', subjectType: 'workspace', subjectId: workspaceId ?? `${removal.platform}:${externalId}`,
      detail: { platform: removal.platform, externalId, reason: removal.event, tokensRemoved, digestsStopped: stopped }, at,
    });
    return { ...NOTHING, programmeId, digests: stopped, tokensRemoved };
  }

  const { conversations } = await repos.installations.forgetConversations(programmeId, removal);
  // Digests are matched on the removed conversations and on the named ones, so a channel whose
  // reference was never stored (or was already forgotten) still stops.
  const targets = [...removal.conversationIds, ...conversations.map((c) => c.conversationId), ...(removal.teamId ? [removal.teamId] : [])];
  const { subscriptions } = await repos.installations.stopDigests(programmeId, removal, targets, removal.reason, at);
  // Teams announces one removal twice (installationUpdate and conversationUpdate): only the one that
  // changed something leaves an audit row.
  if (!conversations.length && !subscriptions.length) return { ...NOTHING, programmeId };
  await repos.audit.record({
    programmeId,
    actorId: null,
    action: 'workspace.uninstall',
    subjectType: 'workspace',
    subjectId: `${removal.platform}:${removal.workspaceExternalId}`,
    detail: { scope: removal.scope, reason: removal.reason, conversations: conversations.length, digests: subscriptions.map((s) => s.id) },
    at,
  });
  logger.info({ platform: removal.platform, workspace: removal.workspaceExternalId, programme: programmeId, scope: removal.scope, conversations: conversations.length, digests: subscriptions.length }, 'installation removed');
  return { ...NOTHING, programmeId, conversations: conversations.length, digests: subscriptions.length };
}

// Platform lifecycle events that are not commands: LOKET added to a person's 1:1 chat, or removed from a
// chat or a team. Removal forgets where LOKET may post and stops the digests posted there; the programme's
// records (meetings, notes, plans …) stay, since they belong to the clusters, not to an installation.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { InstallationScope } from '../../db/installations.repository.js';
import { createRepositories } from '../../db/repositories.js';
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

export interface RemovalResult {
  programmeId: string | null;
  conversations: number;
  digests: number;
}

export interface Installations {
  /** Keeps the conversation a new installation opened, so reminders can reach the person there later. */
  /** `first` is false when the same conversation was opened within the last hour: Teams announces one
   *  install twice (installationUpdate and conversationUpdate), and the welcome goes out once. */
  opened(input: { platform: 'slack' | 'teams'; workspaceId: string; userId?: string; conversation: IncomingConversation }): Promise<{ stored: boolean; first: boolean }>;
  removed(removal: InstallationRemoval): Promise<RemovalResult>;
}

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

    removed: (removal) =>
      deps.db.transaction(async (tx) => {
        const repos = createRepositories(tx);
        const { programmeId } = await repos.installations.programmeOf(removal.platform, removal.workspaceExternalId);
        if (!programmeId) return { programmeId, conversations: 0, digests: 0 };
        const at = deps.clock.now();
        const { conversations } = await repos.installations.forgetConversations(programmeId, removal);
        // Digests are matched on the removed conversations and on the named ones, so a channel whose
        // reference was never stored (or was already forgotten) still stops.
        const targets = [...removal.conversationIds, ...conversations.map((c) => c.conversationId), ...(removal.teamId ? [removal.teamId] : [])];
        const { subscriptions } = await repos.installations.stopDigests(programmeId, removal, targets, removal.reason, at);
        // Teams announces one removal twice (installationUpdate and conversationUpdate): only the one that
        // changed something leaves an audit row.
        if (!conversations.length && !subscriptions.length) return { programmeId, conversations: 0, digests: 0 };
        await repos.audit.record({
          programmeId,
          actorId: null,
          action: 'workspace.uninstall',
          subjectType: 'workspace',
          subjectId: `${removal.platform}:${removal.workspaceExternalId}`,
          detail: { scope: removal.scope, reason: removal.reason, conversations: conversations.length, digests: subscriptions.map((s) => s.id) },
          at,
        });
        deps.logger.info({ platform: removal.platform, workspace: removal.workspaceExternalId, programme: programmeId, scope: removal.scope, conversations: conversations.length, digests: subscriptions.length }, 'installation removed');
        return { programmeId, conversations: conversations.length, digests: subscriptions.length };
      }),
  };
}

import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { conversations, digestSubscriptions, workspaces } from './schema/index.js';

/** What an uninstall covers: exact conversations (a 1:1 chat, a group chat) and/or a whole Teams team. */
export interface InstallationScope {
  platform: 'slack' | 'teams';
  workspaceExternalId: string;
  conversationIds: string[];
  /** A Teams team id: every stored conversation in that team (its channels) goes with it. */
  teamId?: string;
}

// A Teams channel conversation id carries `;messageid=…` when the message was a thread reply; the part
// before `;` names the channel, so matching is done on that part.
const baseOf = (id: string) => id.split(';', 1)[0]!;
const baseId = (column: typeof conversations.conversationId | typeof digestSubscriptions.channelId) => sql<string>`split_part(${column}, ';', 1)`;

export function createInstallationsRepository({ db }: { db: Database }) {
  return {
    /** The programme a workspace is connected to, without creating a row for a workspace never seen. */
    async programmeOf(platform: 'slack' | 'teams', externalId: string) {
      const [row] = await db
        .select({ programmeId: workspaces.programmeId })
        .from(workspaces)
        .where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
      return { programmeId: row?.programmeId ?? null };
    },

    /** Deletes the stored conversation references in scope: they only say where LOKET may post. */
    async forgetConversations(programmeId: string, scope: InstallationScope) {
      const matches: SQL[] = [];
      if (scope.conversationIds.length) matches.push(inArray(baseId(conversations.conversationId), scope.conversationIds.map(baseOf)));
      if (scope.teamId) matches.push(sql`${conversations.reference}->>'teamId' = ${scope.teamId}`, eq(baseId(conversations.conversationId), baseOf(scope.teamId)));
      if (!matches.length) return { conversations: [] };
      const removed = await db
        .delete(conversations)
        .where(and(eq(conversations.programmeId, programmeId), eq(conversations.platform, scope.platform), eq(conversations.workspaceExternalId, scope.workspaceExternalId), or(...matches)))
        .returning({ conversationId: conversations.conversationId, conversationType: conversations.conversationType });
      return { conversations: removed };
    },

    /** Turns off the digests of the given conversations; the subscriptions stay so `status` can say why. */
    async stopDigests(programmeId: string, scope: Pick<InstallationScope, 'platform' | 'workspaceExternalId'>, conversationIds: string[], reason: string, at: Date) {
      const bases = [...new Set(conversationIds.map(baseOf))];
      if (!bases.length) return { subscriptions: [] };
      const subscriptions = await db
        .update(digestSubscriptions)
        .set({ active: false, inactiveReason: reason, updatedAt: at })
        .where(
          and(
            eq(digestSubscriptions.programmeId, programmeId),
            eq(digestSubscriptions.platform, scope.platform),
            eq(digestSubscriptions.workspaceExternalId, scope.workspaceExternalId),
            eq(digestSubscriptions.active, true),
            inArray(baseId(digestSubscriptions.channelId), bases),
          ),
        )
        .returning({ id: digestSubscriptions.id, channelId: digestSubscriptions.channelId });
      return { subscriptions };
    },
  };
}

export type InstallationsRepository = ReturnType<typeof createInstallationsRepository>;

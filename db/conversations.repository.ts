import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { conversations } from './schema/index.js';

export interface ConversationInput {
  programmeId: string;
  platform: 'slack' | 'teams';
  workspaceExternalId: string;
  conversationId: string;
  conversationType: string;
  userId?: string;
  serviceUrl?: string;
  reference: Record<string, unknown>;
}

export function createConversationsRepository({ db }: { db: Database }) {
  return {
    /** Stores (or refreshes) where LOKET can post proactively later. */
    async remember(input: ConversationInput) {
      const values = { ...input, userId: input.userId ?? null, serviceUrl: input.serviceUrl ?? null, updatedAt: new Date() };
      const [conversation] = await db
        .insert(conversations)
        .values(values)
        .onConflictDoUpdate({
          target: [conversations.platform, conversations.conversationId],
          // A conversation follows its workspace: if the workspace was reconnected, so is the conversation.
          set: {
            programmeId: values.programmeId,
            workspaceExternalId: values.workspaceExternalId,
            reference: values.reference,
            serviceUrl: values.serviceUrl,
            userId: sql`coalesce(excluded.user_id, ${conversations.userId})`,
            updatedAt: values.updatedAt,
          },
        })
        .returning();
      return { conversation: conversation! };
    },

    async find(programmeId: string, platform: 'slack' | 'teams', conversationId: string) {
      const [conversation] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.programmeId, programmeId), eq(conversations.platform, platform), eq(conversations.conversationId, conversationId)));
      return { conversation };
    },

    /** The 1:1 chat LOKET already has with a person, if any (Teams bots cannot open one themselves). */
    async findPersonal(programmeId: string, platform: 'slack' | 'teams', userId: string) {
      const [conversation] = await db
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.programmeId, programmeId),
            eq(conversations.platform, platform),
            eq(conversations.userId, userId),
            eq(conversations.conversationType, 'personal'),
          ),
        );
      return { conversation };
    },
  };
}

export type ConversationsRepository = ReturnType<typeof createConversationsRepository>;

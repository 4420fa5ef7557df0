// A chat message saved into LOKET (`save`, issue 22): where it came from, and the two records a meeting
// gains one at a time (a decision, an action item), which `meeting` otherwise writes all at once.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { insertActionItems, type NewActionItem } from './action-items.repository.js';
import { decisions, exchangePosts, messageSources, type ExchangeKind, type SavedSubject } from './schema/index.js';
import type { Platform } from './schema/workspaces.js';

export type MessageSource = typeof messageSources.$inferSelect;

export interface NewMessageSource {
  programmeId: string;
  subjectType: SavedSubject;
  subjectId: string;
  platform: Platform;
  link: string | null;
  /** A person LOKET knows, or else the name of a guest. */
  authorId: string | null;
  authorName: string | null;
  savedBy: string;
  at: Date;
}

export function createSavedMessagesRepository({ db }: { db: Database }) {
  return {
    async recordSource(input: NewMessageSource) {
      const { at, ...values } = input;
      const [source] = await db.insert(messageSources).values({ ...values, createdAt: at }).returning();
      return { source: source! };
    },

    async sourceOf(programmeId: string, subjectType: SavedSubject, subjectId: string) {
      const [source] = await db
        .select()
        .from(messageSources)
        .where(and(eq(messageSources.programmeId, programmeId), eq(messageSources.subjectType, subjectType), eq(messageSources.subjectId, subjectId)));
      return { source };
    },

    /** A decision added after the meeting was logged comes last in its order. */
    async addDecision(input: { programmeId: string; meetingId: string; text: string; at: Date }) {
      const next = sql<number>`(select coalesce(max(${decisions.position}) + 1, 0) from ${decisions} where ${decisions.meetingId} = ${input.meetingId})`;
      const [decision] = await db
        .insert(decisions)
        .values({ programmeId: input.programmeId, meetingId: input.meetingId, position: next, text: input.text, createdAt: input.at })
        .returning({ id: decisions.id, position: decisions.position, text: decisions.text });
      return { decision: decision! };
    },

    /** The open post a person just wrote with this topic: the exchange's own use case wrote it. */
    async latestPost(input: { programmeId: string; personId: string; kind: ExchangeKind; topic: string }) {
      const [post] = await db
        .select({ id: exchangePosts.id })
        .from(exchangePosts)
        .where(and(eq(exchangePosts.programmeId, input.programmeId), eq(exchangePosts.personId, input.personId), eq(exchangePosts.kind, input.kind), eq(exchangePosts.topic, input.topic), isNull(exchangePosts.closedAt)))
        .orderBy(desc(exchangePosts.createdAt))
        .limit(1);
      return { post };
    },

    async addActionItem(input: { programmeId: string; meetingId: string; action: NewActionItem; at: Date }) {
      const [action] = await insertActionItems(db, { programmeId: input.programmeId, meetingId: input.meetingId, at: input.at, actions: [input.action] });
      return { action: action! };
    },
  };
}

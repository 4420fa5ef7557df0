import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { people, type Gender } from './schema/index.js';
import type { Platform } from './schema/index.js';

export interface PersonIdentity {
  programmeId: string;
  platform: Platform;
  workspaceExternalId: string;
  userId: string;
}

export type Person = typeof people.$inferSelect;

export function createPeopleRepository({ db }: { db: Database }) {
  return {
    /** Finds the person or creates them; a changed display name from the platform is kept up to date. */
    async upsert(identity: PersonIdentity, displayName: string | undefined, at: Date) {
      const name = displayName?.trim() || identity.userId;
      const [person] = await db
        .insert(people)
        .values({ ...identity, displayName: name, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: [people.programmeId, people.platform, people.workspaceExternalId, people.userId],
          // Keep a known name when the platform sends none (events carry only the user id), and a name from
          // the platform's directory (users.info) over one a payload carried (a Slack handle).
          set: { displayName: displayName?.trim() ? sql`case when ${people.nameRefreshedAt} is null then ${name} else ${people.displayName} end` : sql`${people.displayName}` },
        })
        .returning();
      return { person: person! };
    },

    async findById(programmeId: string, id: string) {
      const [person] = await db.select().from(people).where(and(eq(people.programmeId, programmeId), eq(people.id, id)));
      return { person };
    },

    /** A platform user id mentioned in a message; ids are unique per platform, so any workspace matches. */
    async findByPlatformId(programmeId: string, platform: Platform, userId: string) {
      const [person] = await db
        .select()
        .from(people)
        .where(and(eq(people.programmeId, programmeId), eq(people.platform, platform), eq(people.userId, userId)));
      return { person };
    },

    /** `@display-name`: case-insensitive, may match several people. */
    async findByName(programmeId: string, name: string) {
      const found = await db
        .select()
        .from(people)
        .where(and(eq(people.programmeId, programmeId), sql`lower(${people.displayName}) = lower(${name})`))
        .limit(5);
      return { people: found };
    },

    /** Of these platform user ids, the ones whose name never came from the platform's directory or came
     *  before `staleBefore`, plus up to `backfill` more of the workspace's never-asked people (so people
     *  stored as a bare id before names were asked for get theirs too). Across programmes. */
    async namesToRefresh(platform: Platform, workspaceExternalId: string, userIds: string[], staleBefore: Date, backfill = 0) {
      const stale = or(isNull(people.nameRefreshedAt), lt(people.nameRefreshedAt, staleBefore));
      const named = userIds.length
        ? await db.selectDistinct({ userId: people.userId }).from(people).where(and(eq(people.platform, platform), inArray(people.userId, userIds), stale))
        : [];
      const more = backfill > 0
        ? await db
            .selectDistinct({ userId: people.userId })
            .from(people)
            .where(and(eq(people.platform, platform), eq(people.workspaceExternalId, workspaceExternalId), isNull(people.nameRefreshedAt)))
            .limit(backfill)
        : [];
      return { userIds: [...new Set([...named, ...more].map((r) => r.userId))] };
    },

    /** The platform's directory name of a user (Slack users.info or user_change), in every programme the
     *  user is known in; ids are unique per platform. */
    async setDirectoryName(platform: Platform, userId: string, displayName: string, at: Date) {
      const rows = await db
        .update(people)
        .set({ displayName, nameRefreshedAt: at, updatedAt: at })
        .where(and(eq(people.platform, platform), eq(people.userId, userId)))
        .returning({ id: people.id });
      return { updated: rows.length };
    },

    async updateProfile(
      programmeId: string,
      id: string,
      changes: { language?: 'sv' | 'en'; gender?: Gender; organisationId?: string },
      at: Date,
    ) {
      const [person] = await db
        .update(people)
        .set({ ...changes, updatedAt: at })
        .where(and(eq(people.programmeId, programmeId), eq(people.id, id)))
        .returning();
      return { person: person! };
    },
  };
}

import { and, eq, sql } from 'drizzle-orm';
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
          // Keep a known name when the platform sends none (events carry only the user id).
          set: { displayName: displayName?.trim() ? name : sql`${people.displayName}` },
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

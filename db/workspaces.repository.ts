import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { workspaces } from './schema/index.js';
import type { Platform } from './schema/index.js';

export function createWorkspacesRepository({ db }: { db: Database }) {
  return {
    /** The workspace row for (platform, external id), created unconnected on first contact. */
    /** Every command starts here: one read when the workspace is known (all but its first message). */
    async ensure(platform: Platform, externalId: string) {
      const where = and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId));
      const [known] = await db.select().from(workspaces).where(where);
      if (known) return { workspace: known };
      await db.insert(workspaces).values({ platform, externalId }).onConflictDoNothing();
      const [workspace] = await db
        .select()
        .from(workspaces)
        .where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
      return { workspace: workspace! };
    },

    async connect(workspaceId: string, programmeId: string, at: Date) {
      const [workspace] = await db
        .update(workspaces)
        .set({ programmeId, connectedAt: at })
        .where(eq(workspaces.id, workspaceId))
        .returning();
      return { workspace: workspace! };
    },

    /** Slack and Teams workspaces connected to the programme; the console does not count as one. */
    async countPlatformWorkspaces(programmeId: string) {
      const [row] = await db
        .select({ total: count() })
        .from(workspaces)
        .where(and(eq(workspaces.programmeId, programmeId), ne(workspaces.platform, 'console')));
      return { total: row?.total ?? 0 };
    },

    /** Serialises "is this the first workspace?" decisions between concurrent first contacts. */
    async lockFirstConnection() {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext('loket.first-workspace'))`);
    },
  };
}

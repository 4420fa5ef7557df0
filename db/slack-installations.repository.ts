import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { digestSubscriptions, slackInstallations, workspaces, type NewSlackInstallationRow } from './schema/index.js';

export type SlackInstallationValues = Omit<NewSlackInstallationRow, 'id' | 'installedAt' | 'updatedAt'>;
/** The four token columns, each ciphertext or null. */
export interface SealedTokens {
  botToken: string | null;
  botRefreshToken: string | null;
  userToken: string | null;
  userRefreshToken: string | null;
}

/** Slack OAuth installations (tokens arrive here already encrypted) and what uninstalling a workspace stops. */
export function createSlackInstallationsRepository({ db }: { db: Database }) {
  return {
    /** A reinstall or a token refresh replaces the row's tokens and scopes; installedAt stays the first one. */
    async save(values: SlackInstallationValues, at: Date) {
      const [row] = await db
        .insert(slackInstallations)
        .values({ ...values, installedAt: at, updatedAt: at })
        .onConflictDoUpdate({ target: slackInstallations.installKey, set: { ...values, updatedAt: at } })
        .returning();
      return { installation: row! };
    },

    /** Every installation's sealed tokens (`npm run keys:rotate` reseals them under the current key). */
    async sealedTokens() {
      const rows = await db
        .select({
          id: slackInstallations.id,
          installKey: slackInstallations.installKey,
          botToken: slackInstallations.botToken,
          botRefreshToken: slackInstallations.botRefreshToken,
          userToken: slackInstallations.userToken,
          userRefreshToken: slackInstallations.userRefreshToken,
        })
        .from(slackInstallations)
        .orderBy(slackInstallations.installKey);
      return { installations: rows };
    },

    /** Replaces an installation's sealed tokens only while they are still the ones read: a token refreshed
     *  by a running instance in between wins, and the row is left for the next run. */
    async resealTokens(id: string, before: SealedTokens, after: SealedTokens) {
      const columns = { botToken: slackInstallations.botToken, botRefreshToken: slackInstallations.botRefreshToken, userToken: slackInstallations.userToken, userRefreshToken: slackInstallations.userRefreshToken };
      const unchanged = Object.entries(columns).map(([name, column]) => sql`${column} is not distinct from ${before[name as keyof SealedTokens]}`);
      const rows = await db
        .update(slackInstallations)
        .set(after)
        .where(and(eq(slackInstallations.id, id), ...unchanged))
        .returning({ id: slackInstallations.id });
      return { resealed: rows.length === 1 };
    },

    async find(installKey: string) {
      const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.installKey, installKey));
      return { installation: row };
    },

    /** Removes the installation with all its tokens (app_uninstalled, or the bot token revoked). */
    async remove(installKey: string) {
      const removed = await db.delete(slackInstallations).where(eq(slackInstallations.installKey, installKey)).returning({ id: slackInstallations.id });
      return { removed: removed.length };
    },

    /** tokens_revoked for users: only the installer's user token is stored, so that is all there is to drop. */
    async removeUserTokens(installKey: string, userIds: string[], at: Date) {
      if (userIds.length === 0) return { removed: 0 };
      const rows = await db
        .update(slackInstallations)
        .set({ userToken: null, userRefreshToken: null, userTokenExpiresAt: null, userScopes: null, updatedAt: at })
        .where(and(eq(slackInstallations.installKey, installKey), inArray(slackInstallations.installerUserId, userIds)))
        .returning({ id: slackInstallations.id });
      return { removed: rows.length };
    },

    /** The programme a Slack workspace is connected to, if any, without creating a row for a new one. */
    async programmeOfTeam(teamId: string) {
      const [row] = await db
        .select({ id: workspaces.id, programmeId: workspaces.programmeId })
        .from(workspaces)
        .where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, teamId)));
      return { workspaceId: row?.id, programmeId: row?.programmeId ?? null };
    },

    /** A workspace served by an organisation's org-wide install (Enterprise Grid), noted when a request
     *  from it is authorized through that install; written only when it changes. */
    async noteEnterpriseWorkspace(teamId: string, enterpriseId: string) {
      await db
        .insert(workspaces)
        .values({ platform: 'slack', externalId: teamId, enterpriseId })
        .onConflictDoUpdate({
          target: [workspaces.platform, workspaces.externalId],
          set: { enterpriseId },
          setWhere: sql`${workspaces.enterpriseId} is distinct from ${enterpriseId}`,
        });
    },

    /** The organisation whose org-wide install serves a workspace, when one was seen. */
    async enterpriseOfTeam(teamId: string) {
      const [row] = await db
        .select({ enterpriseId: workspaces.enterpriseId })
        .from(workspaces)
        .where(and(eq(workspaces.platform, 'slack'), eq(workspaces.externalId, teamId)));
      return { enterpriseId: row?.enterpriseId ?? undefined };
    },

    /** The connected workspaces an organisation's org-wide install was seen serving. */
    async connectedWorkspacesOfEnterprise(enterpriseId: string) {
      const rows = await db
        .select({ id: workspaces.id, externalId: workspaces.externalId, programmeId: workspaces.programmeId })
        .from(workspaces)
        .where(and(eq(workspaces.platform, 'slack'), eq(workspaces.enterpriseId, enterpriseId), isNotNull(workspaces.programmeId)));
      return { workspaces: rows.map((r) => ({ id: r.id, externalId: r.externalId, programmeId: r.programmeId! })) };
    },

    /** The programme's weekly digests in a workspace LOKET was removed from stop, and say why; `digest here`
     *  after a reinstall turns one on again. */
    async stopWorkspaceDigests(programmeId: string, workspaceExternalId: string, reason: string, at: Date) {
      const rows = await db
        .update(digestSubscriptions)
        .set({ active: false, inactiveReason: reason, updatedAt: at })
        .where(and(
          eq(digestSubscriptions.programmeId, programmeId),
          eq(digestSubscriptions.platform, 'slack'),
          eq(digestSubscriptions.workspaceExternalId, workspaceExternalId),
          eq(digestSubscriptions.active, true),
        ))
        .returning({ id: digestSubscriptions.id });
      return { stopped: rows.length };
    },
  };
}

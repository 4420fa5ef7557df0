import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { exportFiles, linkGenerations } from './schema/index.js';
import { inScope, type ClusterScope } from './status.repository.js';

/** Link generations (see schema/link-generations.ts) and the one figure the web view shows that `status`
 *  does not: activities per ISO week and cluster. Everything else on the page comes from the status and
 *  indicator repositories, so the page and `status` cannot disagree. */
export function createDashboardRepository({ db }: { db: Database }) {
  return {
    async generation(programmeId: string) {
      const [row] = await db.select({ generation: linkGenerations.generation }).from(linkGenerations).where(eq(linkGenerations.programmeId, programmeId));
      return { generation: row?.generation ?? 0 };
    },

    /**
     * Retires every link handed out so far: the dashboard's by bumping the generation they carry, and the
     * download links by expiring their stored files, which the file route already refuses and the purge
     * job deletes — so revoking also removes the personal data a leaked export link could reach.
     */
    async revoke(input: { programmeId: string; by: string; at: Date }) {
      const [row] = await db
        .insert(linkGenerations)
        .values({ programmeId: input.programmeId, generation: 1, revokedAt: input.at, revokedBy: input.by })
        .onConflictDoUpdate({ target: linkGenerations.programmeId, set: { generation: sql`${linkGenerations.generation} + 1`, revokedAt: input.at, revokedBy: input.by } })
        .returning({ generation: linkGenerations.generation });
      const expired = await db
        .update(exportFiles)
        .set({ expiresAt: input.at })
        .where(and(eq(exportFiles.programmeId, input.programmeId), gt(exportFiles.expiresAt, input.at)))
        .returning({ id: exportFiles.id });
      return { generation: row!.generation, files: expired.length };
    },

    /** Live meetings per cluster and ISO week (`2026-W09`) in the period; a meeting of two clusters
     *  counts once for each, as it does in each cluster's `status` line. */
    async activityWeeks(input: { programmeId: string; scope: ClusterScope; from: string; to: string }) {
      const result = await db.execute(sql`
        select mc.cluster_id as "clusterId", to_char(m.held_on, 'IYYY-"W"IW') as "isoWeek", count(*)::int as n
        from meetings m join meeting_clusters mc on mc.meeting_id = m.id
        where m.programme_id = ${input.programmeId} and m.deleted_at is null
          and m.held_on between ${input.from}::date and ${input.to}::date and ${inScope(sql`mc.cluster_id`, input.scope)}
        group by 1, 2 order by 2, 1`);
      return { weeks: rowsOf<{ clusterId: string; isoWeek: string; n: number }>(result) };
    },
  };
}

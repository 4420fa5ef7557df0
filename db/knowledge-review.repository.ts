import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';

/** A knowledge entry (a note, which includes every exchange learning) with who keeps it true. */
export interface KnowledgeEntry {
  id: string;
  number: number;
  text: string;
  clusterId: string | null;
  cluster: string | null;
  ownerId: string;
  owner: string;
  /** The day it was last reviewed, or written when never reviewed. */
  lastReviewed: string;
  reviewMonths: number;
  stale: boolean;
}

// The owner is the author until someone else takes the entry over (a handover); a meeting's note belongs
// to its meeting's clusters, so its cluster is one of those.
const entryColumns = (now: Date) => sql`
  n.id, n.number, n.text, cl.id as "clusterId", cl.name as cluster,
  coalesce(n.owner_id, n.author_id) as "ownerId", pe.display_name as owner,
  to_char(coalesce(n.reviewed_at, n.created_at), 'YYYY-MM-DD') as "lastReviewed", n.review_months as "reviewMonths",
  coalesce(n.reviewed_at, n.created_at) + make_interval(months => n.review_months) < ${now.toISOString()}::timestamptz as stale`;

const entryFrom = sql`
  from notes n
  join people pe on pe.id = coalesce(n.owner_id, n.author_id)
  left join meetings m on m.id = n.meeting_id
  left join clusters cl on cl.id = coalesce(n.cluster_id, (select mc.cluster_id from meeting_clusters mc where mc.meeting_id = n.meeting_id order by mc.cluster_id limit 1))`;

/** Notes of one cluster: its own, and those of its meetings. */
function ofCluster(clusterId: string): SQL {
  return sql`(n.cluster_id = ${clusterId}::uuid or n.meeting_id in (select mc.meeting_id from meeting_clusters mc where mc.cluster_id = ${clusterId}::uuid))`;
}

export function createKnowledgeReviewRepository({ db }: { db: Database }) {
  async function entries(programmeId: string, now: Date, where: SQL, limit = 1000) {
    const result = await db.execute(sql`
      select ${entryColumns(now)} ${entryFrom}
      where n.programme_id = ${programmeId} and m.deleted_at is null and ${where}
      order by coalesce(n.reviewed_at, n.created_at), n.number limit ${limit}`);
    return rowsOf<KnowledgeEntry>(result);
  }
  const staleWhere = (now: Date) => sql`coalesce(n.reviewed_at, n.created_at) + make_interval(months => n.review_months) < ${now.toISOString()}::timestamptz`;

  return {
    /** Stale entries one person owns, oldest first. */
    async staleOwnedBy(programmeId: string, ownerId: string, now: Date, limit = 50) {
      return { entries: await entries(programmeId, now, sql`coalesce(n.owner_id, n.author_id) = ${ownerId}::uuid and ${staleWhere(now)}`, limit) };
    },

    /** Stale entries of one cluster, oldest first. */
    async staleOfCluster(programmeId: string, clusterId: string, now: Date, limit = 50) {
      return { entries: await entries(programmeId, now, sql`${ofCluster(clusterId)} and ${staleWhere(now)}`, limit) };
    },

    /** Every stale entry of the programme, for the weekly reminder to their owners. */
    async staleAll(programmeId: string, now: Date) {
      return { entries: await entries(programmeId, now, staleWhere(now), 10_000) };
    },

    /** Entries of a cluster that a person owns: what a handover passes on. */
    async ownedInCluster(programmeId: string, clusterId: string, ownerId: string, now: Date) {
      return { entries: await entries(programmeId, now, sql`${ofCluster(clusterId)} and coalesce(n.owner_id, n.author_id) = ${ownerId}::uuid`) };
    },

    async findByNumber(programmeId: string, number: number, now: Date) {
      const [entry] = await entries(programmeId, now, sql`n.number = ${number}`, 1);
      return { entry };
    },

    /** `note review N5`: the entry is true as it stands; the interval starts again from now. */
    async markReviewed(programmeId: string, id: string, at: Date) {
      await db.execute(sql`update notes set reviewed_at = ${at.toISOString()}::timestamptz where programme_id = ${programmeId} and id = ${id}::uuid`);
    },

    /** Hands the given entries to a new owner; returns the numbers actually changed. */
    async reassign(programmeId: string, ids: string[], toId: string) {
      if (ids.length === 0) return { numbers: [] as number[] };
      const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
      const result = await db.execute(sql`update notes set owner_id = ${toId}::uuid where programme_id = ${programmeId} and id in (${list}) returning number`);
      return { numbers: rowsOf<{ number: number }>(result).map((r) => r.number) };
    },
  };
}

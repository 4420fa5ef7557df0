import { and, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import { auditLog, clusters, meetingClusters, people } from './schema/index.js';

export interface AuditEntry {
  programmeId: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
  at: Date;
}

export interface AuditQuery {
  programmeId: string;
  /** Calendar days in `timezone`, both ends inclusive. */
  from?: string;
  to?: string;
  timezone: string;
  clusterId?: string;
  limit: number;
}

const subjectPerson = alias(people, 'subject_person');

export function createAuditRepository({ db }: { db: Database }) {
  return {
    async record(entry: AuditEntry) {
      await db.insert(auditLog).values(entry);
    },

    /** Entries newest first with the actor's and subject's names, and how many match in all. A membership's
     *  subject id is `<cluster id>:<person id>`, so both halves are looked up. */
    async list(query: AuditQuery) {
      const where = and(eq(auditLog.programmeId, query.programmeId), ...periodFilter(query), ...(query.clusterId ? [aboutCluster(query.clusterId)] : []));
      const rows = await db
        .select({ entry: auditLog, actorName: people.displayName, clusterName: clusters.name, personName: subjectPerson.displayName })
        .from(auditLog)
        .leftJoin(people, and(eq(people.id, auditLog.actorId), eq(people.programmeId, auditLog.programmeId)))
        .leftJoin(clusters, and(eq(sql`${clusters.id}::text`, sql`coalesce(${auditLog.detail}->>'clusterId', split_part(${auditLog.subjectId}, ':', 1))`), eq(clusters.programmeId, auditLog.programmeId)))
        .leftJoin(subjectPerson, and(eq(sql`${subjectPerson.id}::text`, sql`coalesce(nullif(split_part(${auditLog.subjectId}, ':', 2), ''), ${auditLog.subjectId})`), eq(subjectPerson.programmeId, auditLog.programmeId)))
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(query.limit);
      const [total] = await db.select({ n: count() }).from(auditLog).where(where);
      return { entries: rows, total: total?.n ?? 0 };
    },
  };
}

// Days are the programme's days, so the bounds are local midnights turned into instants by Postgres.
function periodFilter(query: AuditQuery): SQL[] {
  const filters: SQL[] = [];
  if (query.from) filters.push(sql`${auditLog.at} >= (${query.from}::date)::timestamp at time zone ${query.timezone}`);
  if (query.to) filters.push(sql`${auditLog.at} < ((${query.to}::date + 1)::timestamp) at time zone ${query.timezone}`);
  return filters;
}

/** A cluster's entries: the cluster itself, its memberships, records that name it in their detail, and its
 *  meetings (a meeting may belong to several clusters, so those are found through meeting_clusters). */
function aboutCluster(clusterId: string): SQL {
  return or(
    eq(auditLog.subjectId, clusterId),
    sql`${auditLog.subjectId} like ${`${clusterId}:%`}`,
    sql`${auditLog.detail}->>'clusterId' = ${clusterId}`,
    sql`coalesce(${auditLog.detail}->'clusterIds', '[]'::jsonb) @> jsonb_build_array(${clusterId}::text)`,
    sql`(${auditLog.subjectType} = 'meeting' and exists (select 1 from ${meetingClusters} mc where mc.meeting_id::text = ${auditLog.subjectId} and mc.cluster_id = ${clusterId}::uuid))`,
  )!;
}

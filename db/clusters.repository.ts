import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { clusters, memberships, people, type ClusterRole } from './schema/index.js';

export type Cluster = typeof clusters.$inferSelect;

export function createClustersRepository({ db }: { db: Database }) {
  return {
    async create(input: { programmeId: string; name: string; sector: string; at: Date }) {
      const inserted = await db
        .insert(clusters)
        .values({ programmeId: input.programmeId, name: input.name, sector: input.sector, createdAt: input.at })
        .onConflictDoNothing()
        .returning();
      return { cluster: inserted[0] };
    },

    /** Whether a cluster's name is `word` or starts with it as a word (`Swedish` of «Swedish Space Cluster»),
     *  retired ones too: a word near a sub-command (`plan gpa`) is a cluster's name only when one is so named. */
    async anyNameStartsWith(programmeId: string, word: string) {
      const [row] = await db
        .select({ id: clusters.id })
        .from(clusters)
        .where(and(eq(clusters.programmeId, programmeId), sql`(lower(${clusters.name}) = lower(${word}) or starts_with(lower(${clusters.name}), lower(${word}) || ' '))`))
        .limit(1);
      return { found: row !== undefined };
    },

    /** Case-insensitive: leaders type "rymd" for "Rymd". */
    async findByName(programmeId: string, name: string) {
      const [cluster] = await db
        .select()
        .from(clusters)
        .where(and(eq(clusters.programmeId, programmeId), sql`lower(${clusters.name}) = lower(${name})`));
      return { cluster };
    },

    /** The clusters with leader, deputies and member count; retired ones only with `includeRetired`
     *  (`cluster list all`): everywhere else a retired cluster is out of sight of new work. */
    async list(programmeId: string, options: { includeRetired?: boolean } = {}) {
      const rows = await db
        .select({
          cluster: clusters,
          leader: sql<string | null>`max(${people.displayName}) filter (where ${memberships.role} = 'leader')`,
          deputies: sql<string[]>`coalesce(array_agg(${people.displayName} order by ${people.displayName}) filter (where ${memberships.role} = 'deputy'), '{}')`,
          memberCount: sql<number>`count(${memberships.personId})::int`,
        })
        .from(clusters)
        .leftJoin(memberships, eq(memberships.clusterId, clusters.id))
        .leftJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(clusters.programmeId, programmeId), options.includeRetired ? undefined : isNull(clusters.retiredAt)))
        .groupBy(clusters.id)
        .orderBy(asc(sql`lower(${clusters.name})`));
      return { clusters: rows };
    },

    /** A person's roles in the clusters that take work: a retired cluster's role grants nothing new (no
     *  meeting, note, weekly note or exchange there, and no default to it). */
    async membershipsOf(programmeId: string, personId: string) {
      const rows = await db
        .select({ cluster: clusters, role: memberships.role })
        .from(memberships)
        .innerJoin(clusters, eq(clusters.id, memberships.clusterId))
        .where(and(eq(memberships.programmeId, programmeId), eq(memberships.personId, personId), isNull(clusters.retiredAt)))
        .orderBy(asc(clusters.name));
      return { memberships: rows };
    },

    /** A person's roles in retired clusters, latest retired first: read only when a command is refused for
     *  want of a role, so the refusal can say the cluster was retired rather than that the role is missing. */
    async retiredMembershipsOf(programmeId: string, personId: string) {
      const rows = await db
        .select({ cluster: clusters, role: memberships.role })
        .from(memberships)
        .innerJoin(clusters, eq(clusters.id, memberships.clusterId))
        .where(and(eq(memberships.programmeId, programmeId), eq(memberships.personId, personId), isNotNull(clusters.retiredAt)))
        .orderBy(desc(clusters.retiredAt), asc(clusters.name));
      return { memberships: rows };
    },

    async leaderOf(programmeId: string, clusterId: string) {
      const [row] = await db
        .select({ person: people })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(memberships.programmeId, programmeId), eq(memberships.clusterId, clusterId), eq(memberships.role, 'leader')));
      return { leader: row?.person };
    },

    /** Sets a person's role in a cluster. A new leader turns the previous leader into a deputy, so the
     *  cluster never has two leaders and the previous one keeps access to continue the work. */
    async setRole(input: { programmeId: string; clusterId: string; personId: string; role: ClusterRole; at: Date }) {
      let previousLeaderId: string | undefined;
      if (input.role === 'leader') {
        const demoted = await db
          .update(memberships)
          .set({ role: 'deputy', updatedAt: input.at })
          .where(and(eq(memberships.programmeId, input.programmeId), eq(memberships.clusterId, input.clusterId), eq(memberships.role, 'leader'), sql`${memberships.personId} <> ${input.personId}`))
          .returning({ personId: memberships.personId });
        previousLeaderId = demoted[0]?.personId;
      }
      const [membership] = await db
        .insert(memberships)
        .values({ programmeId: input.programmeId, clusterId: input.clusterId, personId: input.personId, role: input.role, createdAt: input.at, updatedAt: input.at })
        .onConflictDoUpdate({ target: [memberships.clusterId, memberships.personId], set: { role: input.role, updatedAt: input.at } })
        .returning();
      return { membership: membership!, previousLeaderId };
    },

    /** `leave`: removes the person's membership; returns the role they had, or null when they had none. */
    async leave(input: { programmeId: string; clusterId: string; personId: string }) {
      const [row] = await db
        .delete(memberships)
        .where(and(eq(memberships.programmeId, input.programmeId), eq(memberships.clusterId, input.clusterId), eq(memberships.personId, input.personId)))
        .returning({ role: memberships.role });
      return { role: row?.role ?? null };
    },

    /** `cluster rename`: the id stays, so every meeting, note, plan and exchange follows the new name. */
    async rename(input: { programmeId: string; clusterId: string; name: string }) {
      const [cluster] = await db
        .update(clusters)
        .set({ name: input.name })
        .where(and(eq(clusters.programmeId, input.programmeId), eq(clusters.id, input.clusterId)))
        .returning();
      return { cluster: cluster! };
    },

    /** `cluster retire`: marks the cluster retired once (a second retire changes nothing and returns null). */
    async retire(input: { programmeId: string; clusterId: string; at: Date }) {
      const [cluster] = await db
        .update(clusters)
        .set({ retiredAt: input.at })
        .where(and(eq(clusters.programmeId, input.programmeId), eq(clusters.id, input.clusterId), isNull(clusters.retiredAt)))
        .returning();
      return { cluster: cluster ?? null };
    },

    /** `join`: adds a member; an existing membership (maybe as leader) is left as it is. */
    async join(input: { programmeId: string; clusterId: string; personId: string; at: Date }) {
      const inserted = await db
        .insert(memberships)
        .values({ ...input, role: 'member', createdAt: input.at, updatedAt: input.at })
        .onConflictDoNothing()
        .returning();
      return { joined: inserted.length > 0 };
    },
  };
}

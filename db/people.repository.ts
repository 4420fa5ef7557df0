import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { people, programmes, workspaces, type ClusterRole, type Gender, type ProgrammeRoleName } from './schema/index.js';
import type { Cluster } from './clusters.repository.js';
import type { Platform } from './schema/index.js';

export interface PersonIdentity {
  programmeId: string;
  platform: Platform;
  workspaceExternalId: string;
  userId: string;
}

/** A person by their platform identity in a workspace, whatever programme the workspace belongs to. */
export type WorkspacePersonIdentity = Omit<PersonIdentity, 'programmeId'>;

export type Person = typeof people.$inferSelect;

/** What the core needs to know of the person behind a message, read in one statement (actorFacts). */
export interface ActorFacts {
  person: Person;
  programmeName: string;
  roles: ProgrammeRoleName[];
  /** Their clusters that take work (not retired), by name, with their role in each. */
  memberships: { cluster: Cluster; role: ClusterRole }[];
}

interface MembershipJson {
  id: string;
  programmeId: string;
  name: string;
  sector: string;
  createdAt: string;
  role: ClusterRole;
}

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

    /**
     * The person with their programme's name, programme roles and open clusters, in one statement: every
     * command starts here, and four reads were four round trips before its first own statement (issue 21).
     */
    async actorFacts(identity: PersonIdentity | WorkspacePersonIdentity): Promise<{ facts: ActorFacts | undefined }> {
      // Without the programme id, the workspace's programme is read inside the same statement, so the
      // person can be read together with the workspace instead of after it (handlers/core/run-command.ts).
      const programmeId = 'programmeId' in identity
        ? identity.programmeId
        : sql`(select ${workspaces.programmeId} from ${workspaces} where ${workspaces.platform} = ${identity.platform} and ${workspaces.externalId} = ${identity.workspaceExternalId})`;
      const [row] = await db
        .select({
          person: people,
          programmeName: programmes.name,
          roles: sql<ProgrammeRoleName[]>`coalesce((select json_agg(r.role) from programme_roles r where r.programme_id = ${people.programmeId} and r.person_id = ${people.id}), '[]'::json)`,
          memberships: sql<MembershipJson[]>`coalesce((select json_agg(json_build_object('id', c.id, 'programmeId', c.programme_id, 'name', c.name, 'sector', c.sector, 'createdAt', c.created_at, 'role', m.role) order by c.name)
            from memberships m join clusters c on c.id = m.cluster_id where m.programme_id = ${people.programmeId} and m.person_id = ${people.id} and c.retired_at is null), '[]'::json)`,
        })
        .from(people)
        .innerJoin(programmes, eq(programmes.id, people.programmeId))
        .where(and(eq(people.programmeId, programmeId), eq(people.platform, identity.platform), eq(people.workspaceExternalId, identity.workspaceExternalId), eq(people.userId, identity.userId)));
      if (!row) return { facts: undefined };
      const memberships = row.memberships.map(({ role, createdAt, ...cluster }) => ({ cluster: { ...cluster, createdAt: new Date(createdAt), retiredAt: null }, role }));
      return { facts: { person: row.person, programmeName: row.programmeName, roles: row.roles, memberships } };
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

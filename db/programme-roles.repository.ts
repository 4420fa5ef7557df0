import { and, eq } from 'drizzle-orm';
import type { Database } from './database.js';
import { programmeRoles, type ProgrammeRoleName } from './schema/index.js';

export function createProgrammeRolesRepository({ db }: { db: Database }) {
  return {
    async grant(programmeId: string, personId: string, role: ProgrammeRoleName, grantedBy: string | null, at: Date) {
      const inserted = await db
        .insert(programmeRoles)
        .values({ programmeId, personId, role, grantedBy, grantedAt: at })
        .onConflictDoNothing()
        .returning();
      return { granted: inserted.length > 0 };
    },

    async rolesOf(programmeId: string, personId: string) {
      const rows = await db
        .select({ role: programmeRoles.role })
        .from(programmeRoles)
        .where(and(eq(programmeRoles.programmeId, programmeId), eq(programmeRoles.personId, personId)));
      return { roles: rows.map((r) => r.role) };
    },

    async hasManager(programmeId: string) {
      const rows = await db
        .select({ personId: programmeRoles.personId })
        .from(programmeRoles)
        .where(and(eq(programmeRoles.programmeId, programmeId), eq(programmeRoles.role, 'manager')))
        .limit(1);
      return { hasManager: rows.length > 0 };
    },
  };
}

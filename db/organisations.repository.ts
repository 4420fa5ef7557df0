import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { organisations, type HelixType } from './schema/index.js';

export function createOrganisationsRepository({ db }: { db: Database }) {
  return {
    /** Adds an organisation unless its org number is known: org numbers de-duplicate the funder's counts. */
    async add(input: { programmeId: string; orgNumber: string; name: string; helixType: HelixType; at: Date }) {
      const inserted = await db
        .insert(organisations)
        .values({ programmeId: input.programmeId, orgNumber: input.orgNumber, name: input.name, helixType: input.helixType, createdAt: input.at })
        .onConflictDoNothing()
        .returning();
      if (inserted[0]) return { organisation: inserted[0], created: true };
      const { organisation } = await this.findByOrgNumber(input.programmeId, input.orgNumber);
      return { organisation: organisation!, created: false };
    },

    async findByOrgNumber(programmeId: string, orgNumber: string) {
      const [organisation] = await db
        .select()
        .from(organisations)
        .where(and(eq(organisations.programmeId, programmeId), eq(organisations.orgNumber, orgNumber)));
      return { organisation };
    },

    /** `org list [type]`: the programme's organisations by name, of one helix type when given. */
    async list(programmeId: string, helixType?: HelixType) {
      const rows = await db
        .select()
        .from(organisations)
        .where(and(eq(organisations.programmeId, programmeId), helixType ? eq(organisations.helixType, helixType) : undefined))
        .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.orgNumber));
      return { organisations: rows };
    },

    async findById(programmeId: string, id: string) {
      const [organisation] = await db.select().from(organisations).where(and(eq(organisations.programmeId, programmeId), eq(organisations.id, id)));
      return { organisation };
    },
  };
}

import { eq } from 'drizzle-orm';
import type { Database } from './database.js';
import { programmes } from './schema/index.js';

export function createProgrammesRepository({ db }: { db: Database }) {
  return {
    /** The default programme of this deployment, created on first use. */
    async ensureDefault(name: string) {
      await db.insert(programmes).values({ name, isDefault: true }).onConflictDoNothing();
      const [programme] = await db.select().from(programmes).where(eq(programmes.isDefault, true));
      return { programme: programme! };
    },

    async create(name: string) {
      const [programme] = await db.insert(programmes).values({ name }).returning();
      return { programme: programme! };
    },

    /** Every programme of this deployment, for jobs that visit each one. */
    async ids() {
      const rows = await db.select({ id: programmes.id }).from(programmes);
      return { ids: rows.map((r) => r.id) };
    },

    async findById(id: string) {
      const [programme] = await db.select().from(programmes).where(eq(programmes.id, id));
      return { programme };
    },
  };
}

import { and, eq, lt } from 'drizzle-orm';
import type { Database } from './database.js';
import { exportFiles, programmeTargets, type IndicatorName } from './schema/index.js';

export function createTargetsRepository({ db }: { db: Database }) {
  return {
    async set(input: { programmeId: string; indicator: IndicatorName; value: number; setBy: string; at: Date }) {
      const { at, ...values } = input;
      const [target] = await db
        .insert(programmeTargets)
        .values({ ...values, updatedAt: at })
        .onConflictDoUpdate({ target: [programmeTargets.programmeId, programmeTargets.indicator], set: { value: input.value, setBy: input.setBy, updatedAt: at } })
        .returning();
      return { target: target! };
    },

    async list(programmeId: string) {
      const rows = await db.select().from(programmeTargets).where(eq(programmeTargets.programmeId, programmeId));
      return { targets: new Map(rows.map((r) => [r.indicator, r.value])) };
    },
  };
}

export function createExportFilesRepository({ db }: { db: Database }) {
  return {
    async create(input: { programmeId: string; name: string; contentType: string; content: string; createdBy: string; at: Date; expiresAt: Date }) {
      const { at, ...values } = input;
      const [file] = await db.insert(exportFiles).values({ ...values, createdAt: at }).returning({ id: exportFiles.id });
      return { file: file! };
    },

    /** Always by (programme, id): a token signed for one programme can never reach another's file. */
    async find(programmeId: string, id: string) {
      const [file] = await db.select().from(exportFiles).where(and(eq(exportFiles.programmeId, programmeId), eq(exportFiles.id, id)));
      return { file };
    },

    async purgeExpired(now: Date) {
      const removed = await db.delete(exportFiles).where(lt(exportFiles.expiresAt, now)).returning({ id: exportFiles.id });
      return { removed: removed.length };
    },
  };
}

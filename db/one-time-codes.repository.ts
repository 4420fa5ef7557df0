import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from './database.js';
import { oneTimeCodes } from './schema/index.js';

export type CodePurpose = 'claim' | 'invite';

export function createOneTimeCodesRepository({ db }: { db: Database }) {
  return {
    async create(input: { programmeId: string; purpose: CodePurpose; codeHash: string; expiresAt: Date; createdBy: string | null }) {
      const [code] = await db.insert(oneTimeCodes).values(input).returning();
      return { code: code! };
    },

    /** Uses a code once: the conditional update makes two simultaneous uses succeed at most once. */
    async consume(purpose: CodePurpose, codeHash: string, usedBy: string, now: Date) {
      const [code] = await db
        .update(oneTimeCodes)
        .set({ usedAt: now, usedBy })
        .where(
          and(
            eq(oneTimeCodes.codeHash, codeHash),
            eq(oneTimeCodes.purpose, purpose),
            isNull(oneTimeCodes.usedAt),
            gt(oneTimeCodes.expiresAt, now),
          ),
        )
        .returning();
      return { code };
    },

    async hasLiveCode(programmeId: string, purpose: CodePurpose, now: Date) {
      const rows = await db
        .select({ id: oneTimeCodes.id })
        .from(oneTimeCodes)
        .where(and(eq(oneTimeCodes.programmeId, programmeId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)))
        .limit(1);
      return { hasLiveCode: rows.length > 0 };
    },
  };
}

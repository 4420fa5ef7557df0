import { lt } from 'drizzle-orm';
import type { Database } from './database.js';
import { processedDeliveries } from './schema/index.js';

export function createDeliveriesRepository({ db }: { db: Database }) {
  return {
    /** True the first time a (source, key) is seen. A concurrent duplicate waits on the unique index
     *  until the first transaction ends, then sees the key: redeliveries act once. */
    async claim(source: string, key: string, now: Date, ttlMs: number) {
      const inserted = await db
        .insert(processedDeliveries)
        .values({ source, key, processedAt: now, expiresAt: new Date(now.getTime() + ttlMs) })
        .onConflictDoNothing()
        .returning({ key: processedDeliveries.key });
      return { first: inserted.length > 0 };
    },

    async purgeExpired(now: Date) {
      const deleted = await db.delete(processedDeliveries).where(lt(processedDeliveries.expiresAt, now)).returning({ key: processedDeliveries.key });
      return { purged: deleted.length };
    },
  };
}

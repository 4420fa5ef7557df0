import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Idempotency keys of deliveries already acted on (Slack event_id / trigger_id, Teams activity.id).
 *  Not programme-owned: the key is checked before we know which programme a delivery belongs to. */
export const processedDeliveries = pgTable(
  'processed_deliveries',
  {
    source: text('source').notNull(),
    key: text('key').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    // Platforms stop redelivering after minutes (Slack: 3 retries within ~1 h); a day leaves a margin.
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'processed_deliveries_pk', columns: [t.source, t.key] }), index('processed_deliveries_expires_idx').on(t.expiresAt)],
);

// The continuity touch groups cached per cluster (docs/continuity.md), and the log that says which clusters'
// cached rows are stale. Both are derived data: dropping every row only costs one recomputation.
import { date, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { programmes } from './programmes.js';

/**
 * Append-only: statement-level triggers on every table continuity reads (migration
 * 0007_continuity_change_triggers) insert the clusters a write touched; the next read deletes its clusters'
 * rows and recomputes those. No key and no foreign key, so concurrent writers never wait on each other
 * here, and a row outliving its cluster is harmless.
 */
export const continuityChanges = pgTable(
  'continuity_changes',
  {
    clusterId: uuid('cluster_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('continuity_changes_cluster_idx').on(t.clusterId)],
);

export const continuityCacheKinds = ['groups', 'single'] as const;

/**
 * kind 'groups': the touch groups since `since` ([{ people, n }]); 'single': the all-time shares and sole
 * contacts, as ids only (names change on erasure and are joined when read). `since` is null for 'single'.
 */
export const continuityCache = pgTable(
  'continuity_cache',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    kind: text('kind', { enum: continuityCacheKinds }).notNull(),
    since: date('since'),
    payload: jsonb('payload').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'continuity_cache_pk', columns: [t.clusterId, t.kind] })],
);

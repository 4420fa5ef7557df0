// The heavy figures of `status` (and the dashboard), cached per programme and kept exact by a change log the
// triggers of migration 0017 append to on every write to a table those statements read (issue 21: at a
// million rows they cost over 150 ms a `status`). Both tables hold derived data only — counts keyed by
// cluster ids, never a name — so dropping every row costs one recomputation and an erasure has nothing here.
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';

/**
 * Append-only: one row per programme and writing statement. No key and no foreign key, so concurrent writers
 * never wait on each other here; the next read that finds a row consumes the programme's rows and drops its
 * cached figures (db/report-cache.repository.ts).
 */
export const reportChanges = pgTable(
  'report_changes',
  {
    programmeId: uuid('programme_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_changes_programme_idx').on(t.programmeId)],
);

/** One cached result per programme and key (the report's name and its whole input, as JSON). */
export const reportCache = pgTable(
  'report_cache',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    key: text('key').notNull(),
    payload: jsonb('payload').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'report_cache_pk', columns: [t.programmeId, t.key] })],
);

import { sql, type SQL } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';

/** Postgres `tsvector`; drizzle has no built-in column type for it. */
export const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * A stored generated column with the Swedish stemmer over the given columns. The regconfig is written out
 * (not taken from default_text_search_config) so the expression is immutable and identical on PGlite and
 * Postgres; no unaccent, so å, ä and ö stay distinct letters as Swedish readers expect. Column names are
 * spelled in SQL (snake_case, as in the table) because a column builder cannot refer to its table's columns.
 */
export function swedishVector(...columns: string[]) {
  const joined = columns.map((c) => `coalesce("${c}", '')`).join(` || ' ' || `);
  return tsvector('search_vector').generatedAlwaysAs((): SQL => sql.raw(`to_tsvector('swedish'::regconfig, ${joined})`));
}

/**
 * GIN indexes over the search vectors write through instead of queueing new entries in a pending list
 * (fastupdate): PGlite has no autovacuum to flush that list, and every search would scan it. LOKET's writes
 * are a few rows per chat message, so the slower insert is never felt.
 */
export const searchIndexOptions = { fastupdate: false };

import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './people.js';
import { programmes } from './programmes.js';

/**
 * The programme's link generation. Every dashboard link carries the generation it was signed in, and a
 * request is served only while that is still the programme's current generation: `dashboard revoke` bumps
 * it, which retires every link handed out so far at once, on every instance, without a list of tokens.
 * No row means generation 0 (no revoke yet).
 */
export const linkGenerations = pgTable('link_generations', {
  programmeId: uuid('programme_id').primaryKey().references(() => programmes.id),
  generation: integer('generation').notNull().default(0),
  revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull(),
  revokedBy: uuid('revoked_by').notNull().references(() => people.id),
});

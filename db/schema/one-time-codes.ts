import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';
import { people } from './people.js';

/** Claim codes (become PM) and invite codes (connect a workspace). Only a hash is stored: a leaked
 *  database backup must not hand out a PM role. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    purpose: text('purpose', { enum: ['claim', 'invite'] }).notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedBy: text('used_by'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('one_time_codes_hash_idx').on(t.codeHash),
    index('one_time_codes_programme_idx').on(t.programmeId, t.purpose),
  ],
);

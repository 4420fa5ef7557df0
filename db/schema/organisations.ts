import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';

export const helixTypes = ['company', 'academia', 'public', 'research', 'civil'] as const;
export type HelixType = (typeof helixTypes)[number];

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    // Swedish organisation number, normalised to NNNNNN-NNNN: the de-duplication key for funder indicators.
    orgNumber: text('org_number').notNull(),
    name: text('name').notNull(),
    helixType: text('helix_type', { enum: helixTypes }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_programme_org_number_idx').on(t.programmeId, t.orgNumber)],
);

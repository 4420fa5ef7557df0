import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './people.js';
import { programmes } from './programmes.js';

/** Indicator names the funder reports on; `target <indicator> <value>` sets one per programme. */
export const indicatorNames = ['activities', 'organisations', 'companies', 'participants', 'women', 'men', 'exchanges', 'competence', 'improved_clusters'] as const;
export type IndicatorName = (typeof indicatorNames)[number];

export const programmeTargets = pgTable(
  'programme_targets',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    indicator: text('indicator', { enum: indicatorNames }).notNull(),
    value: integer('value').notNull(),
    setBy: uuid('set_by').notNull().references(() => people.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'programme_targets_pk', columns: [t.programmeId, t.indicator] })],
);

/** A generated file behind a signed link. Stored in Postgres, not on local disk, so a link keeps working
 *  after a restart and on whichever instance the load balancer picks. Exports are a few hundred KB of text. */
export const exportFiles = pgTable(
  'export_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    content: text('content').notNull(),
    createdBy: uuid('created_by').notNull().references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Checked when serving, in addition to the token's own expiry, so a leaked old token cannot outlive it.
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('export_files_programme_idx').on(t.programmeId, t.createdAt)],
);

import { pgTable, text, timestamp, uniqueIndex, uuid, index } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';
import { organisations } from './organisations.js';
import { platforms } from './workspaces.js';

export const genders = ['woman', 'man', 'other', 'unspecified'] as const;
export type Gender = (typeof genders)[number];

/** A person is (platform, workspace, user id) within the programme their workspace is connected to. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    platform: text('platform', { enum: platforms }).notNull(),
    workspaceExternalId: text('workspace_external_id').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    // Null: follow the platform's locale, else the programme default (LOKET_LANGUAGE).
    language: text('language', { enum: ['sv', 'en'] }),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    // Self-declared only, for the funder's gender-split indicators; null means never asked/answered.
    gender: text('gender', { enum: genders }),
    // When the display name last came from the platform's directory (Slack users.info or user_change);
    // null: the name is what a payload carried, or the user id. Older than a day is asked again.
    nameRefreshedAt: timestamp('name_refreshed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_identity_idx').on(t.programmeId, t.platform, t.workspaceExternalId, t.userId),
    index('people_programme_name_idx').on(t.programmeId, t.displayName),
  ],
);

import { pgTable, text, timestamp, uniqueIndex, uuid, index } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';

export const platforms = ['slack', 'teams', 'console'] as const;
export type Platform = (typeof platforms)[number];

/** A Slack workspace, a Teams tenant or the local console, connected to at most one programme. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platform: text('platform', { enum: platforms }).notNull(),
    externalId: text('external_id').notNull(),
    // Null until connected: users of an unconnected workspace see nothing but how to connect.
    programmeId: uuid('programme_id').references(() => programmes.id),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    // Slack Enterprise Grid: the organisation whose org-wide install serves this workspace, learned when
    // a request from the workspace is authorized through it; an org-wide uninstall finds its workspaces here.
    enterpriseId: text('enterprise_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('workspaces_platform_external_idx').on(t.platform, t.externalId),
    index('workspaces_programme_idx').on(t.programmeId),
  ],
);

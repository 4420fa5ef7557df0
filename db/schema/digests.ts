import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from './people.js';
import { programmes } from './programmes.js';

/** A channel (Slack channel, Teams channel or chat) that gets the weekly digest. */
/** The job_runs.job of weekly digest posts; their target is `platform:workspace:channel`. */
export const DIGEST_JOB = 'weekly-digest';

export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    workspaceExternalId: text('workspace_external_id').notNull(),
    channelId: text('channel_id').notNull(),
    // ISO weekday 1 (Monday) … 7 (Sunday) and wall-clock HH:MM in the programme time zone, so the digest
    // keeps its local time across daylight-saving switches.
    weekday: integer('weekday').notNull(),
    time: text('time').notNull(),
    language: text('language', { enum: ['sv', 'en'] }).notNull(),
    // False after `digest off`, or when the platform says the bot was removed (Teams 403/404, Slack
    // channel_not_found/not_in_channel): kept rather than deleted so `status` can show why posting stopped.
    active: boolean('active').notNull().default(true),
    inactiveReason: text('inactive_reason'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('digest_subscriptions_channel_idx').on(t.platform, t.channelId),
    index('digest_subscriptions_programme_idx').on(t.programmeId, t.active),
  ],
);

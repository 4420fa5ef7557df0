import { sql } from 'drizzle-orm';
import { pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, index } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';
import { people } from './people.js';

export const clusters = pgTable(
  'clusters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    name: text('name').notNull(),
    sector: text('sector').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** `cluster retire`: the records stay and are read as before, but the cluster takes no new work. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  // Names are matched case-insensitively ("rymd" finds "Rymd"), so uniqueness is too.
  (t) => [uniqueIndex('clusters_programme_name_idx').on(t.programmeId, sql`lower(${t.name})`)],
);

export const clusterRoles = ['leader', 'deputy', 'member'] as const;
export type ClusterRole = (typeof clusterRoles)[number];

export const memberships = pgTable(
  'memberships',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    role: text('role', { enum: clusterRoles }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'memberships_pk', columns: [t.clusterId, t.personId] }),
    // One leader per cluster: a second one would make "who leads this cluster" ambiguous in status and handover.
    uniqueIndex('memberships_one_leader_idx').on(t.clusterId).where(sql`${t.role} = 'leader'`),
    index('memberships_person_idx').on(t.programmeId, t.personId),
  ],
);

import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';
import { people } from './people.js';

export const programmeRoleNames = ['manager', 'board'] as const;
export type ProgrammeRoleName = (typeof programmeRoleNames)[number];

export const programmeRoles = pgTable(
  'programme_roles',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    role: text('role', { enum: programmeRoleNames }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    // Null when granted by LOKET_ADMINS, a claim code or the console bootstrap.
    grantedBy: uuid('granted_by').references(() => people.id),
  },
  (t) => [primaryKey({ name: 'programme_roles_pk', columns: [t.programmeId, t.personId, t.role] })],
);

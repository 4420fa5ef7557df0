import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';
import { people } from './people.js';

/** Who did what to which record, and when: public-sector records must not change silently. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    actorId: uuid('actor_id').references(() => people.id),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_programme_at_idx').on(t.programmeId, t.at)],
);

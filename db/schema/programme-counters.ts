import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes.js';

/** Record kinds with short ids (docs/architecture.md "Command grammar"): M12 meeting, A34 action item, N5 note,
 *  X7 exchange, G3 plan gap, P9 plan action. A text column, so a new kind needs no migration. */
export const counterKinds = ['M', 'A', 'N', 'X', 'G', 'P'] as const;
export type CounterKind = (typeof counterKinds)[number];

/**
 * The next short number per programme and kind. A counter row rather than max(number)+1 or a sequence:
 * numbers stay small per programme, are handed out under the row lock (two leaders logging at once never
 * collide), and are never reused because soft-deleted records keep theirs.
 */
export const programmeCounters = pgTable(
  'programme_counters',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    kind: text('kind', { enum: counterKinds }).notNull(),
    next: integer('next').notNull(),
  },
  (t) => [primaryKey({ name: 'programme_counters_pk', columns: [t.programmeId, t.kind] })],
);

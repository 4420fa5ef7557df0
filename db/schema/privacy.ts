import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from './people.js';
import { programmes } from './programmes.js';

/** Record kinds a hold can name, by the short id letter users type (M12, A34, N5, X7, G3, P9). */
export const holdKinds = ['M', 'A', 'N', 'X', 'G', 'P'] as const;
export type HoldKind = (typeof holdKinds)[number];

/**
 * `hold <id> reason:…`: a record that erasure and retention must leave as it is (an audit, a dispute, a
 * request under the public-records law). Released holds are kept, so the reason stays on record.
 */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    kind: text('kind', { enum: holdKinds }).notNull(),
    // The held record's uuid. Record ids are uuids unique across tables, so "is this row held" needs no kind.
    entityId: uuid('entity_id').notNull(),
    shortId: text('short_id').notNull(),
    reason: text('reason').notNull(),
    heldBy: uuid('held_by').notNull().references(() => people.id),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    releasedBy: uuid('released_by').references(() => people.id),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    // One active hold per record; a released one may be followed by a new one.
    uniqueIndex('legal_holds_active_idx').on(t.entityId).where(sql`${t.releasedAt} is null`),
    index('legal_holds_programme_idx').on(t.programmeId, t.heldAt),
  ],
);

export const erasureStates = ['requested', 'done', 'held', 'expired'] as const;
export type ErasureState = (typeof erasureStates)[number];

/**
 * A `forget-me` request and its outcome. The confirmation code is stored as a hash (like claim codes).
 * `identity_hash` is a keyed hash of the platform identity: it lets LOKET tell a returning person that
 * their earlier records are pseudonymised, without keeping the user id itself.
 */
export const privacyErasures = pgTable(
  'privacy_erasures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    state: text('state', { enum: erasureStates }).notNull(),
    // `forget-me` (the person asked) or `retention` (the daily job; no code then).
    source: text('source', { enum: ['request', 'retention'] }).notNull(),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    // "Person 17": per programme, shared by forget-me and retention so a pseudonym is never reused.
    pseudonymNumber: integer('pseudonym_number'),
    identityHash: text('identity_hash'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('privacy_erasures_code_idx').on(t.codeHash),
    uniqueIndex('privacy_erasures_pseudonym_idx').on(t.programmeId, t.pseudonymNumber),
    index('privacy_erasures_person_idx').on(t.programmeId, t.personId),
    index('privacy_erasures_identity_idx').on(t.programmeId, t.identityHash),
  ],
);

/**
 * Free text that mentioned a forgotten person by name or handle. The mention is replaced by the pseudonym,
 * but a sentence can identify someone in other ways ("our leader from Kiruna"), so the PM reviews it.
 * Holds the table, row and column only — never the name that was found.
 */
export const privacyFlags = pgTable(
  'privacy_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    erasureId: uuid('erasure_id').references(() => privacyErasures.id),
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    columnName: text('column_name').notNull(),
    // The record as users know it (M12, N5 …) when it has a short id.
    recordRef: text('record_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('privacy_flags_open_idx').on(t.programmeId).where(sql`${t.resolvedAt} is null`)],
);

import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { legalHolds, people, privacyErasures, privacyFlags, type HoldKind } from './schema/index.js';

/** Prefix of a pseudonymised person's user id: such a row can never match a platform identity again. */
export const FORGOTTEN_PERSON_PREFIX = 'forgotten:';

const holdTables: Record<HoldKind, string> = { M: 'meetings', A: 'action_items', N: 'notes', X: 'exchange_proposals', G: 'plan_gaps', P: 'plan_actions' };

export type LegalHold = typeof legalHolds.$inferSelect;
export type Erasure = typeof privacyErasures.$inferSelect;

/** Legal holds, forget-me requests and the PM's review flags. */
export function createPrivacyRepository({ db }: { db: Database }) {
  return {
    /** The uuid of a record by its short id (M12 …), or undefined when the programme has none. */
    async findRecord(programmeId: string, kind: HoldKind, number: number) {
      const table = sql.identifier(holdTables[kind]);
      const result = await db.execute(sql`select id::text as id from ${table} where programme_id = ${programmeId} and number = ${number}`);
      return { id: rowsOf<{ id: string }>(result)[0]?.id };
    },

    async activeHold(programmeId: string, entityId: string) {
      const [hold] = await db.select().from(legalHolds).where(and(eq(legalHolds.programmeId, programmeId), eq(legalHolds.entityId, entityId), isNull(legalHolds.releasedAt)));
      return { hold };
    },

    async hold(input: { programmeId: string; kind: HoldKind; entityId: string; shortId: string; reason: string; heldBy: string; at: Date }) {
      const [hold] = await db
        .insert(legalHolds)
        .values({ programmeId: input.programmeId, kind: input.kind, entityId: input.entityId, shortId: input.shortId, reason: input.reason, heldBy: input.heldBy, heldAt: input.at })
        .onConflictDoNothing()
        .returning();
      return { hold };
    },

    async release(programmeId: string, entityId: string, by: string, at: Date) {
      const [hold] = await db
        .update(legalHolds)
        .set({ releasedBy: by, releasedAt: at })
        .where(and(eq(legalHolds.programmeId, programmeId), eq(legalHolds.entityId, entityId), isNull(legalHolds.releasedAt)))
        .returning();
      return { hold };
    },

    async listHolds(programmeId: string) {
      const holds = await db.select().from(legalHolds).where(and(eq(legalHolds.programmeId, programmeId), isNull(legalHolds.releasedAt))).orderBy(legalHolds.heldAt);
      return { holds };
    },

    async requestErasure(input: { programmeId: string; personId: string; codeHash: string; expiresAt: Date; at: Date }) {
      const [erasure] = await db
        .insert(privacyErasures)
        .values({ programmeId: input.programmeId, personId: input.personId, state: 'requested', source: 'request', codeHash: input.codeHash, codeExpiresAt: input.expiresAt, requestedAt: input.at })
        .returning();
      return { erasure: erasure! };
    },

    /** Takes a pending request by its code, once: a second use finds nothing. */
    async takeRequest(programmeId: string, personId: string, codeHash: string, now: Date) {
      const [erasure] = await db
        .update(privacyErasures)
        .set({ codeHash: null })
        .where(and(eq(privacyErasures.programmeId, programmeId), eq(privacyErasures.personId, personId), eq(privacyErasures.codeHash, codeHash), eq(privacyErasures.state, 'requested'), sql`${privacyErasures.codeExpiresAt} > ${now.toISOString()}::timestamptz`))
        .returning();
      return { erasure };
    },

    /** The person's pseudonym number: the one they already have, else the programme's next. Under an
     *  advisory lock per programme so two erasures at once never share a number. */
    async pseudonymNumber(programmeId: string, personId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`privacy-pseudonym:${programmeId}`}))`);
      const mine = await db.select({ n: privacyErasures.pseudonymNumber }).from(privacyErasures).where(and(eq(privacyErasures.programmeId, programmeId), eq(privacyErasures.personId, personId), sql`${privacyErasures.pseudonymNumber} is not null`));
      if (mine[0]?.n) return { number: mine[0].n, fresh: false };
      const result = await db.execute(sql`select coalesce(max(pseudonym_number), 0) + 1 as n from privacy_erasures where programme_id = ${programmeId}`);
      return { number: Number(rowsOf<{ n: number }>(result)[0]!.n), fresh: true };
    },

    async finishErasure(id: string, changes: { state: 'done' | 'held'; pseudonymNumber: number; identityHash: string; at: Date }) {
      await db.update(privacyErasures).set({ state: changes.state, pseudonymNumber: changes.pseudonymNumber, identityHash: changes.identityHash, completedAt: changes.at }).where(eq(privacyErasures.id, id));
    },

    /** A row for erasures retention does on its own, so pseudonym numbers stay unique across both. */
    async recordRetentionErasure(input: { programmeId: string; personId: string; state: 'done' | 'held'; pseudonymNumber: number; identityHash: string; at: Date }) {
      const { at, ...values } = input;
      const [erasure] = await db.insert(privacyErasures).values({ ...values, source: 'retention', requestedAt: at, completedAt: at }).returning();
      return { erasure: erasure! };
    },

    /** Erasures still waiting for a hold to be released. */
    async heldErasures(programmeId?: string) {
      const erasures = await db.select().from(privacyErasures).where(and(eq(privacyErasures.state, 'held'), programmeId ? eq(privacyErasures.programmeId, programmeId) : undefined));
      return { erasures };
    },

    /** A returning person, recognised by the keyed hash of their identity. */
    async findByIdentity(programmeId: string, identityHash: string) {
      const [erasure] = await db.select().from(privacyErasures).where(and(eq(privacyErasures.programmeId, programmeId), eq(privacyErasures.identityHash, identityHash))).orderBy(desc(privacyErasures.completedAt)).limit(1);
      return { erasure };
    },

    async pseudonymise(programmeId: string, personId: string, changes: { displayName: string; userId: string }, at: Date) {
      await db.update(people).set({ ...changes, organisationId: null, gender: null, language: null, updatedAt: at }).where(and(eq(people.programmeId, programmeId), eq(people.id, personId)));
    },

    /** While a hold keeps the name, the facts no held record needs are cleared already. */
    async clearProfileFacts(programmeId: string, personId: string, at: Date) {
      await db.update(people).set({ gender: null, language: null, updatedAt: at }).where(and(eq(people.programmeId, programmeId), eq(people.id, personId)));
    },

    async addFlags(flags: { programmeId: string; erasureId: string | null; tableName: string; rowKey: string; columnName: string; recordRef: string | null; createdAt: Date }[]) {
      if (flags.length) await db.insert(privacyFlags).values(flags);
    },

    async resolveFlags(programmeId: string, at: Date) {
      const resolved = await db.update(privacyFlags).set({ resolvedAt: at }).where(and(eq(privacyFlags.programmeId, programmeId), isNull(privacyFlags.resolvedAt))).returning({ id: privacyFlags.id });
      return { resolved: resolved.length };
    },

    async openFlags(programmeId: string) {
      const flags = await db.select().from(privacyFlags).where(and(eq(privacyFlags.programmeId, programmeId), isNull(privacyFlags.resolvedAt))).orderBy(privacyFlags.createdAt).limit(200);
      return { flags };
    },
  };
}

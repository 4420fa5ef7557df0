// Reading continuity through the cache and computing it fresh, in the shape the cache tests compare.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { rowsOf } from '../../db/migrate.js';
import { createRepositories } from '../../db/repositories.js';
import { clusters, meetings, people } from '../../db/schema/index.js';
import { BUS_FACTOR_DAYS } from '../../handlers/continuity/continuity.js';
import { addDays } from '../../handlers/core/dates.js';

export const TODAY = '2026-03-02';
export const SINCE = addDays(TODAY, -BUS_FACTOR_DAYS);

export interface Answer {
  groups: string[];
  shares: string[];
  contacts: string[];
}

/** One line per row, sorted: two answers are equal when their sets of rows are. */
function canonical(groups: { clusterId: string; people: string[]; n: number }[], shares: { clusterId: string; kind: string; total: number; single: number }[], contacts: { clusterId: string; organisation: string; personId: string; person: string; lastMet: string }[]): Answer {
  return {
    groups: groups.map((g) => `${g.clusterId} ${g.people.join(',')} ${g.n}`).sort(),
    shares: shares.map((s) => `${s.clusterId} ${s.kind} ${s.single}/${s.total}`).sort(),
    contacts: contacts.map((c) => `${c.clusterId} ${c.organisation} ${c.personId} ${c.person} ${c.lastMet}`).sort(),
  };
}

/** Through the cache, in one transaction as `status` reads it; `detail` also reads the all-time shares. */
export async function cachedAnswer(db: Database, programmeId: string, detail = true) {
  return db.transaction(async (tx) => {
    const c = createRepositories(tx as unknown as Database).continuity;
    const groups = await c.touchGroups(programmeId, undefined, SINCE);
    const single = detail ? await c.singleTouched(programmeId, undefined) : { shares: [], contacts: [], recomputed: [] };
    return { answer: canonical(groups.groups, single.shares, single.contacts), recomputed: { groups: groups.recomputed, single: single.recomputed } };
  });
}

/** The same figures by the statements the cache stores, computed from the records now. */
export async function freshAnswer(db: Database, programmeId: string, detail = true): Promise<Answer> {
  const c = createRepositories(db).continuity;
  const { groups } = await c.freshTouchGroups(programmeId, undefined, SINCE);
  const { shares, contacts } = detail ? await c.freshSingleTouched(programmeId, undefined) : { shares: [], contacts: [] };
  return canonical(groups, shares, contacts);
}

export async function clusterIds(db: Database, programmeId: string): Promise<Record<string, string>> {
  const rows = await db.select({ id: clusters.id, name: clusters.name }).from(clusters).where(eq(clusters.programmeId, programmeId));
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

export async function meetingId(db: Database, programmeId: string, number: number): Promise<string> {
  const [row] = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.programmeId, programmeId), eq(meetings.number, number)));
  return row!.id;
}

export async function personId(db: Database, programmeId: string, name: string): Promise<string> {
  const [row] = await db.select({ id: people.id }).from(people).where(and(eq(people.programmeId, programmeId), eq(people.displayName, name)));
  return row!.id;
}

/** When each cached row of the programme was computed, by cluster and kind. */
export async function computedAt(db: Database, programmeId: string): Promise<Record<string, string>> {
  const result = await db.execute(sql`select cluster_id::text || ' ' || kind as key, computed_at::text as at from continuity_cache where programme_id = ${programmeId}`);
  return Object.fromEntries(rowsOf<{ key: string; at: string }>(result).map((r) => [r.key, r.at]));
}

/**
 * Runs `write` in a transaction of its own and keeps it open: resolves once the write is made, with
 * `commit()`, which lets the transaction commit and resolves when it has. For the caches' tests of a write
 * still uncommitted while status reads (two connections: Postgres only).
 */
export async function uncommitted(db: Database, write: (tx: Database) => Promise<unknown>): Promise<{ commit(): Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const writer = db.transaction(async (tx) => {
    await write(tx as unknown as Database);
    written();
    await gate;
  });
  await Promise.race([wrote, writer]);
  return {
    async commit() {
      release();
      await writer;
    },
  };
}

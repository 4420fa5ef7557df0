import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.js';

// GET /metrics reports pool use that postgres.js does not keep itself: the client counts statements and
// transactions from the call until they settle (db/client.ts).
let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

it('counts an open transaction and the statements beside it until each has settled', async () => {
  expect(opened.poolUse()).toEqual({ size: testDatabaseKind === 'postgres' ? 10 : 1, busy: 0 });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let inside!: () => void;
  const entered = new Promise<void>((resolve) => (inside = resolve));
  const transaction = opened.db.transaction(async (tx) => {
    await tx.execute(sql`select 1`);
    inside();
    await held;
  });
  try {
    await entered;
    // The transaction's own statements go through its handle and are not counted twice.
    expect(opened.poolUse().busy).toBe(1);
    // Beside it: run on another connection (Postgres) or queued behind it (PGlite's one connection).
    const beside = [opened.db.execute(sql`select 2`).then(() => 2), opened.db.execute(sql`select 3`).then(() => 3)];
    expect(opened.poolUse().busy).toBe(3);
    if (testDatabaseKind === 'postgres') {
      // Both ran on connections of their own while the transaction held its one.
      expect(await Promise.all(beside)).toEqual([2, 3]);
      expect(opened.poolUse().busy).toBe(1);
    }
    release();
    await transaction;
    expect(await Promise.all(beside)).toEqual([2, 3]);
  } finally {
    release();
  }
  expect(opened.poolUse().busy).toBe(0);
});

it('a statement that fails is no longer counted', async () => {
  await expect(opened.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
  expect(opened.poolUse().busy).toBe(0);
});

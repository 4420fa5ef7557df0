import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { createRepositories } from '../../db/repositories.js';
import { openTestDatabase } from '../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

it('concurrent commands in one programme get distinct, consecutive short numbers', async () => {
  const { programme } = await createRepositories(opened.db).programmes.create('Counter test');
  // Each transaction takes 1–3 numbers at once, as a meeting with several action items does.
  const sizes = Array.from({ length: 12 }, (_, i) => (i % 3) + 1);
  const firsts = await Promise.all(
    sizes.map((count) => opened.db.transaction(async (tx) => (await createRepositories(tx).counters.allocate(programme.id, 'A', count)).first)),
  );
  const numbers = firsts.flatMap((first, i) => Array.from({ length: sizes[i]! }, (_, k) => first + k)).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  const other = await createRepositories(opened.db).programmes.create('Other counter test');
  expect((await createRepositories(opened.db).counters.allocate(other.programme.id, 'A')).first).toBe(1);
  expect((await createRepositories(opened.db).counters.allocate(programme.id, 'M')).first).toBe(1);
});

it('a rolled-back command hands its numbers out again, since nobody ever saw them', async () => {
  const { programme } = await createRepositories(opened.db).programmes.create('Rollback test');
  await opened.db
    .transaction(async (tx) => {
      await createRepositories(tx).counters.allocate(programme.id, 'M');
      throw new Error('refused');
    })
    .catch(() => undefined);
  expect((await createRepositories(opened.db).counters.allocate(programme.id, 'M')).first).toBe(1);
});

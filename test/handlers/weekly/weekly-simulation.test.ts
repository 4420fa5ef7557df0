import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase, testDatabaseKind } from '../../support/test-database.js';
import { oncePerWeek, simulateWeeks } from '../../support/weekly-simulation.js';

let opened: OpenedDatabase;
let second: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
  second = testDatabaseKind === 'postgres' ? await openTestDatabase() : opened;
});
afterAll(async () => {
  if (second !== opened) await second.close();
  await opened.close();
});

describe('four simulated weeks around the spring DST switch', () => {
  it('two scheduler instances post exactly one digest per channel per week, and one prompt per leader per week at most', async () => {
    const sim = await simulateWeeks({ dbA: opened.db, dbB: second.db, firstWeek: '2026-W12', weeks: 4, tickMinutes: 240, seed: 7 });
    expect(sim.weeks).toEqual(['2026-W12', '2026-W13', '2026-W14', '2026-W15']);
    for (const channel of Object.values(sim.channels)) expect(sim.digestsPerWeek(channel), channel).toEqual(oncePerWeek(sim.weeks));
    const prompts = sim.notifier.to('UANNA').filter((m) => m.text.startsWith('Dags för'));
    expect(new Set(prompts.map((m) => m.text)).size).toBe(prompts.length);
  }, 60_000);
});

// `npm run test:slow`: a simulated year of the weekly rhythm with two scheduler instances, each on its
// own connection pool to one real Postgres (TEST_DATABASE_URL). Without it, PGlite stands in, which
// proves the logic but not the cross-connection claims.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import { openTestDatabase, testDatabaseUrl } from '../../support/test-database.js';
import { oncePerWeek, simulateWeeks } from '../../support/weekly-simulation.js';

const url = testDatabaseUrl('optional');
let a: OpenedDatabase;
let b: OpenedDatabase;
beforeAll(async () => {
  if (url) {
    a = await openDatabase({ databaseUrl: url, dataDir: '' });
    await migrate(a.db);
    b = await openDatabase({ databaseUrl: url, dataDir: '' });
  } else {
    a = await openTestDatabase();
    b = a;
  }
});
afterAll(async () => {
  if (b !== a) await b.close();
  await a.close();
});

describe(`52 simulated weeks on ${url ? 'real Postgres' : 'PGlite (set TEST_DATABASE_URL for Postgres)'}`, () => {
  it('two scheduler instances post exactly one digest per channel per week, through both DST switches and the new year', async () => {
    const sim = await simulateWeeks({ dbA: a.db, dbB: b.db, firstWeek: '2026-W10', weeks: 52, tickMinutes: 120, seed: 2026 });
    expect(sim.weeks[0]).toBe('2026-W10');
    expect(sim.weeks.at(-1)).toBe('2027-W08');
    for (const channel of Object.values(sim.channels)) expect(sim.digestsPerWeek(channel), channel).toEqual(oncePerWeek(sim.weeks));
    const prompts = sim.notifier.to('UANNA').map((m) => m.text).filter((t) => t.startsWith('Dags för'));
    expect(new Set(prompts).size).toBe(prompts.length);
    expect(prompts.some((t) => /vecka 2026-W(28|29|30|31)\)/.test(t))).toBe(false);
    console.log(`simulated ${sim.ticks} ticks × 2 instances; ${sim.notifier.sent.length} messages sent`);
  }, 290_000);
});

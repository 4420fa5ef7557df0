// EXPLAIN ANALYZE of the statements a command really runs: a second connection with a query logger runs
// `status` and `search` through the core, then each captured SELECT is explained with its own parameters
// and the slowest one's plan is printed — the plans docs/benchmarks.md quotes.
import { drizzle } from 'drizzle-orm/postgres-js';
import pino from 'pino';
import postgres from 'postgres';
import type { Database } from '../db/database.js';
import * as schema from '../db/schema/index.js';
import { systemClock } from '../handlers/core/context.js';
import { createLoketCore } from '../handlers/registry.js';
import type { Seeded } from './seed.js';

interface Captured {
  query: string;
  params: unknown[];
}

export async function explainCommand(url: string, seeded: Seeded, log: (line: string) => void) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const captured: Captured[] = [];
  const db = drizzle(client, { schema, casing: 'snake_case', logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Database;
  const core = createLoketCore({ db, clock: systemClock, logger: pino({ level: 'silent' }), settings: { timezone: 'Europe/Stockholm', defaultLanguage: 'sv', admins: [], defaultProgrammeName: 'Bench' } });
  try {
    for (const text of ['status', `status "${seeded.clusterNames[0]}"`, 'search testbädd Kiruna', 'actions mine']) {
      captured.length = 0;
      const userId = text === 'actions mine' ? seeded.leaderUserId : seeded.managerUserId;
      await core({ platform: 'slack', workspaceId: seeded.workspaceId, userId, text });
      const plans: { ms: number; plan: string; query: string }[] = [];
      // In one transaction, with the planner settings the command set on its own (planForReports) applied
      // in order, so each plan is the one the command got.
      await client.begin(async (tx) => {
        for (const statement of captured.filter((c) => /^\s*(select|with)\b/i.test(c.query))) {
          if (/set_config\(/.test(statement.query)) {
            await tx.unsafe(statement.query, statement.params as never[]);
            continue;
          }
          const rows = await tx.unsafe(`explain (analyze, buffers) ${statement.query}`, statement.params as never[]);
          const plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
          plans.push({ ms: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0), plan, query: statement.query });
        }
      });
      plans.sort((a, b) => b.ms - a.ms);
      const total = plans.reduce((sum, p) => sum + p.ms, 0);
      log(`\n  EXPLAIN \`${text}\`: ${captured.length} statements, ${plans.length} selects, ${total.toFixed(1)} ms executing in all; slowest:`);
      if (plans[0]) log(plans[0].plan.split('\n').map((line) => `    ${line}`).join('\n'));
    }
  } finally {
    await client.end();
  }
}

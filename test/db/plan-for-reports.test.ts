// The report planner settings are set once per transaction, and every transaction gets them.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import type { Database } from '../../db/database.js';
import { rowsOf } from '../../db/migrate.js';
import { planForReports } from '../../db/status.repository.js';
import { openTestDatabase } from '../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const pageCost = async (db: Database) => rowsOf<{ cost: string }>(await db.execute(sql`select current_setting('random_page_cost') as cost`))[0]!.cost;

describe('planForReports', () => {
  it('applies to the rest of the transaction, and again to each new one', async () => {
    for (let run = 0; run < 2; run++) {
      await opened.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        expect(await pageCost(db)).toBe('4');
        await planForReports(db);
        await planForReports(db);
        expect(await pageCost(db)).toBe('1.1');
      });
    }
    expect(await pageCost(opened.db)).toBe('4');
  });
});

// The nightly job that computes the overview's cached figures for the new day, so the day's first `status`
// reads them instead of computing them.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { rowsOf } from '../../../db/migrate.js';
import { addDays } from '../../../handlers/core/dates.js';
import { warmStatusFigures } from '../../../handlers/reports/status-warm.js';
import { TODAY } from '../../db/continuity-cache-fixture.js';
import { reportComputedAt } from '../../db/report-cache-fixture.js';
import { continuityProgramme } from '../continuity/continuity-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const logger = pino({ level: 'silent' });
const at = (iso: string) => ({ now: () => new Date(iso) });

async function changesLogged(programmeId: string) {
  return rowsOf<{ n: number }>(await opened.db.execute(sql`select count(*)::int as n from report_changes where programme_id = ${programmeId}`))[0]!.n;
}

describe('status-warm job', () => {
  it("computes the day's overview figures, so the first status computes nothing and shows what a fresh one would", async () => {
    const p = await continuityProgramme(opened.db);
    const programmeId = p.test.programme.id;
    expect(await changesLogged(programmeId)).toBeGreaterThan(0);

    // 00:09 in Stockholm on TODAY is still the day before in UTC: the job takes its day in the programme's zone.
    expect(await warmStatusFigures({ db: opened.db, clock: at(`${addDays(TODAY, -1)}T23:09:00Z`), logger, timezone: 'Europe/Stockholm', only: [programmeId] })).toEqual({ today: TODAY, programmes: 1 });
    expect(await changesLogged(programmeId)).toBe(0);
    const warmed = await reportComputedAt(opened.db, programmeId);
    expect(Object.keys(warmed).map((key) => key.split(':')[0]).sort()).toEqual(['actions.countOpen', 'indicators.figures', 'status.activity']);

    const status = await p.as('UPM', 'status');
    // The fixture's quarter: Rymd's three meetings and Ensam's two, all in February.
    expect(status.text).toContain('Möten under perioden: 5');
    expect(status.text).toContain('Rymd (ledare: Anna) – möten 3');
    expect(await reportComputedAt(opened.db, programmeId)).toEqual(warmed);

    // The same reply as with every figure computed afresh.
    await opened.db.execute(sql`delete from report_cache where programme_id = ${programmeId}`);
    expect((await p.as('UPM', 'status')).text).toBe(status.text);
  });
});

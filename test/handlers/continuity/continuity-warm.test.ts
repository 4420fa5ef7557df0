// The nightly job that moves the continuity cache to the new day's window, so the first `status` of the
// day reads it instead of recomputing every cluster.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { rowsOf } from '../../../db/migrate.js';
import { addDays } from '../../../handlers/core/dates.js';
import { warmContinuityCache } from '../../../handlers/continuity/continuity-warm.js';
import { cachedAnswer, clusterIds, computedAt, freshAnswer, SINCE, TODAY } from '../../db/continuity-cache-fixture.js';
import { continuityProgramme } from './continuity-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const logger = pino({ level: 'silent' });
const at = (iso: string) => ({ now: () => new Date(iso) });

async function cacheRows(programmeId: string) {
  const result = await opened.db.execute(sql`select cluster_id::text || ' ' || kind as key, since::text as since from continuity_cache where programme_id = ${programmeId}`);
  return Object.fromEntries(rowsOf<{ key: string; since: string | null }>(result).map((r) => [r.key, r.since]));
}

async function changesLogged(programmeId: string) {
  const result = await opened.db.execute(sql`select count(*)::int as n from continuity_changes ch join clusters c on c.id = ch.cluster_id where c.programme_id = ${programmeId}`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

describe('continuity-warm job', () => {
  it('computes every cluster for the day, so the first status reads the cache and recomputes nothing', async () => {
    const p = await continuityProgramme(opened.db);
    const programmeId = p.test.programme.id;
    const ids = await clusterIds(opened.db, programmeId);
    expect(await changesLogged(programmeId)).toBeGreaterThan(0);

    // 00:07 in Stockholm on TODAY is still the day before in UTC: the job takes its day in the programme's zone.
    const run = await warmContinuityCache({ db: opened.db, clock: at(`${addDays(TODAY, -1)}T23:07:00Z`), logger, timezone: 'Europe/Stockholm', only: [programmeId] });
    expect(run).toEqual({ today: TODAY, programmes: 1, recomputed: 6 });
    const rows = await cacheRows(programmeId);
    for (const name of ['Rymd', 'Skog', 'Ensam']) {
      expect(rows[`${ids[name]} groups`], name).toBe(SINCE);
      expect(`${ids[name]} single` in rows, name).toBe(true);
    }
    expect(await changesLogged(programmeId)).toBe(0);

    const warmed = await computedAt(opened.db, programmeId);
    const { answer, recomputed } = await cachedAnswer(opened.db, programmeId);
    expect(recomputed).toEqual({ groups: [], single: [] });
    expect(answer).toEqual(await freshAnswer(opened.db, programmeId));
    const status = await p.as('UPM', 'status kontinuitet Rymd');
    expect(status.text).toContain('Personberoende (bussfaktor): 2 – Dana och Nils');
    expect(await computedAt(opened.db, programmeId)).toEqual(warmed);
  });

  it('the next night moves the window and recomputes; a second run the same day recomputes only what changed', async () => {
    const p = await continuityProgramme(opened.db);
    const programmeId = p.test.programme.id;
    const ids = await clusterIds(opened.db, programmeId);
    const deps = { db: opened.db, logger, timezone: 'Europe/Stockholm', only: [programmeId] };
    await warmContinuityCache({ ...deps, clock: at(`${TODAY}T12:00:00Z`) });

    const again = await warmContinuityCache({ ...deps, clock: at(`${TODAY}T13:00:00Z`) });
    expect(again.recomputed).toBe(0);

    const note = await p.as('UOLLE', 'note Ensam Nyckeln till kontoret finns hos Kalle.');
    expect(note.outcome.kind === 'reply' && !note.outcome.reply.error).toBe(true);
    const afterWrite = await warmContinuityCache({ ...deps, clock: at(`${TODAY}T14:00:00Z`) });
    // Ensam's touch groups, and its all-time shares that consuming its change dropped.
    expect(afterWrite.recomputed).toBe(2);

    const tomorrow = addDays(TODAY, 1);
    const next = await warmContinuityCache({ ...deps, clock: at(`${tomorrow}T00:10:00Z`) });
    expect(next).toMatchObject({ today: tomorrow, recomputed: 3 });
    const rows = await cacheRows(programmeId);
    expect(rows[`${ids.Rymd} groups`]).toBe(addDays(SINCE, 1));
    expect(rows[`${ids.Ensam} groups`]).toBe(addDays(SINCE, 1));
  });
});

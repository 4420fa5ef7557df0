import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { meetingClusters, meetingParticipants } from '../../db/schema/index.js';
import { rowsOf } from '../../db/migrate.js';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.js';
import { continuityProgramme } from '../handlers/continuity/continuity-fixture.js';
import type { MeetingProgramme } from '../support/programme-fixture.js';
import { cachedAnswer, clusterIds, computedAt, freshAnswer, meetingId, personId, uncommitted } from './continuity-cache-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const codeIn = (r: { outcome: { kind: string; reply?: { buttons?: { command: string }[] } } }) =>
  (r.outcome.kind === 'reply' ? r.outcome.reply?.buttons?.[0]?.command : undefined)?.split(' ').at(-1) ?? '';

async function run(p: MeetingProgramme, user: string, text: string) {
  const r = await p.as(user, text);
  if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`${text}: ${r.text}`);
  return r;
}

describe('continuity cache', () => {
  it('after every kind of write, the cached touch groups, shares and sole contacts equal a fresh computation', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const ids = await clusterIds(db, programmeId);
    // M1 Gammalt (2025-01-10, Petra, Rymd), M2 Styrgrupp, M3 Labbesök, M4 Planering (Rymd), M5, M6 (Ensam).
    const writes: [string, () => Promise<unknown>][] = [
      ['a participant is added to an old meeting', async () =>
        db.insert(meetingParticipants).values({ programmeId, meetingId: await meetingId(db, programmeId, 1), personId: await personId(db, programmeId, 'Dana') })],
      ['an old meeting is moved into the last twelve months', () => run(p, 'UPM', 'meeting edit M1 date:2026-01-05')],
      ['a meeting is soft-deleted', () => run(p, 'UANNA', 'meeting delete M4')],
      ['a meeting with action items is logged', () => run(p, 'UANNA', 'meeting Avstämning date:2026-02-20 cluster:Rymd with:@Nils\naction: @Nils Boka labbet\naction: @Anna Ring IRF')],
      ['an action is closed by someone else than its owner', () => run(p, 'UANNA', 'done A1')],
      ['a handover reassigns open actions', () => run(p, 'UANNA', 'handover Rymd to:@Dana')],
      ['a plan action is added', () => run(p, 'UPM', 'plan action G2 Hitta en medarrangör owner:@Erik due:2026-06-30')],
      ['a note is written', () => run(p, 'UPM', 'note Ensam Kontakten på regionen heter Kalle.')],
      ['a meeting is moved to another cluster', async () =>
        db.update(meetingClusters).set({ clusterId: ids.Ensam! }).where(eq(meetingClusters.meetingId, await meetingId(db, programmeId, 3)))],
      ['a person is forgotten', async () => run(p, 'UOLLE', `forget-me confirm ${codeIn(await run(p, 'UOLLE', 'forget-me'))}`)],
    ];
    for (const [what, write] of writes) {
      const before = await freshAnswer(db, programmeId);
      expect((await cachedAnswer(db, programmeId)).answer, `cache warm before: ${what}`).toEqual(before);
      await write();
      const after = await freshAnswer(db, programmeId);
      // Each write changes what continuity computes: otherwise an unrefreshed cache would pass too.
      expect(after, `fresh changes: ${what}`).not.toEqual(before);
      expect((await cachedAnswer(db, programmeId)).answer, `cached after: ${what}`).toEqual(after);
    }
    // The forgotten sole contact is shown under the pseudonym, never the old name.
    expect((await freshAnswer(db, programmeId)).contacts.join('\n')).not.toContain('Olle');
  });

  it('a second status with no writes recomputes nothing, and a write to one cluster recomputes only that cluster', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const ids = await clusterIds(db, programmeId);
    const first = await run(p, 'UPM', 'status kontinuitet');
    const cached = await computedAt(db, programmeId);
    expect(Object.keys(cached).sort()).toEqual([`${ids.Ensam} groups`, `${ids.Rymd} groups`, `${ids.Skog} groups`].sort());

    const second = await run(p, 'UPM', 'status kontinuitet');
    expect(second.text).toBe(first.text);
    expect(await computedAt(db, programmeId)).toEqual(cached);

    await run(p, 'UOLLE', 'note Ensam Nyckeln till kontoret finns hos Kalle.');
    const third = await run(p, 'UPM', 'status kontinuitet');
    expect(third.text).toContain('Ensam: bussfaktor 1 (Olle)');
    const after = await computedAt(db, programmeId);
    expect(after[`${ids.Ensam} groups`]).not.toBe(cached[`${ids.Ensam} groups`]);
    expect(after[`${ids.Rymd} groups`]).toBe(cached[`${ids.Rymd} groups`]);
    expect(after[`${ids.Skog} groups`]).toBe(cached[`${ids.Skog} groups`]);
    const { recomputed } = await cachedAnswer(db, programmeId);
    // The overview consumed Ensam's change, so Ensam's all-time shares (never cached yet) and every other
    // cluster's are computed now; its touch groups are not computed again.
    expect(recomputed.groups).toEqual([]);
    expect(recomputed.single.sort()).toEqual([ids.Ensam, ids.Rymd, ids.Skog].sort());
  });

  it('a write logs only the clusters it touched, once per statement, and a read consumes the log', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const ids = await clusterIds(db, programmeId);
    const logged = async () =>
      rowsOf<{ id: string }>(await db.execute(sql`select cluster_id::text as id from continuity_changes where cluster_id in (${ids.Rymd!}::uuid, ${ids.Ensam!}::uuid, ${ids.Skog!}::uuid) order by 1`)).map((r) => r.id);
    await cachedAnswer(db, programmeId);
    expect(await logged()).toEqual([]);
    // A meeting in both Rymd and Skog with three participants: one log row per cluster and statement.
    await run(p, 'UANNA', 'meeting Gemensamt date:2026-02-25 cluster:Rymd,Skog with:"@Nils, @Dana, @Erik"');
    const rows = await logged();
    expect(new Set(rows)).toEqual(new Set([ids.Rymd, ids.Skog]));
    expect(rows).not.toContain(ids.Ensam);
    const { recomputed } = await cachedAnswer(db, programmeId, false);
    expect(recomputed.groups.sort()).toEqual([ids.Rymd, ids.Skog].sort());
    expect(await logged()).toEqual([]);
  });

  // Needs two connections: PGlite has one, so this runs on Postgres.
  it.skipIf(testDatabaseKind !== 'postgres')('a write still uncommitted while status reads is recomputed by the next read after it commits', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const before = await freshAnswer(db, programmeId);
    expect((await cachedAnswer(db, programmeId)).answer).toEqual(before);
    const m2 = await meetingId(db, programmeId, 2);
    const olle = await personId(db, programmeId, 'Olle');
    const writer = await uncommitted(db, (tx) => tx.insert(meetingParticipants).values({ programmeId, meetingId: m2, personId: olle }));
    expect((await cachedAnswer(db, programmeId)).answer).toEqual(before);
    await writer.commit();
    const after = await freshAnswer(db, programmeId);
    expect(after).not.toEqual(before);
    expect((await cachedAnswer(db, programmeId)).answer).toEqual(after);
  });
});

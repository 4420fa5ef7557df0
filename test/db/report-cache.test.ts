import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { rowsOf } from '../../db/migrate.js';
import { meetingClusters, meetingOrganisations, meetingParticipants, memberships, organisations, people, programmeRoles } from '../../db/schema/index.js';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.js';
import { continuityProgramme, orgNumbers } from '../handlers/continuity/continuity-fixture.js';
import type { MeetingProgramme } from '../support/programme-fixture.js';
import { clusterIds, meetingId, personId, uncommitted } from './continuity-cache-fixture.js';
import { cachedFigures, freshFigures, reportComputedAt } from './report-cache-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function run(p: MeetingProgramme, user: string, text: string) {
  const r = await p.as(user, text);
  if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`${text}: ${r.text}`);
  return r;
}

const orgId = async (db: OpenedDatabase['db'], programmeId: string, orgNumber: string) =>
  (await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.programmeId, programmeId), eq(organisations.orgNumber, orgNumber))))[0]!.id;

describe('report cache', () => {
  it('after a write to each table the cached figures read, they equal a fresh computation, for the programme and for one cluster', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const ids = await clusterIds(db, programmeId);
    const scopes = [undefined, [ids.Rymd!]];
    // M1 Gammalt (Rymd), M2 Styrgrupp (Anna, Dana, org A), M3 Labbesök (Dana, Nils, org B), M4 Planering
    // (Rymd), M5 Uppstart and M6 Uppföljning (Ensam, Olle).
    const writes: [string, () => Promise<unknown>][] = [
      ['meetings: a meeting with an action item is logged', () => run(p, 'UANNA', 'meeting Avstämning date:2026-02-20 cluster:Rymd with:@Nils\naction: @Nils Boka labbet')],
      ['meetings: a meeting is moved to another day', () => run(p, 'UPM', 'meeting edit M4 date:2023-06-01')],
      ['meetings: a meeting is soft-deleted', () => run(p, 'UDANA', 'meeting delete M3')],
      ['action_items: an action item is closed', () => run(p, 'UNILS', 'done A1')],
      ['meeting_clusters: a meeting is moved to another cluster', async () =>
        db.update(meetingClusters).set({ clusterId: ids.Ensam! }).where(eq(meetingClusters.meetingId, await meetingId(db, programmeId, 2)))],
      ['meeting_participants: a participant is added', async () =>
        db.insert(meetingParticipants).values({ programmeId, meetingId: await meetingId(db, programmeId, 6), personId: await personId(db, programmeId, 'Erik') })],
      ['meeting_organisations: an organisation is added to a meeting', async () =>
        db.insert(meetingOrganisations).values({ programmeId, meetingId: await meetingId(db, programmeId, 6), organisationId: await orgId(db, programmeId, orgNumbers.B) })],
      ['organisations: an organisation changes helix type', async () =>
        db.update(organisations).set({ helixType: 'company' }).where(eq(organisations.id, await orgId(db, programmeId, orgNumbers.C)))],
      ['people: a participant states a gender', async () => db.update(people).set({ gender: 'woman' }).where(eq(people.id, await personId(db, programmeId, 'Dana')))],
      ['programme_roles: a participant joins the board', async () => db.insert(programmeRoles).values({ programmeId, personId: await personId(db, programmeId, 'Erik'), role: 'board' })],
      ['memberships: a participant becomes a deputy', async () =>
        db.update(memberships).set({ role: 'deputy' }).where(and(eq(memberships.personId, await personId(db, programmeId, 'Nils')), eq(memberships.clusterId, ids.Rymd!)))],
    ];
    for (const [what, write] of writes) {
      const before = await Promise.all(scopes.map((scope) => freshFigures(db, programmeId, scope)));
      for (const [i, scope] of scopes.entries()) expect(await cachedFigures(db, programmeId, scope), `cache warm before: ${what}`).toEqual(before[i]);
      await write();
      const after = await Promise.all(scopes.map((scope) => freshFigures(db, programmeId, scope)));
      // Each write changes a figure: otherwise a cache that missed the write would pass too.
      expect(after, `fresh changes: ${what}`).not.toEqual(before);
      for (const [i, scope] of scopes.entries()) expect(await cachedFigures(db, programmeId, scope), `cached after: ${what}`).toEqual(after[i]);
    }
  });

  it('a second read with no writes computes nothing; a note leaves the figures cached; a meeting drops them', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const first = await run(p, 'UPM', 'status');
    const cached = await reportComputedAt(db, programmeId);
    expect(Object.keys(cached).map((key) => key.split(':')[0]).sort()).toEqual(['actions.countOpen', 'indicators.figures', 'status.activity']);

    expect((await run(p, 'UPM', 'status')).text).toBe(first.text);
    expect(await reportComputedAt(db, programmeId)).toEqual(cached);

    // A note is in none of the figures, so it does not cost the next status its cache.
    await run(p, 'UNILS', 'note Rymd Nyckeln finns hos vaktmästaren.');
    await run(p, 'UPM', 'status');
    expect(await reportComputedAt(db, programmeId)).toEqual(cached);

    await run(p, 'UANNA', 'meeting Avstämning date:2026-02-27 cluster:Rymd');
    const after = await run(p, 'UPM', 'status');
    expect(after.text).not.toBe(first.text);
    const recomputed = await reportComputedAt(db, programmeId);
    for (const key of Object.keys(cached)) expect(recomputed[key], key).not.toBe(cached[key]);
    const logged = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from report_changes where programme_id = ${programmeId}`));
    expect(logged[0]?.n).toBe(0);
  });

  // Needs two connections: PGlite has one, so this runs on Postgres.
  it.skipIf(testDatabaseKind !== 'postgres')('a write still uncommitted while status reads is counted by the next read after it commits', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const before = await freshFigures(db, programmeId);
    expect(await cachedFigures(db, programmeId)).toEqual(before);
    const m6 = await meetingId(db, programmeId, 6);
    const erik = await personId(db, programmeId, 'Erik');
    const writer = await uncommitted(db, (tx) => tx.insert(meetingParticipants).values({ programmeId, meetingId: m6, personId: erik }));
    expect(await cachedFigures(db, programmeId)).toEqual(before);
    await writer.commit();
    const after = await freshFigures(db, programmeId);
    expect(after).not.toEqual(before);
    expect(await cachedFigures(db, programmeId)).toEqual(after);
  });
});

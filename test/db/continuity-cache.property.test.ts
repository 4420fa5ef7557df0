import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { meetingClusters, meetingParticipants } from '../../db/schema/index.js';
import { openTestDatabase } from '../support/test-database.js';
import { continuityProgramme } from '../handlers/continuity/continuity-fixture.js';
import { cachedAnswer, clusterIds, freshAnswer, meetingId, personId } from './continuity-cache-fixture.js';
import { cachedFigures, freshFigures } from './report-cache-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const numRuns = process.env.LOKET_SLOW ? 200 : 8;
const CLUSTERS = ['Rymd', 'Ensam', 'Skog'] as const;
const PEOPLE = ['Anna', 'Dana', 'Nils', 'Erik', 'Olle'] as const;
// Dates on both sides of the year's edge (2025-03-02), so writes move records into and out of the window.
const day = fc.integer({ min: 0, max: 480 }).map((n) => new Date(Date.UTC(2024, 10, 10) + n * 86_400_000).toISOString().slice(0, 10));
const meetingNumber = fc.integer({ min: 1, max: 12 });

type Write =
  | { kind: 'meeting'; cluster: string; date: string; with: string[]; action: string | null; org: boolean }
  | { kind: 'participant'; meeting: number; person: string }
  | { kind: 'delete' | 'done'; number: number }
  | { kind: 'date'; meeting: number; date: string }
  | { kind: 'move'; meeting: number; cluster: string }
  | { kind: 'note'; cluster: string; person: string }
  | { kind: 'plan'; gap: 1 | 2; owner: string };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('meeting' as const), cluster: fc.constantFrom(...CLUSTERS), date: day, with: fc.subarray([...PEOPLE]), action: fc.option(fc.constantFrom(...PEOPLE)), org: fc.boolean() }),
  fc.record({ kind: fc.constant('participant' as const), meeting: meetingNumber, person: fc.constantFrom(...PEOPLE) }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'done' as const), number: meetingNumber }),
  fc.record({ kind: fc.constant('date' as const), meeting: meetingNumber, date: day }),
  fc.record({ kind: fc.constant('move' as const), meeting: meetingNumber, cluster: fc.constantFrom(...CLUSTERS) }),
  fc.record({ kind: fc.constant('note' as const), cluster: fc.constantFrom(...CLUSTERS), person: fc.constantFrom(...PEOPLE) }),
  fc.record({ kind: fc.constant('plan' as const), gap: fc.constantFrom(1 as const, 2 as const), owner: fc.constantFrom(...PEOPLE) }),
);

describe('continuity and report caches, random writes', () => {
  it('after any sequence of writes, status through the caches equals a fresh computation', async () => {
    const p = await continuityProgramme(opened.db);
    const db = opened.db;
    const programmeId = p.test.programme.id;
    const ids = await clusterIds(db, programmeId);
    // Writes may be refused (a number that does not exist, a second delete); a refused write changes
    // nothing, and the cache must still agree. Writes with no command are made on the tables directly.
    const apply = async (w: Write) => {
      const meeting = async (n: number) => meetingId(db, programmeId, n).catch(() => undefined);
      switch (w.kind) {
        case 'meeting': {
          const lines = w.action ? `\naction: @${w.action} Följ upp` : '';
          const withPart = w.with.length ? ` with:"${w.with.map((x) => `@${x}`).join(', ')}"` : '';
          return p.as('UPM', `meeting Möte date:${w.date} cluster:${w.cluster}${withPart}${w.org ? ' orgs:556677-8899' : ''}${lines}`);
        }
        case 'participant': {
          const id = await meeting(w.meeting);
          if (id) await db.insert(meetingParticipants).values({ programmeId, meetingId: id, personId: await personId(db, programmeId, w.person) }).onConflictDoNothing();
          return;
        }
        case 'delete':
          return p.as('UPM', `meeting delete M${w.number}`);
        case 'done':
          return p.as('UANNA', `done A${w.number}`);
        case 'date':
          return p.as('UPM', `meeting edit M${w.meeting} date:${w.date}`);
        case 'move': {
          const id = await meeting(w.meeting);
          const [link] = id ? await db.select().from(meetingClusters).where(eq(meetingClusters.meetingId, id)) : [];
          if (id && link && link.clusterId !== ids[w.cluster]) {
            await db.update(meetingClusters).set({ clusterId: ids[w.cluster]! }).where(and(eq(meetingClusters.meetingId, id), eq(meetingClusters.clusterId, link.clusterId)));
          }
          return;
        }
        case 'note':
          return p.as('UPM', `note ${w.cluster} Anteckning om ${w.person}.`);
        case 'plan':
          return p.as('UPM', `plan action G${w.gap} Åtgärd owner:@${w.owner} due:2026-06-30`);
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(write, fc.boolean()), { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const [w, detail] of steps) {
          await apply(w);
          expect((await cachedAnswer(db, programmeId, detail)).answer).toEqual(await freshAnswer(db, programmeId, detail));
          // The figures of report_cache, for the programme or one cluster (detail picks which).
          const scope = detail ? undefined : [ids.Rymd!];
          expect(await cachedFigures(db, programmeId, scope)).toEqual(await freshFigures(db, programmeId, scope));
        }
      }),
      { numRuns },
    );
  });
});

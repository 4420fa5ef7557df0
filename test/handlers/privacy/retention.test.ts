import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { rowsOf } from '../../../db/migrate.js';
import { createRepositories } from '../../../db/repositories.js';
import { retentionPolicy } from '../../../db/retention-policy.js';
import { auditLog, meetingParticipants, people, progressNotes } from '../../../db/schema/index.js';
import { runRetention } from '../../../handlers/privacy/retention.js';
import { silentLogger } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { findIdentifiers, privacyProgramme, ZELDA, type PrivacyProgramme } from './privacy-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// The programme ends 2026-12-31: operational data goes the next day, personal data 5 years on, audit
// details after 8.
const privacy = { retention: retentionPolicy({ programmeEnd: '2026-12-31', yearsAfterEnd: 5, categoryYears: { audit: 8 } }) };

async function agedProgramme() {
  const p = await privacyProgramme(opened.db);
  const ok = async (user: string, text: string) => {
    const r = await p.as(user, text);
    if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`${text}: ${r.text}`);
  };
  await ok('UPM', 'meeting "Öppet hus" date:2026-02-25 cluster:Rymd with:"@Anna, Gustav Gustavsson (Sandvik)"');
  await p.zelda('export me');
  return p;
}

const run = (p: PrivacyProgramme, at: string) => {
  p.test.clock.set(new Date(at));
  return runRetention({ repos: createRepositories(opened.db), clock: p.test.clock, logger: silentLogger, privacy, only: [p.test.programme.id] });
};
const count = async (p: PrivacyProgramme, table: string) =>
  Number(rowsOf<{ n: number }>(await opened.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where programme_id = ${p.test.programme.id}`))[0]!.n);
const retentionAudit = (p: PrivacyProgramme) => opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, p.test.programme.id), like(auditLog.action, 'retention.%')));

describe('retention job', () => {
  it('does nothing before the programme has ended, nor without an end date', async () => {
    const p = await agedProgramme();
    expect(await run(p, '2026-12-31T22:00:00Z')).toEqual({ due: [], people: 0, items: 0, released: 0 });
    const none = await runRetention({ repos: createRepositories(opened.db), clock: p.test.clock, logger: silentLogger, privacy: { retention: retentionPolicy({}) }, only: [p.test.programme.id] });
    expect(none.due).toEqual([]);
    expect(await count(p, 'absences')).toBe(1);
    expect(await retentionAudit(p)).toEqual([]);
  });

  it('the day after the end deletes operational data only, with one audit row per item', async () => {
    const p = await agedProgramme();
    expect(await count(p, 'absences')).toBe(1);
    expect(await count(p, 'export_files')).toBeGreaterThan(0);
    const summary = await run(p, '2027-01-01T03:00:00Z');
    expect(summary.due).toEqual(['operational']);
    expect(await count(p, 'absences')).toBe(0);
    expect(await count(p, 'export_files')).toBe(0);
    const personal = rowsOf(await opened.db.execute(sql`select 1 from conversations where programme_id = ${p.test.programme.id} and user_id is not null`));
    expect(personal).toEqual([]);
    const audit = await retentionAudit(p);
    expect(audit).toHaveLength(summary.items);
    expect(audit.every((a) => a.action === 'retention.delete' && (a.detail as { category: string }).category === 'operational')).toBe(true);
    const [zelda] = await opened.db.select().from(people).where(eq(people.id, p.zeldaId));
    expect(zelda!.displayName).toBe(ZELDA.name);
  });

  it('five years on pseudonymises every person and guest and unlinks note authors, keeping the records', async () => {
    const p = await agedProgramme();
    const before = await p.counts();
    const summary = await run(p, '2032-01-02T03:00:00Z');
    expect(summary.due).toEqual(['profile', 'meetings', 'progress', 'exchanges', 'plans', 'operational']);
    const everyone = await opened.db.select().from(people).where(eq(people.programmeId, p.test.programme.id));
    expect(everyone.every((person) => /^Person \d+$/.test(person.displayName) && person.userId.startsWith('forgotten:'))).toBe(true);
    expect(summary.people).toBe(everyone.length);
    expect(new Set(everyone.map((person) => person.displayName)).size).toBe(everyone.length);
    const guests = await opened.db.select().from(meetingParticipants).where(and(eq(meetingParticipants.programmeId, p.test.programme.id), sql`${meetingParticipants.guestName} is not null`));
    expect(guests.map((g) => g.guestName)).toEqual(['Guest']);
    const notes = await opened.db.select().from(progressNotes).where(eq(progressNotes.programmeId, p.test.programme.id));
    expect(notes.map((n) => [n.authorId, n.done])).toEqual([[null, 'Workshop med kommunen']]);
    expect(await p.counts()).toEqual(before);
    expect(await findIdentifiers(opened.db, p.test.programme.id, [ZELDA.name, ZELDA.userId, 'UANNA', 'Gustav Gustavsson'])).toEqual([]);
    expect(await retentionAudit(p)).toHaveLength(summary.people + summary.items);
    // A second run the same day finds nothing left to do.
    expect(await run(p, '2032-01-02T04:00:00Z')).toMatchObject({ people: 0, items: 0 });
  });

  it('never touches what is held: the held meeting keeps its guest and its author keeps the name', async () => {
    const p = await agedProgramme();
    const [open] = rowsOf<{ number: number }>(await opened.db.execute(sql`select number from meetings where programme_id = ${p.test.programme.id} and title = 'Öppet hus'`));
    const [zeldas] = rowsOf<{ number: number }>(await opened.db.execute(sql`select number from meetings where programme_id = ${p.test.programme.id} and author_id = ${p.zeldaId}`));
    await p.as('UPM', `hold M${open!.number} reason:"Revision"`);
    await p.as('UPM', `hold M${zeldas!.number} reason:"Tvist"`);
    await run(p, '2032-01-02T03:00:00Z');
    const guests = await opened.db.select().from(meetingParticipants).where(and(eq(meetingParticipants.programmeId, p.test.programme.id), sql`${meetingParticipants.guestName} is not null`));
    expect(guests.map((g) => g.guestName)).toEqual(['Gustav Gustavsson']);
    const [zelda] = await opened.db.select().from(people).where(eq(people.id, p.zeldaId));
    expect(zelda).toMatchObject({ displayName: ZELDA.name, gender: null });
    const [anna] = await opened.db.select().from(people).where(and(eq(people.programmeId, p.test.programme.id), eq(people.displayName, 'Anna')));
    // Anna took part in the held "Öppet hus" too: the hold keeps her name with it.
    expect(anna?.userId).toBe('UANNA');
    expect((await p.as('UPM', 'privacy flags')).text).toContain(`M${zeldas!.number}: Tvist`);
  });

  it('eight years on clears audit details written before the due date, and not its own audit rows', async () => {
    const p = await agedProgramme();
    await run(p, '2032-01-02T03:00:00Z');
    const summary = await run(p, '2035-01-02T03:00:00Z');
    expect(summary.due).toContain('audit');
    const rows = await opened.db.select().from(auditLog).where(eq(auditLog.programmeId, p.test.programme.id));
    const old = rows.filter((r) => r.at < new Date('2035-01-01T00:00:00Z') && !r.action.startsWith('retention.'));
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((r) => r.detail === null)).toBe(true);
    const fresh = rows.filter((r) => r.at.getTime() === new Date('2035-01-02T03:00:00Z').getTime());
    expect(fresh.length).toBe(summary.items);
    expect(fresh.every((r) => (r.detail as { category: string }).category !== undefined)).toBe(true);
    expect((await run(p, '2035-01-03T03:00:00Z')).items).toBe(0);
  });
});

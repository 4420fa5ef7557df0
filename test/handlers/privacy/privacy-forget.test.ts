import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { rowsOf } from '../../../db/migrate.js';
import { auditLog, people, privacyErasures, privacyFlags } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { findIdentifiers, privacyProgramme, ZELDA, type PrivacyProgramme } from './privacy-fixture.js';
import { errorCode } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const codeIn = (p: { outcome: { kind: string; reply?: { buttons?: { command: string }[] } } }) => {
  const command = p.outcome.kind === 'reply' ? p.outcome.reply?.buttons?.[0]?.command : undefined;
  return command?.split(' ').at(-1) ?? '';
};
const needles = [ZELDA.name, ZELDA.userId];

async function forget(p: PrivacyProgramme) {
  const asked = await p.zelda('forget-me');
  return p.zelda(`forget-me confirm ${codeIn(asked)}`);
}

describe('forget-me', () => {
  it('asks for confirmation with a Confirm button and a text fallback, and changes nothing yet', async () => {
    const p = await privacyProgramme(opened.db);
    const asked = await p.zelda('forget-me');
    expect(asked.text).toContain('LOKET replaces your name, your user id and your profile facts');
    expect(asked.outcome.kind === 'reply' && asked.outcome.reply.buttons?.[0]).toMatchObject({ label: 'Yes, forget me', style: 'danger' });
    expect(asked.text).toMatch(/type `forget-me confirm [0-9A-Z]{4}-[0-9A-Z]{4}` within 15 minutes/);
    const [person] = await opened.db.select().from(people).where(eq(people.id, p.zeldaId));
    expect(person).toMatchObject({ displayName: ZELDA.name, userId: ZELDA.userId, gender: 'woman' });
  });

  it('after confirming, no name or user id of the person remains in any text or JSON column of any table', async () => {
    const p = await privacyProgramme(opened.db);
    const before = await findIdentifiers(opened.db, p.test.programme.id, needles);
    // The fixture really left her name and id in many places, or this test could not fail.
    expect([...new Set(before.map((f) => f.table))]).toEqual(expect.arrayContaining(['people', 'meetings', 'decisions', 'notes', 'conversations']));
    const done = await forget(p);
    expect(done.text).toMatch(/Done\. In LOKET's records you are now Person \d+\./);
    expect(done.text).toContain('What LOKET could not erase');
    expect(done.text).toContain('Messages already posted to Slack or Teams channels');
    expect(await findIdentifiers(opened.db, p.test.programme.id, needles)).toEqual([]);
    const [person] = await opened.db.select().from(people).where(eq(people.id, p.zeldaId));
    expect(person!.displayName).toMatch(/^Person \d+$/);
    expect(person!.userId).toMatch(/^forgotten:[0-9a-f]{64}$/);
    expect(person).toMatchObject({ gender: null, language: null, organisationId: null });
  });

  it('keeps the records with their cluster and flags the free text that named the person for the PM', async () => {
    const p = await privacyProgramme(opened.db);
    const meetingsBefore = await p.counts();
    await forget(p);
    expect(await p.counts()).toEqual(meetingsBefore);
    const flags = await opened.db.select().from(privacyFlags).where(eq(privacyFlags.programmeId, p.test.programme.id));
    const refs = flags.map((f) => `${f.tableName}.${f.columnName}`).sort();
    expect(refs).toEqual(expect.arrayContaining(['decisions.text', 'meetings.title', 'notes.text']));
    const pm = await p.as('UPM', 'privacy flags');
    expect(pm.text).toContain('Fritext att granska efter ”glöm mig”');
    expect(pm.text).toMatch(/M\d+, fältet title/);
    const reviewed = await p.as('UPM', 'privacy flags done');
    expect(reviewed.text).toBe(`${flags.length} texter är markerade som granskade.`);
    expect((await p.as('UPM', 'privacy flags')).text).toContain('Fritext att granska efter ”glöm mig” (0)');
    const note = rowsOf<{ text: string }>(await opened.db.execute(sql`select text from notes where programme_id = ${p.test.programme.id} and text like 'Ring %'`));
    expect(note[0]!.text).toMatch(/^Ring Person \d+ om drönarna$/);
  });

  it('deletes what only served the person: absences, the 1:1 chat reference, generated files', async () => {
    const p = await privacyProgramme(opened.db);
    await p.zelda('export me');
    const count = async (table: string) => Number(rowsOf<{ n: number }>(await opened.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where programme_id = ${p.test.programme.id}`))[0]!.n);
    expect(await count('absences')).toBe(1);
    expect(await count('export_files')).toBeGreaterThan(0);
    const done = await forget(p);
    expect(done.text).toMatch(/Operational rows deleted: [1-9]/);
    expect(await count('absences')).toBe(0);
    expect(await count('export_files')).toBe(0);
  });

  it('a code works once; a wrong or expired code is refused and nothing is erased', async () => {
    const p = await privacyProgramme(opened.db);
    const wrong = await p.zelda('forget-me confirm AAAA-BBBB');
    expect(errorCode(wrong)).toBe('privacy.forget_code_invalid');
    expect(wrong.text).toContain('That code is not valid');
    const asked = await p.zelda('forget-me');
    p.test.clock.advance(16 * 60_000);
    expect(errorCode(await p.zelda(`forget-me confirm ${codeIn(asked)}`))).toBe('privacy.forget_code_invalid');
    const [person] = await opened.db.select().from(people).where(eq(people.id, p.zeldaId));
    expect(person!.displayName).toBe(ZELDA.name);
    const fresh = await p.zelda('forget-me');
    await p.zelda(`forget-me confirm ${codeIn(fresh)}`);
    // The same person cannot reuse the code; after erasure they are a new person to LOKET anyway.
    const again = await p.zelda(`forget-me confirm ${codeIn(fresh)}`);
    expect(errorCode(again)).toBe('privacy.forget_code_invalid');
  });

  it('a returning person starts as a new, empty person and is told their earlier records are pseudonymised', async () => {
    const p = await privacyProgramme(opened.db);
    await forget(p);
    const back = await p.zelda('privacy');
    expect(back.text).toMatch(/Du bad LOKET glömma dig \d{4}-\d{2}-\d{2}\. Det du bidrog med före dess finns kvar som Person \d+/);
    const rows = await opened.db.select().from(people).where(and(eq(people.programmeId, p.test.programme.id), eq(people.userId, ZELDA.userId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(p.zeldaId);
    const [erasure] = await opened.db.select().from(privacyErasures).where(and(eq(privacyErasures.personId, p.zeldaId), eq(privacyErasures.state, 'done')));
    expect(erasure!.identityHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, p.test.programme.id), eq(auditLog.action, 'privacy.forget')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('Zelda');
  });
});

import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { retentionPolicy } from '../../../db/retention-policy.js';
import { auditLog, legalHolds, meetings, people, privacyErasures } from '../../../db/schema/index.js';
import { runRetention } from '../../../handlers/privacy/retention.js';
import { silentLogger } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { findIdentifiers, privacyProgramme, ZELDA, type PrivacyProgramme } from './privacy-fixture.js';
import { errorCode } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());


async function zeldasMeeting(p: PrivacyProgramme) {
  const [meeting] = await opened.db.select().from(meetings).where(and(eq(meetings.programmeId, p.test.programme.id), eq(meetings.authorId, p.zeldaId)));
  return { id: meeting!.id, shortId: `M${meeting!.number}` };
}

async function forget(p: PrivacyProgramme) {
  const asked = await p.zelda('forget-me');
  const command = asked.outcome.kind === 'reply' ? asked.outcome.reply.buttons![0]!.command : '';
  return p.zelda(command);
}

describe('hold', () => {
  it('a PM puts a record under legal hold with a reason; it is stored, audited and listed', async () => {
    const p = await privacyProgramme(opened.db);
    const m = await zeldasMeeting(p);
    const reply = await p.as('UPM', `hold ${m.shortId} reason:"Revision 2027"`);
    expect(reply.text).toBe(`${m.shortId} har nu en juridisk spärr (Revision 2027). Radering och gallring hoppar över den tills \`spärr häv ${m.shortId}\`.`);
    const [hold] = await opened.db.select().from(legalHolds).where(eq(legalHolds.entityId, m.id));
    expect(hold).toMatchObject({ kind: 'M', shortId: m.shortId, reason: 'Revision 2027', releasedAt: null });
    const audit = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, p.test.programme.id), eq(auditLog.action, 'hold.place')));
    expect(audit).toHaveLength(1);
    expect((await p.as('UPM', 'privacy flags')).text).toContain(`${m.shortId}: Revision 2027`);
  });

  it('refuses a missing reason, an unknown id, a second hold and anyone but a PM, storing nothing', async () => {
    const p = await privacyProgramme(opened.db);
    const m = await zeldasMeeting(p);
    const noReason = await p.as('UPM', `hold ${m.shortId}`);
    expect(noReason.text).toContain('Det saknas ett skäl (skäl:"…").');
    expect(noReason.text).toContain('spärr M12 skäl:"Revision av Tillväxtverket 2027"');
    expect(errorCode(await p.as('UPM', 'hold M999 reason:x'))).toBe('privacy.hold_not_found');
    expect(errorCode(await p.as('UPM', 'hold banan reason:x'))).toBe('args.id_invalid');
    expect(errorCode(await p.as('UANNA', `hold ${m.shortId} reason:x`))).toBe('permission.denied');
    await p.as('UPM', `hold ${m.shortId} reason:first`);
    const second = await p.as('UPM', `hold ${m.shortId} reason:second`);
    expect(errorCode(second)).toBe('privacy.hold_exists');
    const holds = await opened.db.select().from(legalHolds).where(eq(legalHolds.programmeId, p.test.programme.id));
    expect(holds.map((h) => h.reason)).toEqual(['first']);
  });

  it('forget-me leaves a held record and the name it needs, lists the hold and reason, and finishes after release', async () => {
    const p = await privacyProgramme(opened.db);
    const m = await zeldasMeeting(p);
    await p.as('UPM', `hold ${m.shortId} reason:"Revision 2027"`);
    const done = await forget(p);
    expect(done.text).toContain('Partly done.');
    expect(done.text).toContain(`${m.shortId}: legal hold — Revision 2027`);
    const [kept] = await opened.db.select().from(people).where(eq(people.id, p.zeldaId));
    expect(kept).toMatchObject({ displayName: ZELDA.name, userId: ZELDA.userId, gender: null, language: null });
    // Outside the held meeting (its row and children) and the person row it needs, nothing names her.
    const left = await findIdentifiers(opened.db, p.test.programme.id, [ZELDA.name, ZELDA.userId]);
    const heldRows = new Set([m.id]);
    const outside = left.filter((f) => !(f.table === 'people' && f.key === p.zeldaId) && !(f.table === 'meetings' && heldRows.has(f.key)) && f.table !== 'decisions');
    expect(outside).toEqual([]);
    expect(left.some((f) => f.table === 'meetings' && f.key === m.id)).toBe(true);
    expect((await p.as('UPM', 'privacy flags')).text).toMatch(/Raderingar som väntar på att en spärr hävs \(1\)/);

    const released = await p.as('UPM', `hold release ${m.shortId}`);
    expect(released.text).toBe(`Spärren på ${m.shortId} är hävd. Posten följer radering och gallring igen.`);
    const summary = await runRetention({ repos: createRepositories(opened.db), clock: p.test.clock, logger: silentLogger, privacy: { retention: retentionPolicy({}) }, only: [p.test.programme.id] });
    expect(summary.released).toBeGreaterThanOrEqual(1);
    expect(await findIdentifiers(opened.db, p.test.programme.id, [ZELDA.name, ZELDA.userId])).toEqual([]);
    const [erasure] = await opened.db.select().from(privacyErasures).where(eq(privacyErasures.personId, p.zeldaId));
    expect(erasure!.state).toBe('done');
    const active = await opened.db.select().from(legalHolds).where(and(eq(legalHolds.entityId, m.id), isNull(legalHolds.releasedAt)));
    expect(active).toEqual([]);
  });
});

// The privacy commands read their words strictly: `hold <id> skäl: …` in Swedish or English keys, `forget-me
// bekräfta <code>`, `privacy flags klar`; a word that fits nowhere is refused and nothing is held or erased.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { legalHolds, meetings, people, privacyErasures } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** The fixture's programme with one meeting Anna logged. */
async function withMeeting(): Promise<MeetingProgramme & { meetingId: string; shortId: string }> {
  const p = await meetingProgramme(opened.db);
  await p.as('UANNA', 'meeting Styrgrupp date:2026-02-20 cluster:Rymd');
  const [meeting] = await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
  return { ...p, meetingId: meeting!.id, shortId: `M${meeting!.number}` };
}

async function holds(p: MeetingProgramme) {
  const rows = await opened.db.select().from(legalHolds).where(eq(legalHolds.programmeId, p.test.programme.id));
  return rows.map((h) => h.reason);
}

const codeIn = (r: Awaited<ReturnType<MeetingProgramme['as']>>) => (r.outcome.kind === 'reply' ? r.outcome.reply.buttons?.[0]?.command.split(' ').at(-1) : undefined) ?? '';

describe('hold', () => {
  it('skäl: takes the rest of the message as the reason, exactly as typed', async () => {
    const p = await withMeeting();
    const reply = await p.as('UPM', `spärr ${p.shortId} skäl: Revision av Tillväxtverket 2027, dnr 2.1-123`);
    expect(reply.text).toContain(`${p.shortId} har nu en juridisk spärr (Revision av Tillväxtverket 2027, dnr 2.1-123).`);
    expect(await holds(p)).toEqual(['Revision av Tillväxtverket 2027, dnr 2.1-123']);
  });

  it('orsak: and reason: with a quoted value are the same key', async () => {
    const p = await withMeeting();
    await p.as('UPM', `hold ${p.shortId} orsak:"Tvist med leverantör"`);
    await p.as('UPM', `hold release ${p.shortId}`);
    await p.as('UPM', `hold ${p.shortId} reason:Revision`);
    const rows = await opened.db.select().from(legalHolds).where(eq(legalHolds.programmeId, p.test.programme.id));
    expect(rows.map((h) => [h.reason, h.releasedAt === null])).toEqual([
      ['Tvist med leverantör', false],
      ['Revision', true],
    ]);
  });

  it('a word after a one-word reason is refused with the quoted reason it may have meant, and nothing is held', async () => {
    const p = await withMeeting();
    const { outcome, text } = await p.as('UPM', `hold ${p.shortId} skäl:Revision 2027`);
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Menade du `skäl:"Revision 2027"`?');
    expect(await holds(p)).toEqual([]);
  });

  it('a mistyped reason key gets «Menade du» and nothing is held', async () => {
    const p = await withMeeting();
    const { outcome, text } = await p.as('UPM', `hold ${p.shortId} reasn:Revision`);
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `skäl:Revision`?');
    expect(await holds(p)).toEqual([]);
  });

  it('a missing reason is asked for in Swedish with the Swedish example', async () => {
    const p = await withMeeting();
    const { outcome, text } = await p.as('UPM', `hold ${p.shortId}`);
    expect(errorCode(outcome)).toBe('args.missing');
    expect(text).toContain('Det saknas ett skäl (skäl:"…").');
    expect(text).toContain('Exempel: `spärr M12 skäl:"Revision av Tillväxtverket 2027"`');
    expect(await holds(p)).toEqual([]);
  });

  it('something that is not a record id is refused before anything is looked up', async () => {
    const p = await withMeeting();
    const { outcome, text } = await p.as('UPM', 'hold banan reason:x');
    expect(errorCode(outcome)).toBe('args.id_invalid');
    expect(text).toContain('”banan” är inget giltigt id här.');
    expect(errorCode((await p.as('UPM', `hold release ${p.shortId} nu`)).outcome)).toBe('args.leftover');
    expect(await holds(p)).toEqual([]);
  });
});

describe('privacy flags', () => {
  it('klar marks the texts as reviewed, and a word that is not done is refused', async () => {
    const p = await withMeeting();
    expect((await p.as('UPM', 'integritet flaggor klar')).text).toBe('0 texter är markerade som granskade.');
    const { outcome, text } = await p.as('UPM', 'privacy flags alla');
    expect(errorCode(outcome)).toBe('args.enum_invalid');
    expect(text).toContain('”alla” är inte `klar`.');
  });
});

describe('forget-me', () => {
  it('bekräfta with the code erases, as confirm does', async () => {
    const p = await withMeeting();
    const asked = await p.as('UOLLE', 'glöm-mig');
    const done = await p.as('UOLLE', `glöm-mig bekräfta ${codeIn(asked)}`);
    expect(errorCode(done.outcome)).toBeUndefined();
    const erasures = await opened.db.select().from(privacyErasures).where(eq(privacyErasures.programmeId, p.test.programme.id));
    expect(erasures.map((e) => e.completedAt !== null)).toEqual([true]);
  });

  it('a word that is not bekräfta is refused and no erasure is requested', async () => {
    const p = await withMeeting();
    const { outcome, text } = await p.as('UOLLE', 'forget-me now');
    expect(errorCode(outcome)).toBe('args.enum_invalid');
    expect(text).toContain('”now” är inte `bekräfta`.');
    expect(await opened.db.select().from(privacyErasures).where(eq(privacyErasures.programmeId, p.test.programme.id))).toEqual([]);
  });

  it('bekräfta without a code says how to go on, and a word after the code is refused; nothing is erased', async () => {
    const p = await withMeeting();
    const asked = await p.as('UOLLE', 'forget-me');
    const noCode = await p.as('UOLLE', 'forget-me bekräfta');
    expect(errorCode(noCode.outcome)).toBe('privacy.forget_usage');
    const extra = await p.as('UOLLE', `forget-me confirm ${codeIn(asked)} tack`);
    expect(errorCode(extra.outcome)).toBe('args.leftover');
    const [olle] = await opened.db.select().from(people).where(and(eq(people.programmeId, p.test.programme.id), eq(people.userId, 'UOLLE')));
    expect(olle!.displayName).toBe('Olle');
  });
});

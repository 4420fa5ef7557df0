import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { auditLog, meetings, people } from '../../db/schema/index.js';
import { meetingProgramme, type MeetingProgramme } from '../support/programme-fixture.js';
import { openTestDatabase } from '../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const HOUR = 60 * 60 * 1000;

async function trail(p: MeetingProgramme, actions?: string[]) {
  const rows = await opened.db
    .select({ action: auditLog.action, subjectType: auditLog.subjectType, subjectId: auditLog.subjectId, detail: auditLog.detail, at: auditLog.at, actor: people.displayName })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(eq(auditLog.programmeId, p.test.programme.id))
    .orderBy(asc(auditLog.id));
  return actions ? rows.filter((r) => actions.includes(r.action)) : rows;
}

/** A meeting logged, a note written, an action closed, the meeting edited and deleted and an export made,
 *  an hour apart each, by Anna (leader of Rymd) and Petra (PM). */
async function busyDay(p: MeetingProgramme) {
  const steps: [string, string][] = [
    ['UANNA', 'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd\naction: @Nils Boka lokal due:2026-03-20'],
    ['UANNA', 'note Rymd Testbädden bokas via IRF'],
    ['UNILS', 'done A1 Bokad'],
    ['UANNA', 'meeting edit M1 "Styrgrupp april"'],
    ['UPM', 'export format:json from:2026-01-01 to:2026-03-31'],
    ['UPM', 'meeting delete M1'],
  ];
  for (const [user, text] of steps) {
    p.test.clock.advance(HOUR);
    const { outcome, text: reply } = await p.as(user, text);
    if (outcome.kind !== 'reply' || outcome.reply.error) throw new Error(`step failed: ${text}: ${reply}`);
  }
}

describe('audit rows', () => {
  it('creating, changing, closing, exporting and deleting each leave a row naming who, which record and when', async () => {
    const p = await meetingProgramme(opened.db);
    await busyDay(p);
    const [meeting] = await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
    const rows = await trail(p, ['meeting.create', 'note.create', 'action.done', 'meeting.edit', 'export.create', 'meeting.delete']);
    expect(rows.map((r) => [r.action, r.actor, r.at.toISOString()])).toEqual([
      ['meeting.create', 'Anna', '2026-03-02T10:00:00.000Z'],
      ['note.create', 'Anna', '2026-03-02T11:00:00.000Z'],
      ['action.done', 'Nils', '2026-03-02T12:00:00.000Z'],
      ['meeting.edit', 'Anna', '2026-03-02T13:00:00.000Z'],
      ['export.create', 'Petra', '2026-03-02T14:00:00.000Z'],
      ['meeting.delete', 'Petra', '2026-03-02T15:00:00.000Z'],
    ]);
    expect(rows[0]).toMatchObject({ subjectType: 'meeting', subjectId: meeting!.id, detail: { ref: 'M1' } });
    expect(rows[1]).toMatchObject({ subjectType: 'note', detail: { ref: 'N1' } });
    expect(rows[2]).toMatchObject({ subjectType: 'action_item', detail: { ref: 'A1' } });
  });

  it('a command the handler refuses (a leader writing in another cluster) leaves no audit row', async () => {
    const p = await meetingProgramme(opened.db);
    const before = (await trail(p)).length;
    const { text } = await p.as('UERIK', 'note Rymd Något');
    expect(text).toContain('Rymd');
    expect(await trail(p)).toHaveLength(before);
  });
});

describe('audit', () => {
  it('a project manager sees who did what to which record, newest first, in Stockholm time', async () => {
    const p = await meetingProgramme(opened.db);
    await busyDay(p);
    const { outcome, text } = await p.as('UPM', 'audit from:2026-03-02 to:2026-03-02');
    expect(outcome.kind === 'reply' && outcome.reply.error).toBeFalsy();
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Granskningslogg (${(await trail(p)).length})`);
    expect(lines.slice(2, 8)).toEqual([
      '  • 2026-03-02 16:00 · Petra · raderade möte M1',
      '  • 2026-03-02 15:00 · Petra · exporterade all json 2026-01-01–2026-03-31',
      '  • 2026-03-02 14:00 · Anna · ändrade möte M1',
      '  • 2026-03-02 13:00 · Nils · markerade åtgärd som klar A1',
      '  • 2026-03-02 12:00 · Anna · skrev anteckning N1 Rymd',
      '  • 2026-03-02 11:00 · Anna · loggade möte M1',
    ]);
    expect(text).toContain('2026-03-02 10:00 · Petra · ändrade klusterroll Rymd Nils (medlem)');
  });

  it('from: and to: are days in the programme time zone: 23:30 UTC is already the next day in Stockholm', async () => {
    const p = await meetingProgramme(opened.db);
    p.test.clock.set(new Date('2026-03-09T23:30:00Z'));
    await p.as('UANNA', 'note Rymd Sent på kvällen');
    expect((await p.as('UPM', 'audit from:2026-03-10 to:2026-03-10')).text).toBe('Granskningslogg (1)\n\n  • 2026-03-10 00:30 · Anna · skrev anteckning N1 Rymd');
    expect((await p.as('UPM', 'audit from:2026-03-09 to:2026-03-09')).text).toBe('Granskningsloggen har inga händelser för det urvalet.');
  });

  it('a cluster narrows the trail to that cluster’s records, its meetings included', async () => {
    const p = await meetingProgramme(opened.db);
    p.test.clock.advance(HOUR);
    await p.as('UERIK', 'note Skog Skogsnot');
    await p.as('UANNA', 'meeting Rymdmöte cluster:Rymd');
    const { text } = await p.as('UPM', 'audit Skog');
    expect(text).toContain('Erik · skrev anteckning N1 Skog');
    expect(text).toContain('Petra · skapade kluster Skog');
    expect(text).not.toContain('Rymdmöte');
    expect(text).not.toContain('loggade möte');
    expect((await p.as('UPM', 'audit Rymd')).text).toContain('Anna · loggade möte M1');
  });

  it('a long trail shows the 30 newest and says how many there are in all', async () => {
    const p = await meetingProgramme(opened.db);
    for (let i = 0; i < 32; i += 1) {
      p.test.clock.advance(60_000);
      await p.as('UANNA', `note Rymd Anteckning ${i}`);
    }
    const total = (await trail(p)).length;
    const { text } = await p.as('UPM', 'audit');
    expect(text.split('\n').filter((l) => l.startsWith('  • '))).toHaveLength(30);
    expect(text).toContain(`Visar de 30 senaste av ${total}.`);
    expect(text).toContain('skrev anteckning N32 Rymd');
    expect(text).not.toContain('skrev anteckning N2 ');
  });

  it('a leader is refused with the permission reply, in their language', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    const { outcome, text } = await p.as('UANNA', 'audit');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('permission.denied');
    expect(text).toBe('You may not run `audit`. Who can: project manager.');
  });

  it('a day that does not exist or an end before the start is refused with an example', async () => {
    const p = await meetingProgramme(opened.db);
    const bad = await p.as('UPM', 'audit from:2026-02-30');
    expect(bad.text).toContain('2026-02-30');
    expect(bad.text).toContain('Exempel: `granskning från:2026-03-01 till:2026-03-31 Rymd`');
    const reversed = await p.as('UPM', 'audit from:2026-03-31 to:2026-03-01');
    expect(reversed.outcome.kind === 'reply' && reversed.outcome.reply.error?.code).toBe('date.range_invalid');
  });

  it('English speakers get the trail in English', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', 'profile lang:en');
    const { text } = await p.as('UPM', 'audit');
    expect(text).toMatch(/^Audit trail \(\d+\)/);
    expect(text).toContain('Petra: created cluster Rymd');
  });
});

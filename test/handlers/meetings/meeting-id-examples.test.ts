// A meeting is named by its short id (`M5`) everywhere: a bare number is refused with the command to write
// instead, and the example under a refusal of a one-meeting command is in the reader's language and names a
// meeting the programme really has (or `möten`/`meetings`, which lists them, when it has none).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const stored = async (programmeId: string) =>
  (await opened.db.select({ number: meetings.number, title: meetings.title, deletedAt: meetings.deletedAt }).from(meetings).where(eq(meetings.programmeId, programmeId))).sort((a, b) => a.number - b.number);

async function withOneMeeting() {
  const p = await meetingProgramme(opened.db);
  const logged = await p.as('UANNA', 'möte "Styrgrupp februari" datum:2026-02-16 kluster:Rymd');
  expect(logged.outcome.kind === 'reply' && logged.outcome.reply.error).toBeUndefined();
  const [meeting] = await stored(p.test.programme.id);
  return { p, id: `M${meeting!.number}` };
}

describe('a meeting named by a bare number', () => {
  it('`möte visa 5` is refused with `möte visa M5` to write instead and an example naming a real meeting', async () => {
    const { p, id } = await withOneMeeting();
    const before = await stored(p.test.programme.id);
    const { outcome, text } = await p.as('UNILS', 'möte visa 5');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.id_invalid');
    expect(text).toContain('”5” är inget giltigt id här.');
    expect(text).toContain('Menade du `möte visa M5`?');
    expect(text).toContain(`Exempel: \`möte visa ${id}\``);
    expect(text).not.toContain('`möte visa M12`');
    expect(await stored(p.test.programme.id)).toEqual(before);
  });

  it('`meeting show 5` is answered in English for an English reader', async () => {
    const { p, id } = await withOneMeeting();
    await p.as('UNILS', 'profile lang:en');
    const { outcome, text } = await p.as('UNILS', 'meeting show 5');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.id_invalid');
    expect(text).toContain('Did you mean `meeting show M5`?');
    expect(text).toContain(`Example: \`meeting show ${id}\``);
  });

  it('`meeting show 1` typed by a Swedish reader is answered in Swedish words only, and nothing changes', async () => {
    const { p, id } = await withOneMeeting();
    const before = await stored(p.test.programme.id);
    const { outcome, text } = await p.as('UNILS', 'meeting show 1');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.id_invalid');
    expect(text).toBe(`”1” är inget giltigt id här. Det ser ut så här: M12.\nMenade du \`möte visa M1\`?\nExempel: \`möte visa ${id}\``);
    expect(text).not.toContain('meeting show');
    expect(await stored(p.test.programme.id)).toEqual(before);
  });

  it('`möte visa 5` typed by an English reader is answered in English words only', async () => {
    const { p, id } = await withOneMeeting();
    await p.as('UNILS', 'profile lang:en');
    const { text } = await p.as('UNILS', 'möte visa 5');
    expect(text).toContain('Did you mean `meeting show M5`?');
    expect(text).toContain(`Example: \`meeting show ${id}\``);
    expect(text).not.toContain('möte visa');
  });

  it('keys keep their value as typed and are written in the reader\'s words', async () => {
    const { p } = await withOneMeeting();
    const before = await stored(p.test.programme.id);
    const { text } = await p.as('UANNA', 'meeting move 1 date:2027-04-21 time:13:00');
    expect(text).toContain('Menade du `möte flytta M1 datum:2027-04-21 tid:13:00`?');
    expect(text).toContain('Exempel: `möte flytta M12 datum:');
    expect(await stored(p.test.programme.id)).toEqual(before);
  });

  it('a programme with no meetings gets `möten` as the example, a command that works', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UNILS', 'möte dela 3');
    expect(text).toContain('Menade du `möte dela M3`?');
    expect(text).toContain('Exempel: `möten`');
    expect(await stored(p.test.programme.id)).toEqual([]);
  });
});

describe('the example under a refused `möte radera`', () => {
  it('someone else’s meeting is refused with a Swedish example naming a real meeting, and the meeting stays', async () => {
    const { p, id } = await withOneMeeting();
    const { outcome, text } = await p.as('UERIK', `möte radera ${id}`);
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('meeting.not_author');
    expect(text).toContain(`Exempel: \`möte radera ${id}\``);
    expect(text).not.toContain('meeting delete');
    expect((await stored(p.test.programme.id)).map((m) => [m.title, m.deletedAt])).toEqual([['Styrgrupp februari', null]]);
  });

  it('a meeting that does not exist points to `möten`, and in English to `meetings`', async () => {
    const { p } = await withOneMeeting();
    const swedish = await p.as('UANNA', 'möte radera M99');
    expect(swedish.outcome.kind === 'reply' && swedish.outcome.reply.error?.code).toBe('meeting.not_found');
    expect(swedish.text).toContain('Exempel: `möten`');
    await p.as('UERIK', 'profile lang:en');
    const english = await p.as('UERIK', 'meeting delete M1x');
    expect(english.text).toContain('Example: `meeting delete M');
    expect(english.text).not.toContain('`meeting delete M12`');
    expect((await stored(p.test.programme.id)).map((m) => m.deletedAt)).toEqual([null]);
  });
});

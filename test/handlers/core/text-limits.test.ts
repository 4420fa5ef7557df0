import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, exchangePosts, organisations, progressNotes } from '../../../db/schema/index.js';
import { textLimits } from '../../../handlers/core/arg-types.js';
import { digestLineMax } from '../../../handlers/weekly/digest-content.js';
import { countRows, errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Numbers are grouped with a no-break space in Swedish («10 000»); compared here as plain spaces. */
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const long = (n: number) => 'Lång'.repeat(Math.ceil(n / 4)).slice(0, n);

async function rows(p: MeetingProgramme, table: PgTable, programmeColumn: PgColumn): Promise<number> {
  const [row] = await opened.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table).where(eq(programmeColumn, p.test.programme.id));
  return row?.n ?? 0;
}

describe('text limits', () => {
  it('a 10 000-character meeting title is refused with the limit and the length given, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', `meeting ${long(10_000)} cluster:Rymd`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('Titeln har 10 000 tecken; högst 200 går att spara.');
    expect(text.length).toBeLessThan(600);
    expect(await p.counts()).toMatchObject({ meetings: 0, decisions: 0, actions: 0, notes: 0 });
  });

  it('an English reader gets the limit in English with English digit grouping', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    const { outcome, text } = await p.as('UANNA', `meeting ${long(10_000)} cluster:Rymd`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('The title has 10,000 characters; at most 200 can be saved.');
  });

  it('a title at the limit is stored whole', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome } = await p.as('UANNA', `meeting ${long(textLimits.title.max)} cluster:Rymd`);
    expect(errorCode(outcome)).toBeUndefined();
    expect((await p.counts()).meetings).toBe(1);
  });

  it('a decision line longer than a body is refused with the same message, and no part of the meeting is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', `meeting Styrgrupp cluster:Rymd\ndecision: Vi kör\nnote: ${long(10_000)}`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('Texten har 10 000 tecken; högst 4 000 går att spara.');
    expect(await countRows(opened.db, p.test.programme.id)).toMatchObject({ meetings: 0, decisions: 0, notes: 0 });
  });

  it('a note longer than a body is refused, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UNILS', `note Rymd ${long(10_000)}`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('Texten har 10 000 tecken; högst 4 000 går att spara.');
    expect((await p.counts()).notes).toBe(0);
  });

  it('a note typed with many line breaks is held to the limit as stored, not as the words joined', async () => {
    const p = await meetingProgramme(opened.db);
    // 3 900 characters of words, and 200 blank lines between them: 4 100 as typed and as it would be stored.
    const body = Array.from({ length: 100 }, () => long(39)).join('\n\n\n');
    const { outcome, text } = await p.as('UNILS', `note Rymd ${body}`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain(`Texten har ${new Intl.NumberFormat('sv').format(body.length).replace(/[\u00a0\u202f]/g, ' ')} tecken`);
    expect((await p.counts()).notes).toBe(0);
  });

  it('an exchange need with a 10 000-character topic is refused, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', `exchange need ${long(10_000)}`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('Titeln har 10 000 tecken; högst 200 går att spara.');
    expect(await rows(p, exchangePosts, exchangePosts.programmeId)).toBe(0);
  });

  it('cluster add with a 10 000-character name is refused at the name limit, and no cluster is added', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', `cluster add ${long(10_000)} sector:space`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('Namnet har 10 000 tecken; högst 120 går att spara.');
    expect(await rows(p, clusters, clusters.programmeId)).toBe(2);
  });

  it('org add with a name over 120 characters is refused, and no organisation is added', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', `org add 556677-8899 ${long(121)} type:company`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('Namnet har 121 tecken; högst 120 går att spara.');
    expect(await rows(p, organisations, organisations.programmeId)).toBe(0);
  });

  it('a weekly field longer than a body is refused, and no weekly note is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', `progress done: ${long(10_000)} next: Ansökan`);
    expect(errorCode(outcome)).toBe('args.too_long');
    expect(spaced(text)).toContain('Texten har 10 000 tecken; högst 4 000 går att spara.');
    expect(await rows(p, progressNotes, progressNotes.programmeId)).toBe(0);
  });

  it('characters are counted as a person counts them: an emoji is one', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome } = await p.as('UANNA', `meeting ${'🚀'.repeat(textLimits.title.max)} cluster:Rymd`);
    expect(errorCode(outcome)).toBeUndefined();
  });

  it("the weekly note and meeting forms carry the limits as the inputs' maximum, within what Slack's modal holds", async () => {
    const p = await meetingProgramme(opened.db);
    const form = async (command: string) => {
      const { outcome } = await p.as('UANNA', command);
      return outcome.kind === 'reply' ? Object.fromEntries((outcome.reply.form?.fields ?? []).map((f) => [f.key, f.maxLength])) : {};
    };
    expect(await form('progress')).toMatchObject({ cluster: 120, done: 3000, next: 3000, blockers: 3000, need: 3000 });
    expect(await form('meeting')).toMatchObject({ _text: 200 });
  });

  it("the meeting form's several clusters in one field are each held to the name limit, not together", async () => {
    const p = await meetingProgramme(opened.db);
    const longName = long(110); // with Rymd and Skog: 122 characters in the one field
    await p.as('UPM', `cluster add "${longName}" sector:space`);
    await p.as('UPM', `cluster role "${longName}" @Anna leader`);
    const { outcome } = await p.as('UANNA', `meeting Gemensam styrgrupp cluster:"Rymd, ${longName}, Skog"`);
    expect(errorCode(outcome)).toBeUndefined();
    expect((await p.counts()).meetingClusters).toBe(3);
  });

  it('digest preview quotes long but allowed texts in lines no longer than the digest\'s cut, each pointing to the whole text', async () => {
    const p = await meetingProgramme(opened.db);
    const words = (n: number) => 'mycket långa ord '.repeat(Math.ceil(n / 17)).slice(0, n).trim();
    const body = textLimits.body.max;
    expect(errorCode((await p.as('UANNA', `progress done: ${words(body)} next: ${long(body)}`)).outcome)).toBeUndefined();
    const meeting = await p.as('UANNA', `meeting ${long(textLimits.title.max)} cluster:Rymd\ndecision: ${words(body)}\naction: @Anna ${long(body - 40)} due:2026-03-20`);
    expect(errorCode(meeting.outcome)).toBeUndefined();
    expect(errorCode((await p.as('UANNA', `exchange need ${words(textLimits.title.max)}`)).outcome)).toBeUndefined();
    const { outcome, text } = await p.as('UANNA', 'digest preview');
    expect(errorCode(outcome)).toBeUndefined();
    const longest = Math.max(...text.split('\n').map((line) => line.length));
    expect(longest).toBeLessThanOrEqual(digestLineMax);
    expect(text).toContain('(hela texten: `veckorapport visa Rymd`)');
    expect(text).toContain('(hela texten: `möte visa M1`)');
    // What was cut is stored whole.
    expect((await p.as('UANNA', 'meeting show M1')).text).toContain(words(body));
  });
});

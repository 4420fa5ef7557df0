// Every date a person reads in a file is the day in the programme's time zone, never UTC's: at 23:30 UTC on
// New Year's Eve it is already 1 January 2027, 00:30, in Stockholm, and the archive, `export me`, the
// funder export, the handover pack and the digest all say so.
import { parse } from 'csv-parse/sync';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exportFiles } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

const UTC_EVENING = new Date('2026-12-31T23:30:00Z');
const DAY = '2027-01-01';
const LOCAL_TIME = '2027-01-01T00:30:00+01:00';

let opened: OpenedDatabase;
let p: MeetingProgramme;

async function run(user: string, text: string) {
  const r = await p.as(user, text);
  if (errorCode(r.outcome)) throw new Error(`setup failed: ${text}: ${r.text}`);
  return r;
}

const files = async (suffix = '', prefix = '') =>
  (await opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, p.test.programme.id)).orderBy(asc(exportFiles.name))).filter((f) => f.name.startsWith(prefix) && f.name.endsWith(suffix));
const labels = (r: Awaited<ReturnType<MeetingProgramme['as']>>) => (r.outcome.kind === 'reply' ? (r.outcome.reply.links ?? []).map((l) => l.label) : []);

beforeAll(async () => {
  opened = await openTestDatabase();
  p = await meetingProgramme(opened.db);
  p.test.clock.set(UTC_EVENING);
  await run('UANNA', 'meeting Nyårsmöte cluster:Rymd with:@Nils\ndecision: Vi börjar året med en ansökan\naction: @Anna Skicka protokollet due:2027-01-15');
  await run('UANNA', 'done A1');
  await run('UANNA', 'note Rymd Nyckeln till labbet finns i receptionen.');
  await run('UANNA', 'plan gap Rymd area:financing Ingen basfinansiering');
  await run('UANNA', 'plan action G1 Ring regionen owner:@Anna due:2027-02-01');
  await run('UANNA', 'plan done P1');
  await run('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar tags:"eu projects"');
  await run('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
  await run('UANNA', 'exchange accept X1');
  await run('UERIK', 'exchange accept X1');
  await run('UANNA', 'exchange done X1 learned: Börja med en skiss på en sida.');
});
afterAll(async () => opened.close());

describe('at 23:30 UTC, files say the Stockholm day (00:30 the next day)', () => {
  it('the archive is «Framtaget» on the Stockholm day, and its records carry Stockholm days', async () => {
    const reply = await run('UPM', 'archive export');
    expect(labels(reply).every((l) => l.endsWith(`-${DAY}.html`) || l.endsWith(`-${DAY}.json`))).toBe(true);
    const html = (await files('.html'))[0]!.content;
    expect(html).toContain(`Framtaget ${DAY}`);
    const data = JSON.parse((await files('.json'))[0]!.content) as Record<string, Record<string, unknown>[]> & { generatedAt: string };
    expect(data.generatedAt).toBe(LOCAL_TIME);
    expect(data.meetings![0]).toMatchObject({ id: 'M1', date: DAY, actions: [{ id: 'A1', done: DAY }] });
    // The note and the exchange's learning (kept as a note too).
    expect(new Set(data.notes!.map((n) => n.date))).toEqual(new Set([DAY]));
    expect(data.plans![0]).toMatchObject({ id: 'G1', actions: [{ id: 'P1', done: DAY }] });
    expect(data.exchanges!.map((e) => e.date)).toEqual([DAY, DAY]);
    expect(JSON.stringify(data)).not.toContain('2026-12-31');
  });

  it('export me names its files by the Stockholm day and writes times with the Stockholm offset', async () => {
    const reply = await run('UANNA', 'export me');
    const mine = await files('', 'loket-my-data-');
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.every((f) => f.name.startsWith(`loket-my-data-${DAY}`)), mine.map((f) => f.name).join()).toBe(true);
    expect(labels(reply).every((l) => l.startsWith(`loket-my-data-${DAY}`))).toBe(true);
    const json = JSON.parse(mine.find((f) => f.name.endsWith('.json'))!.content) as { exportedAt: string; tables: Record<string, Record<string, unknown>[]> };
    expect(json.exportedAt).toBe(LOCAL_TIME);
    // Anna's own rows, written this evening, read as 1 January in both the JSON and the CSV files.
    expect(new Set(json.tables.notes!.map((n) => n.created_at))).toEqual(new Set([LOCAL_TIME]));
    for (const f of mine) expect(f.content, f.name).not.toMatch(/2026-12-31T23:30/);
    const csv = parse(mine.find((f) => f.name.endsWith('-notes.csv'))!.content, { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(new Set(csv.map((r) => r.skapad))).toEqual(new Set([LOCAL_TIME]));
  });

  it("the funder export's default period is the Stockholm quarter and the meeting is dated that day", async () => {
    const reply = await run('UPM', 'export');
    expect(labels(reply)).toEqual([`loket-${DAY}-2027-03-31-indicators.csv`, `loket-${DAY}-2027-03-31-activities.csv`, `loket-${DAY}-2027-03-31-participants.csv`, `loket-${DAY}-2027-03-31-evaluations.csv`]);
    const [activities] = await files('-activities.csv', `loket-${DAY}`);
    expect((parse(activities!.content, { delimiter: ';', columns: true }) as Record<string, string>[]).map((r) => [r.id, r.datum])).toEqual([['M1', DAY]]);
    const json = await run('UPM', 'export format:json');
    expect(labels(json)).toEqual([`loket-${DAY}-2027-03-31.json`]);
  });

  it('the handover pack dates its plan action and its learning by the Stockholm day', async () => {
    await run('UANNA', 'handover pack Rymd');
    const md = (await files('.md'))[0]!.content;
    expect(md).toContain(`Framtaget ${DAY}`);
    expect(md).toContain(`P1 Ring regionen – Anna – 2027-02-01 – klar ${DAY}`);
    expect(md).toContain(`X1 ${DAY} Anna: Börja med en skiss på en sida.`);
    expect(md).not.toContain('2026-12-31');
  });

  it('the digest shows an action created and completed this week as done, never as a new action', async () => {
    const { text } = await run('UANNA', 'digest preview');
    expect(text).toContain('Klar åtgärd A1: Skicka protokollet (Anna)');
    expect(text).not.toContain('Ny åtgärd A1');
  });
});

describe('replies that date a stored instant use the Stockholm day too', () => {
  it('a legal hold placed at 23:30 UTC is listed as held since the Stockholm day', async () => {
    await run('UPM', 'hold M1 reason:"Revision pågår"');
    const { text } = await run('UPM', 'privacy flags');
    expect(text).toContain(`M1: Revision pågår (sedan ${DAY})`);
  });
});

describe('a new action still open shows as new in the digest', () => {
  it('lists an open action of this week as «Ny åtgärd»', async () => {
    await run('UANNA', 'meeting Uppföljning cluster:Rymd\naction: @Nils Boka lokal due:2027-01-20');
    const { text } = await run('UANNA', 'digest preview');
    expect(text).toContain('Ny åtgärd A2: Boka lokal (Nils, senast 2027-01-20)');
  });
});

describe('days the database derives from a stored instant are Stockholm days (the session speaks LOKET_TIMEZONE)', () => {
  it('a note written at 23:30 UTC is «senast granskad» on the Stockholm day when it falls due for review', async () => {
    const later = await meetingProgramme(opened.db);
    later.test.clock.set(UTC_EVENING);
    expect(errorCode((await later.as('UANNA', 'note Rymd Nyckeln till labbet finns i receptionen.')).outcome)).toBeUndefined();
    later.test.clock.set(new Date('2027-07-15T10:00:00Z'));
    const { text } = await later.as('UPM', 'status continuity Rymd');
    expect(text).toContain(`senast granskad ${DAY}`);
    expect(text).not.toContain('2026-12-31');
  });
});

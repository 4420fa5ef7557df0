// Files LOKET hands out are safe to open: what people typed cannot run as markup in the handover pack's
// Markdown or the archive's HTML, nor as a formula in a spreadsheet opening a CSV export, while ordinary
// text (R&D, 2 > 1, a dash inside a sentence) reads as typed.
import { parse } from 'csv-parse/sync';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exportFiles } from '../../../db/schema/index.js';
import { safeCell, toCsv } from '../../../handlers/core/csv.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

const LINK = '<a href="javascript:alert(1)">x</a>';
const IMG = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil","x")';
const MD_LINK = '[klicka](javascript:alert(1))';
const ORDINARY = 'R&D-möte 2 > 1 - uppföljning';

let opened: OpenedDatabase;
let p: MeetingProgramme;

async function run(user: string, text: string) {
  const r = await p.as(user, text);
  if (errorCode(r.outcome)) throw new Error(`setup failed: ${text}: ${r.text}`);
  return r;
}

const files = async (prefix: string, suffix: string) =>
  (await opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, p.test.programme.id)).orderBy(asc(exportFiles.name))).filter((f) => f.name.startsWith(prefix) && f.name.endsWith(suffix));
const csvRows = (content: string) => parse(content, { delimiter: ';', columns: true, relax_quotes: true }) as Record<string, string>[];

beforeAll(async () => {
  opened = await openTestDatabase();
  p = await meetingProgramme(opened.db);
  await run('UANNA', `meeting ${FORMULA} date:2026-02-02 cluster:Rymd with:"+1 Gäst (-2 AB)"\ndecision: ${IMG}\naction: @Anna ${LINK} due:2026-04-01`);
  await run('UANNA', 'meeting "@SUM(A1)" date:2026-02-03 cluster:Rymd');
  await run('UANNA', 'meeting "+1" date:2026-02-04 cluster:Rymd');
  await run('UANNA', `meeting ${ORDINARY} date:2026-02-05 cluster:Rymd\ndecision: ${MD_LINK}`);
  await run('UANNA', `note Rymd -2 är fel, ${MD_LINK} och ${IMG}`);
  await run('UANNA', `plan gap Rymd area:financing ${LINK}`);
  await run('UANNA', `progress done: ${IMG} next: ${ORDINARY}`);
});
afterAll(async () => opened.close());

describe('user text in exported files is neutralised', () => {
  it('the handover pack carries no raw HTML and no Markdown link, and ordinary text reads as typed', async () => {
    await run('UANNA', 'handover pack Rymd');
    const [md] = await files('loket-handover-', '.md');
    const text = md!.content;
    expect(text).not.toMatch(/<a\s/i);
    expect(text).not.toMatch(/<img/i);
    // A link needs an unescaped `](`; the pack writes `\](`, which Markdown shows as the text `](`.
    expect(text).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(text).toContain('&lt;img src=x onerror=alert(1)>');
    expect(text).toContain('&lt;a href="javascript:alert(1)">x&lt;/a>');
    expect(text).toContain('\\[klicka\\](javascript:alert(1))');
    expect(text).toContain(ORDINARY);
  });

  it('the archive page escapes every record, and shows ordinary text as typed once rendered', async () => {
    await run('UPM', 'archive export');
    const [html] = await files('loket-archive-', '.html');
    const page = html!.content;
    expect(page).not.toMatch(/<img src=x/i);
    expect(page).not.toMatch(/<a href="javascript/i);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;');
    expect(page).toContain('R&amp;D-möte 2 &gt; 1 - uppföljning');
    // The embedded JSON cannot close its script element either.
    expect(page).toContain('\\u003cimg src=x onerror=alert(1)>');
  });

  it("the funder export's cells cannot start a formula; ordinary text is untouched", async () => {
    await run('UPM', 'export from:2026-01-01 to:2026-03-31');
    const [activities] = await files('loket-2026-01-01', '-activities.csv');
    const titles = csvRows(activities!.content).map((r) => r.titel);
    expect(titles).toEqual([`'${FORMULA}`, "'@SUM(A1)", "'+1", ORDINARY]);
    const [participants] = await files('loket-2026-01-01', '-participants.csv');
    const guest = csvRows(participants!.content).find((r) => r.namn?.includes('Gäst'))!;
    expect(guest).toMatchObject({ namn: "'+1 Gäst", organisation: "'-2 AB" });
    // The activities' numbers are LOKET's own and stay numbers.
    expect(csvRows(activities!.content).map((r) => r.deltagare)).toEqual(['2', '1', '1', '1']);
  });

  it("export me's cells cannot start a formula either", async () => {
    await run('UANNA', 'export me');
    const [notes] = await files('loket-my-data-', '-notes.csv');
    expect(csvRows(notes!.content).map((r) => r.text)).toEqual([`'-2 är fel, ${MD_LINK} och ${IMG}`]);
    const [meetings] = await files('loket-my-data-', '-meetings.csv');
    expect(csvRows(meetings!.content).map((r) => r.titel)).toEqual([`'${FORMULA}`, "'@SUM(A1)", "'+1", ORDINARY]);
  });
});

describe('safeCell: the one rule every CSV cell passes', () => {
  it('prefixes a cell starting with =, +, -, @, tab or carriage return with an apostrophe', () => {
    expect([FORMULA, '+1', '-2', '@SUM(A1)', '\tx', '\rx'].map(safeCell)).toEqual([`'${FORMULA}`, "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx"]);
  });

  it('leaves ordinary text alone, a dash or sign inside it included', () => {
    expect(['R&D', '2 > 1', 'Möte - uppföljning', 'a=b', 'x@y.se', ''].map(safeCell)).toEqual(['R&D', '2 > 1', 'Möte - uppföljning', 'a=b', 'x@y.se', '']);
  });

  it('toCsv applies it to every string cell and header, never to numbers', () => {
    const csv = toCsv([{ a: '\tx', b: -2 }], ['a', { key: 'b', header: '=b' }]);
    expect(csv).toBe("a;'=b\r\n'\tx;-2\r\n");
  });
});

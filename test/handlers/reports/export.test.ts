import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exportFiles } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { orgs, statusProgramme } from './status-fixture.js';
import { errorCode } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const filesOf = (programmeId: string) => opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, programmeId));
const readCsv = (content: string) => parse(content, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];

describe('export', () => {
  it('CSV files parse back to the same numbers status shows', async () => {
    const p = await statusProgramme(opened.db);
    const reply = await p.as('UPM', 'export format:csv from:2026-01-01 to:2026-03-31');
    expect(reply.text).toContain('Exporten för 2026-01-01 – 2026-03-31 är klar (3 aktiviteter). Länkarna gäller i 7 dagar.');
    expect(reply.outcome.kind === 'reply' && reply.outcome.reply.links?.map((l) => l.label)).toEqual([
      'loket-2026-01-01-2026-03-31-indicators.csv',
      'loket-2026-01-01-2026-03-31-activities.csv',
      'loket-2026-01-01-2026-03-31-participants.csv',
      'loket-2026-01-01-2026-03-31-evaluations.csv',
    ]);
    const files = await filesOf(p.test.programme.id);
    const byName = (suffix: string) => files.find((f) => f.name.endsWith(suffix))!.content;
    // Excel-friendly: `;` between fields, CRLF line ends.
    // The BOM is added on delivery (checked in signed-links.security.test.ts), not stored.
    // Headers in the reader's language; the indicator names stay codes a funder's template looks up.
    expect(byName('indicators.csv').startsWith('indikator;värde;mål\r\n')).toBe(true);
    expect(byName('activities.csv').startsWith('id;datum;typ;titel;kluster;organisationer;organisationsnummer;deltagare\r\n')).toBe(true);
    expect(byName('participants.csv').startsWith('möte;datum;namn;organisation;organisationsnummer;kön;gäst\r\n')).toBe(true);
    const indicators = Object.fromEntries(readCsv(byName('indicators.csv')).map((r) => [r.indikator, Number(r.värde)]));
    expect(indicators).toMatchObject({ activities: 3, organisations: 4, companies: 2, participants: 7, women: 2, men: 2, exchanges: 0, competence: 1, organisations_participated: 3, 'gender:unknown': 3, 'role:guest': 1 });
    const activities = readCsv(byName('activities.csv'));
    expect(activities.map((a) => [a.id, a.datum, a.typ])).toEqual([['M2', '2026-01-15', 'klustermöte'], ['M3', '2026-02-10', 'utbildning'], ['M5', '2026-03-31', 'nätverksmöte för klusterledare']]);
    const orgNumbers = new Set(activities.flatMap((a) => a.organisationsnummer!.split(', ').filter(Boolean)));
    expect(orgNumbers).toEqual(new Set([orgs.A, orgs.B, orgs.C]));
    expect(activities.find((a) => a.id === 'M3')?.organisationer).toBe('Luleå tekniska universitet, Rymdbolaget AB');
    const participants = readCsv(byName('participants.csv'));
    expect(participants).toHaveLength(10); // Petra logged all three and was at each
    expect(new Set(participants.map((r) => r.gäst))).toEqual(new Set(['ja', 'nej']));
    expect(new Set(participants.map((r) => r.kön)).has('okänt')).toBe(true);
    expect(new Set(participants.filter((r) => r.gäst === 'nej').map((r) => r.namn)).size + participants.filter((r) => r.gäst === 'ja').length).toBe(indicators.participants);
    expect(files.every((f) => f.expiresAt.getTime() - p.test.clock.now().getTime() === 7 * 86_400_000)).toBe(true);
  });

  it('an English reader gets English CSV headers', async () => {
    const p = await statusProgramme(opened.db);
    await p.as('UPM', 'profile lang:en');
    await p.as('UPM', 'export format:csv from:2026-01-01 to:2026-03-31');
    const files = await filesOf(p.test.programme.id);
    expect(files.find((f) => f.name.endsWith('indicators.csv'))!.content.startsWith('indicator;value;target\r\n')).toBe(true);
    expect(files.find((f) => f.name.endsWith('participants.csv'))!.content.startsWith('meeting;date;name;organisation;organisation number;gender;guest\r\n')).toBe(true);
    const activities = readCsv(files.find((f) => f.name.endsWith('activities.csv'))!.content);
    expect(activities.map((a) => a.kind)).toEqual(['cluster meeting', 'training', "leaders' network meeting"]);
  });

  it('JSON holds the same figures in one file', async () => {
    const p = await statusProgramme(opened.db);
    await p.as('UPM', 'export Skog format:json');
    const [file] = await filesOf(p.test.programme.id);
    expect(file?.name).toBe('loket-skog-2026-01-01-2026-03-31.json');
    const data = JSON.parse(file!.content) as { indicators: { indicator: string; value: number }[]; activities: unknown[] };
    expect(data.activities).toHaveLength(2);
    expect(data.indicators.find((i) => i.indicator === 'activities')?.value).toBe(2);
  });

  it("a leader exports their own clusters only, and is refused another's; nothing is stored then", async () => {
    const p = await statusProgramme(opened.db);
    const refused = await p.as('UERIK', 'export Rymd');
    expect(errorCode(refused)).toBe('status.not_yours');
    expect(await filesOf(p.test.programme.id)).toEqual([]);
    await p.as('UERIK', 'export format:json');
    const [file] = await filesOf(p.test.programme.id);
    const data = JSON.parse(file!.content) as { activities: { clusters: string }[] };
    expect(data.activities.map((a) => a.clusters)).toEqual(['Skog', 'Rymd, Skog']);
  });

  it('an unknown format or a reversed period is refused and nothing is stored', async () => {
    const p = await statusProgramme(opened.db);
    expect(errorCode(await p.as('UPM', 'export format:xlsx'))).toBe('args.enum_invalid');
    expect(errorCode(await p.as('UPM', 'export from:2026-03-01 to:2026-01-01'))).toBe('date.range_invalid');
    expect(errorCode(await p.as('UNILS', 'export'))).toBe('permission.denied');
    expect(await filesOf(p.test.programme.id)).toEqual([]);
  });
});

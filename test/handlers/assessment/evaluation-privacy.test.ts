import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exportFiles, meetingEvaluations, people } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { privacyProgramme, ZELDA } from '../privacy/privacy-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const codeIn = (reply: { text: string }) => /forget-me confirm ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(reply.text)![1]!;

describe('evaluation answers are personal data', () => {
  it('export me carries only the asker\'s own answer; after forget-me the answer stays in the average, pointing at the pseudonym', async () => {
    const p = await privacyProgramme(opened.db);
    await p.as('UANNA', `meeting Utbildning cluster:Rymd kind:training with:"<@${ZELDA.userId}>, @Nils"`);
    await p.as('UANNA', 'evaluate M2');
    await p.zelda('rate M2 5 A template for member surveys');
    await p.as('UNILS', 'rate M2 3 Nils tar med sig styrelsetips');
    await p.zelda('export me');
    const [json] = await opened.db.select().from(exportFiles).where(and(eq(exportFiles.programmeId, p.test.programme.id), sql`${exportFiles.name} like '%.json'`));
    const data = JSON.parse(json!.content) as { tables: Record<string, Record<string, unknown>[]> };
    expect(data.tables.meeting_evaluations?.map((r) => [r.usefulness, r.comment])).toEqual([[5, 'A template for member surveys']]);
    expect(json!.content).not.toContain('styrelsetips');
    const csv = (await opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, p.test.programme.id))).find((f) => f.name.endsWith('-meeting_evaluations.csv'))!;
    expect(Object.keys((parse(csv.content, { delimiter: ';', columns: true }) as Record<string, string>[])[0]!)).toEqual(expect.arrayContaining(['usefulness', 'comment', 'answered']));

    const asked = await p.zelda('forget-me');
    await p.zelda(`forget-me confirm ${codeIn(asked)}`);
    const [person] = await opened.db.select().from(people).where(and(eq(people.programmeId, p.test.programme.id), eq(people.id, p.zeldaId)));
    expect(person?.displayName).not.toBe(ZELDA.name);
    const rows = await opened.db.select().from(meetingEvaluations).where(eq(meetingEvaluations.programmeId, p.test.programme.id));
    expect(rows.map((r) => r.usefulness).sort()).toEqual([3, 5]);
    const shown = (await p.as('UPM', 'meeting show M2')).text;
    expect(shown).toContain('Utvärdering: 2 av 2 svar, snitt 4,0');
    expect(shown).not.toContain(ZELDA.name);
  });
});

// `plan <cluster>` on a cluster without a plan ends with the command that starts one. A leader copies it from
// the phone as it stands, so it must work as written: a name with spaces quoted, the keys in the reader's
// language (found playing a programme's week in the console: `plan` for «Skog & Trä» suggested
// `plan gap Skog & Trä area:strategy <text>`, which files the gap under a cluster «Skog»).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { planGaps } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('plan on a cluster without a plan', () => {
  it('suggests `plan gap` with the quoted name and Swedish keys, and the suggestion works as written', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UPM', 'cluster add "Skog & Trä" sector:forest');
    await as('UPM', 'cluster role "Skog & Trä" @Olle leader');
    const shown = await as('UOLLE', 'plan "Skog & Trä"');
    expect(shown.text).toContain('Skog & Trä har ingen plan ännu. Börja med `plan brist "Skog & Trä" område:strategi <beskrivning>`.');
    const suggested = /`(plan brist [^`]*)<beskrivning>`/.exec(shown.text)?.[1];
    const added = await as('UOLLE', `${suggested}Ingen gemensam strategi`);
    expect(errorCode(added)).toBeUndefined();
    expect(added.text).toContain('Bristen G1 är tillagd i planen för Skog & Trä (område: strategi)');
    const rows = await opened.db.select().from(planGaps).where(eq(planGaps.programmeId, test.programme.id));
    expect(rows.map((r) => [r.area, r.text])).toEqual([['strategy', 'Ingen gemensam strategi']]);
  });

  it('in English it keeps the English key and quotes the name too', async () => {
    const { as } = await meetingProgramme(opened.db);
    await as('UPM', 'cluster add "Skog & Trä" sector:forest');
    await as('UNILS', 'profile lang:en');
    const shown = await as('UNILS', 'plan "Skog & Trä"');
    expect(shown.text).toContain('Skog & Trä has no plan yet. Start with `plan gap "Skog & Trä" area:strategy <description>`.');
  });
});

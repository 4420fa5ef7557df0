// The handover reply names every moved item on one line of its own: a long or many-lined text is cut at a
// word with «…», never mid-word without a mark, and a line break in a note does not break the list. Found
// playing a programme's week in the console: a 3 000-character note was listed as «N2 Vi träffade … Vi träff»
// and an exchange learning as «… om ”Hjälp med en Interreg-a», while an action item's text was not cut at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode } from '../../support/programme-fixture.js';
import { handoverProgramme, ownership } from './handover-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('handover: the moved items as listed', () => {
  it('cuts long texts at a word with «…» and keeps each item on one line, while the items move whole', async () => {
    const p = await handoverProgramme(opened.db);
    const longNote = `Vi träffade Norrbotten Space AB och LTU om testbädden ${'för små satelliter och deras uppskjutning '.repeat(80)}`.trim();
    expect(errorCode(await p.as('UANNA', `note Rymd ${longNote}`))).toBeUndefined();
    expect(errorCode(await p.as('UANNA', 'note Rymd Rad ett om labbet\nrad två om nyckeln'))).toBeUndefined();
    const longAction = `Skriv utkast till ansökan ${'med budget, tidplan och partnerbrev '.repeat(40)}`.trim();
    expect(errorCode(await p.as('UANNA', `meeting Arbetsmöte date:2026-02-20 cluster:Rymd\naction: @Anna ${longAction} due:2026-04-10`))).toBeUndefined();
    const reply = await p.as('UANNA', 'handover Rymd to:@Dana');
    expect(errorCode(reply.outcome)).toBeUndefined();
    const items = reply.text.split('\n').filter((line) => line.startsWith('  • '));
    const longNoteLine = items.find((line) => line.startsWith('  • N4 '));
    expect(longNoteLine).toMatch(/^ {2}• N4 Vi träffade Norrbotten Space AB och LTU om testbädden för små satelliter och\S*…$/);
    expect(items).toContain('  • N5 Rad ett om labbet rad två om nyckeln');
    const actionLine = items.find((line) => line.startsWith('  • A5 '));
    expect(actionLine).toMatch(/^ {2}• A5 Skriv utkast till ansökan med budget, tidplan och partnerbrev med budget,\S*… \(2026-04-10\)$/);
    for (const line of items) expect(line.length).toBeLessThanOrEqual('  • N12 '.length + 80 + ' (2026-04-10)'.length);
    // What is listed short moves whole.
    const after = await ownership(opened.db, p.test.programme.id);
    expect(after.notes).toMatchObject({ N1: 'Dana', N4: 'Dana', N5: 'Dana' });
    expect(after.actions).toMatchObject({ A1: 'Dana', A5: 'Dana' });
  });
});

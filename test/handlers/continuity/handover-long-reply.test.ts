// Long replies stay within a screen and their figures agree. Found by a user playing the product: a handover of
// a cluster with 21 open action items replied with about 38 lines, one per moved item, said «(21)» moved and
// then «Innehåll: 22 öppna åtgärder» (the pack counts the cluster's open items whoever owns them; one belonged
// to someone else); and a meeting confirmation listed ten of 17 carried-forward items, 29 lines in all.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { actionItems, people } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// About 25 lines: what a reply may take, title and buttons included.
const MAX_LINES = 25;

const actionLines = (owner: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => `action: @${owner} Uppgift ${from + i}`);

describe('a handover of much open work', () => {
  it('names five moved items and the count of the rest, and says what stays with other owners so the pack adds up', async () => {
    const p = await meetingProgramme(opened.db);
    const id = p.test.programme.id;
    const logged = await p.as('UPM', ['meeting Skogsmöte date:2026-02-20 cluster:Skog', ...actionLines('Erik', 8), 'action: @Petra Petras uppgift'].join('\n'));
    expect(errorCode(logged)).toBeUndefined();

    const reply = await p.as('UPM', 'handover Skog to:@Olle');
    expect(errorCode(reply)).toBeUndefined();
    const text = reply.text;
    expect(text).toContain('Åtgärder som nu ägs av den nya ledaren (8)');
    for (const n of [1, 2, 3, 4, 5]) expect(text).toContain(`A${n} Uppgift ${n}`);
    for (const n of [6, 7, 8]) expect(text).not.toContain(`A${n} Uppgift ${n}`);
    expect(text).toContain('… och 3 till: `åtgärder Skog`');
    // Moved (8) and kept by another owner (1) add up to what the pack counts (9).
    expect(text).toContain('Kvar hos andra ägare i klustret: 1 öppen åtgärd och 0 planåtgärder, så paketet nedan räknar 9 öppna åtgärder och 0 öppna planåtgärder.');
    expect(text).toContain('Innehåll: 9 öppna åtgärder');
    expect(text.split('\n').length).toBeLessThanOrEqual(MAX_LINES);

    // Stored: Erik's eight items are Olle's, Petra's stays hers.
    const owners = await opened.db
      .select({ text: actionItems.text, owner: people.displayName })
      .from(actionItems)
      .innerJoin(people, eq(people.id, actionItems.ownerId))
      .where(and(eq(actionItems.programmeId, id), isNull(actionItems.doneAt)));
    expect(owners.filter((o) => o.owner === 'Olle')).toHaveLength(8);
    expect(owners.filter((o) => o.owner !== 'Olle')).toEqual([{ text: 'Petras uppgift', owner: 'Petra' }]);
  });

  it('an English reader gets the same cut and the same reconciliation', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', ['meeting Skogsmöte date:2026-02-20 cluster:Skog', ...actionLines('Erik', 7), 'action: @Petra Petras uppgift'].join('\n'));
    expect(errorCode(await p.as('UPM', 'profile lang:en'))).toBeUndefined();
    const text = (await p.as('UPM', 'handover Skog to:@Olle')).text;
    expect(text).toContain('… and 2 more: `actions Skog`');
    expect(text).toContain('Staying with other owners in the cluster: 1 open action item and 0 plan actions, so the pack below counts 8 open action items and 0 open plan actions.');
  });

  it('a handover where the leader owned all the open work says nothing about other owners', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', ['meeting Skogsmöte date:2026-02-20 cluster:Skog', ...actionLines('Erik', 2)].join('\n'));
    const text = (await p.as('UPM', 'handover Skog to:@Olle')).text;
    expect(text).toContain('Åtgärder som nu ägs av den nya ledaren (2)');
    expect(text).not.toContain('… och');
    expect(text).not.toContain('Kvar hos andra ägare');
  });
});

describe('a meeting confirmation with many carried-forward items', () => {
  it('shows five of them and the count of the rest, and stays within a screen', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode(await p.as('UPM', ['meeting Förra date:2026-02-20 cluster:Skog', ...actionLines('Erik', 17)].join('\n')))).toBeUndefined();
    const reply = await p.as('UPM', ['meeting Nästa date:2026-02-27 cluster:Skog', 'action: @Erik Ny sak'].join('\n'));
    const text = reply.text;
    expect(text).toContain('Öppna åtgärder från tidigare möten (17)');
    const carried = text.slice(text.indexOf('Öppna åtgärder från tidigare möten')).split('\n').filter((line) => /^ {2}• A\d+ /.test(line));
    expect(carried).toHaveLength(5);
    expect(text).toContain('… och 12 till: `åtgärder Skog`');
    expect(text.split('\n').length).toBeLessThanOrEqual(MAX_LINES);
    // Stored: all 17 are still open, and the new meeting's own item too.
    const open = await opened.db.select({ id: actionItems.id }).from(actionItems).where(and(eq(actionItems.programmeId, p.test.programme.id), isNull(actionItems.doneAt)));
    expect(open).toHaveLength(18);
  });
});

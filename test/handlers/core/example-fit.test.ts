// The example under a refusal names one of the programme's own clusters (the asker's first) and a due date
// ahead of today, not the catalog's placeholder «Rymd» or a date that has passed (issue 20).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { managedProgramme } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const exampleLine = (text: string) => text.split('\n').find((line) => /^(Exempel|Example)/.test(line)) ?? '';

async function northAndSea() {
  const p = await managedProgramme(opened.db);
  p.test.clock.set(new Date('2026-12-06T10:00:00Z'));
  expect((await p.as('UPM', 'cluster add Norrskog sektor:skog')).outcome.kind).toBe('reply');
  await p.as('UPM', 'cluster add Hav sektor:marin');
  return p;
}

describe('examples in refusals fit the programme', () => {
  it('a cluster that does not exist is refused with an example naming the asker’s own cluster', async () => {
    const p = await northAndSea();
    await p.as('UNILS', 'join Norrskog', { displayName: 'Nils' });
    const { outcome, text } = await p.as('UNILS', 'join Månen');
    expect(errorCode(outcome)).toBe('cluster.not_found');
    expect(exampleLine(text)).toContain('Norrskog');
    expect(text).not.toContain('Rymd');
  });

  it('a person in no cluster sees one of the programme’s clusters in the example', async () => {
    const p = await northAndSea();
    const { text } = await p.as('UNEW', 'join Månen', { displayName: 'Nyss' });
    expect(exampleLine(text)).toMatch(/Hav|Norrskog/);
    expect(text).not.toContain('Rymd');
  });

  it('an action due before its meeting is refused with an example due two weeks after today, in English too', async () => {
    const p = await northAndSea();
    const sv = await p.as('UPM', 'meeting "Styrgrupp december" date:2026-12-06 cluster:Norrskog\naction: Boka lokal due:2026-12-01');
    expect(errorCode(sv.outcome)).toBe('meeting.due_before_meeting');
    expect(exampleLine(sv.text)).toContain('åtgärd: @anna Boka lokal för workshopen senast:2026-12-20');
    expect(sv.text).not.toContain('2026-03-20');

    await p.as('UPM', 'profile lang:en');
    const en = await p.as('UPM', 'meeting "Board December" date:2026-12-06 cluster:Hav\naction: Book a room due:2026-12-01');
    expect(errorCode(en.outcome)).toBe('meeting.due_before_meeting');
    expect(exampleLine(en.text)).toContain('due:2026-12-20');
  });

  it('a meeting refusal names a real cluster in its example', async () => {
    const p = await northAndSea();
    const { text } = await p.as('UPM', 'meeting cluster:Månen');
    expect(exampleLine(text)).toMatch(/kluster:(Hav|Norrskog)/);
    expect(text).not.toContain('Rymd');
  });
});

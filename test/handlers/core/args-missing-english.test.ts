// A command missing a value says so as a sentence in English too. The English catalog put the value first,
// «{what} is missing.», while most values read as «a text for the note», so an English reader got «a text
// for the note is missing.» with a small letter (found playing a programme's week in the console). Now every
// refusal of that kind reads «Missing: …», whatever value it names, and nothing is stored.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, notes } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('a missing value, in English', () => {
  it('reads «Missing: …» for a text, a name, a person, a successor and an id, with the example, and stores nothing', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UNILS', 'profile lang:en');
    await as('UPM', 'profile lang:en');
    const cases: [string, string, string][] = [
      ['UNILS', 'note Rymd', 'Missing: a text for the note.\nExample: `note Rymd'],
      ['UPM', 'cluster add sector:space', "Missing: the cluster's name.\nExample: `cluster add"],
      ['UPM', 'board add', 'Missing: <@person>.\nExample: `board add @karin`'],
      ['UPM', 'handover Rymd', 'Missing: who takes over (`to:@name`).\nExample: `handover Rymd to:@erik`'],
      // A programme with no meeting yet: the example is the list of meetings, a command that works.
      ['UNILS', 'meeting show', 'Missing: <meeting id>.\nExample: `meetings`'],
    ];
    for (const [user, command, expected] of cases) {
      const reply = await as(user, command);
      expect(errorCode(reply), command).toBe('args.missing');
      expect(reply.text, command).toContain(expected);
      expect(reply.text, command).not.toMatch(/^[a-z].* is missing\./m);
    }
    expect(await opened.db.select().from(notes).where(eq(notes.programmeId, test.programme.id))).toEqual([]);
    expect((await opened.db.select().from(clusters).where(eq(clusters.programmeId, test.programme.id))).map((c) => c.name).sort()).toEqual(['Rymd', 'Skog']);
  });

  it('Swedish stays «Det saknas …»', async () => {
    const { as } = await meetingProgramme(opened.db);
    expect((await as('UNILS', 'note Rymd')).text).toContain('Det saknas en text till anteckningen.');
  });
});

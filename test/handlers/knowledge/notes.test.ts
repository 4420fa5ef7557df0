import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, notes } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function storedNotes(p: MeetingProgramme) {
  return opened.db
    .select({ number: notes.number, text: notes.text, cluster: clusters.name, meetingId: notes.meetingId })
    .from(notes)
    .leftJoin(clusters, eq(clusters.id, notes.clusterId))
    .where(eq(notes.programmeId, p.test.programme.id))
    .orderBy(notes.number);
}

describe('note', () => {
  it('a member adds a note to their cluster, stored as typed with its line breaks, and it is searchable', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UNILS', 'note rymd Kontakt på IRF: Anna Svensson, 0980-790 00.\nBoka testbädden sex veckor i förväg – "helst" på tisdagar.');
    expect(text).toBe('Anteckningen N1 är sparad i Rymd. Alla i programmet hittar den med `sök`.');
    expect(await storedNotes(p)).toEqual([
      { number: 1, text: 'Kontakt på IRF: Anna Svensson, 0980-790 00.\nBoka testbädden sex veckor i förväg – "helst" på tisdagar.', cluster: 'Rymd', meetingId: null },
    ]);
    const found = await p.as('UOLLE', 'search testbädd');
    expect(found.text).toContain('Anteckning N1 · 2026-03-02 · Rymd – ');
  });

  it('a project manager may add a note to any cluster; a quoted cluster name works', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', 'cluster add "Swedish Space Cluster" sector:space');
    expect((await p.as('UPM', 'anteckning "Swedish Space Cluster" ESA-kontakten heter Lena')).text).toContain('N1 är sparad i Swedish Space Cluster');
    expect((await storedNotes(p))[0]?.text).toBe('ESA-kontakten heter Lena');
  });

  it('a leader of another cluster may not, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UERIK', 'note Rymd Kontakt på IRF');
    expect(errorCode(outcome)).toBe('note.not_member');
    expect(text).toContain('Bara medlemmar i Rymd och projektledare kan skriva anteckningar där.');
    expect(text).toContain('Exempel: `gå-med Rymd`');
    expect(await storedNotes(p)).toEqual([]);
  });

  it('someone in no cluster may not run it at all', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode((await p.as('UOLLE', 'note Rymd hej')).outcome)).toBe('permission.denied');
    expect(await storedNotes(p)).toEqual([]);
  });

  it.each([
    ['no text', 'note Rymd', 'args.missing', 'Det saknas en text till anteckningen.'],
    ['an unknown cluster', 'note Fordon Bra kontakt', 'cluster.not_found', 'Jag hittar inget kluster som heter ”Fordon”'],
    ['no cluster', 'note', 'args.missing', 'Det saknas klustrets namn.'],
  ])('%s is refused with an example and nothing is stored', async (_what, command, code, says) => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UNILS', command);
    expect(errorCode(outcome)).toBe(code);
    expect(text).toContain(says);
    expect(text).toContain('Exempel: `anteckning Rymd');
    expect(await storedNotes(p)).toEqual([]);
  });
});

describe('note grammar', () => {
  it('text with a `word:` that is no key, a `>` and a URL is stored exactly as typed', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome } = await p.as('UNILS', 'note Rymd R&D-möte: budget > 2 MSEK, se https://www.esa.int');
    expect(errorCode(outcome)).toBeUndefined();
    expect((await storedNotes(p)).map((n) => n.text)).toEqual(['R&D-möte: budget > 2 MSEK, se https://www.esa.int']);
  });

  it('a cluster name of several words must be quoted: unquoted, the first word is the cluster and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', 'cluster add "Swedish Space Cluster" sector:space');
    const { outcome } = await p.as('UPM', 'note Swedish Space Cluster ESA-kontakten heter Lena');
    expect(errorCode(outcome)).toBe('cluster.not_found');
    expect(await storedNotes(p)).toEqual([]);
  });
});

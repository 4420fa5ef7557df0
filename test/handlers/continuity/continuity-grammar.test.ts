// The continuity commands read their words against their declarations: Swedish keys hand over exactly
// what is meant, and a word that fits nowhere is refused before anything moves or any file is written.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { notes } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';
import { auditActions, ownership, storedFiles } from './handover-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('handover grammar', () => {
  it('till: and från: hand the cluster from its leader to the named person', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', 'överlämna Rymd till:@Dana från:@Anna');
    expect(errorCode(outcome)).toBeUndefined();
    expect(text).toContain('Dana leder nu Rymd efter Anna.');
    expect((await ownership(opened.db, p.test.programme.id)).roles).toEqual(['Rymd:Anna:deputy', 'Rymd:Dana:leader', 'Rymd:Nils:member', 'Skog:Erik:leader']);
  });

  it('a word after the person is refused, and nothing moves and no pack is written', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await ownership(opened.db, p.test.programme.id);
    const { outcome, text } = await p.as('UANNA', 'handover Rymd till:@Dana tack');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”tack”');
    expect(text).toContain('Exempel: `överlämna Rymd till:@erik`');
    expect(await ownership(opened.db, p.test.programme.id)).toEqual(before);
    expect(await auditActions(opened.db, p.test.programme.id, 'handover')).toEqual([]);
    expect(await storedFiles(opened.db, p.test.programme.id)).toEqual([]);
  });

  it('a cluster name of two words must be quoted: the second word is not glued onto the first', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await ownership(opened.db, p.test.programme.id);
    const { outcome, text } = await p.as('UANNA', 'handover Rymd Kiruna to:@Dana');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”Kiruna”');
    expect(await ownership(opened.db, p.test.programme.id)).toEqual(before);
  });

  it('a mistyped till: gets «Menade du» and nothing moves', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await ownership(opened.db, p.test.programme.id);
    const { outcome, text } = await p.as('UANNA', 'handover Rymd tll:@Dana');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `till:@Dana`?');
    expect(await ownership(opened.db, p.test.programme.id)).toEqual(before);
    expect(await storedFiles(opened.db, p.test.programme.id)).toEqual([]);
  });
});

describe('handover pack, note review and archive grammar', () => {
  it('a word after the cluster of a pack is refused and no file is written', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', 'överlämna paket Rymd nu');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”nu”');
    expect(await storedFiles(opened.db, p.test.programme.id)).toEqual([]);
  });

  it('a word after the note id is refused and the note stays unreviewed', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'note Rymd Testbädden i Kiruna bokas via IRF.');
    p.test.clock.set(new Date('2026-09-03T08:00:00Z'));
    const { outcome, text } = await p.as('UANNA', 'anteckning granskad N1 stämmer');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”stämmer”');
    const stored = await opened.db.select({ reviewedAt: notes.reviewedAt }).from(notes).where(eq(notes.programmeId, p.test.programme.id)).orderBy(asc(notes.number));
    expect(stored).toEqual([{ reviewedAt: null }]);
    expect((await p.as('UANNA', 'anteckning granskad n1')).text).toBe('N1 är markerad som granskad 2026-09-03. Nästa översyn om 6 månader.');
  });

  it('an unknown key near none of an archive is refused, and no archive is written', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', 'arkivera Skog format:json');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('`format:` passar inte till `arkiv exportera`.');
    expect(await storedFiles(opened.db, p.test.programme.id)).toEqual([]);
    expect(await auditActions(opened.db, p.test.programme.id, 'archive')).toEqual([]);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog, exportFiles, programmeTargets } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const targetsOf = (programmeId: string) => opened.db.select().from(programmeTargets).where(eq(programmeTargets.programmeId, programmeId));
const filesOf = (programmeId: string) => opened.db.select().from(exportFiles).where(eq(exportFiles.programmeId, programmeId));

describe('target', () => {
  it('target kvinnor 20 sets the target for women', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    expect((await as('UPM', 'target kvinnor 20')).text).toBe('Nytt mål: Kvinnor 20.');
    expect((await as('UPM', 'mål företag 40')).text).toBe('Nytt mål: Företag nådda 40.');
    expect((await targetsOf(test.programme.id)).map((r) => [r.indicator, r.value]).sort()).toEqual([['companies', 40], ['women', 20]]);
  });

  it('«möten» and «meetings» name the activities target, as a project manager says it', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    expect((await as('UPM', 'mål möten 20')).text).toBe('Nytt mål: Aktiviteter 20.');
    expect((await targetsOf(test.programme.id)).map((r) => [r.indicator, r.value])).toEqual([['activities', 20]]);
  });

  it('a word after the value is refused and nothing is stored', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UPM', 'target kvinnor 20 st');
    expect(errorCode(reply)).toBe('args.leftover');
    expect(reply.text).toContain('Jag förstod inte ”st”');
    expect(reply.text).toContain('Exempel: `mål företag 40`');
    expect(await targetsOf(test.programme.id)).toEqual([]);
  });
});

describe('status, export and audit read the period in Swedish and English', () => {
  it('status takes från: and till:', async () => {
    const { as } = await meetingProgramme(opened.db);
    const reply = await as('UPM', 'översikt Rymd från:2026-01-01 till:2026-02-28');
    expect(errorCode(reply)).toBeUndefined();
    expect(reply.text).toContain('2026-01-01');
    expect(reply.text).toContain('2026-02-28');
  });

  it('status all still pages with a plain number', async () => {
    const { as } = await meetingProgramme(opened.db);
    const reply = await as('UPM', 'status alla 1');
    expect(errorCode(reply)).toBeUndefined();
    expect(reply.text).toContain('Rymd');
    expect(reply.text).toContain('Skog');
  });

  it('an impossible date is refused before anything is read', async () => {
    const { as } = await meetingProgramme(opened.db);
    expect(errorCode(await as('UPM', 'status från:2026-02-30'))).toBe('date.invalid');
  });

  it('export with Swedish keys creates the files for that period', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UPM', 'exportera format:json från:2026-01-01 till:2026-03-31');
    expect(errorCode(reply)).toBeUndefined();
    const files = await filesOf(test.programme.id);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.name.endsWith('.json'))).toBe(true);
    const [entry] = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, test.programme.id), eq(auditLog.action, 'export.create')));
    expect(entry?.detail).toMatchObject({ format: 'json', from: '2026-01-01', to: '2026-03-31' });
  });

  it('a mistyped format key gets «Menade du» and no file is made', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UPM', 'export formt:json');
    expect(errorCode(reply)).toBe('args.unknown_key');
    expect(reply.text).toContain('Menade du `format:json`?');
    expect(await filesOf(test.programme.id)).toEqual([]);
  });

  it('audit takes Swedish keys and a cluster after them', async () => {
    const { as } = await meetingProgramme(opened.db);
    const reply = await as('UPM', 'granskning från:2026-01-01 till:2026-12-31 Rymd');
    expect(errorCode(reply)).toBeUndefined();
    expect(reply.text).toContain('Rymd');
  });
});

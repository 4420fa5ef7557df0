// `dashboard` and `dashboard revoke` take no words: anything after them is refused before a link is handed
// out or retired.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { linkGenerations } from '../../../db/schema/index.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const generations = (p: MeetingProgramme) => opened.db.select({ generation: linkGenerations.generation }).from(linkGenerations).where(eq(linkGenerations.programmeId, p.test.programme.id));

describe('dashboard grammar', () => {
  it('the Swedish alias retires every link handed out', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UPM', 'webbvy återkalla');
    expect(text).toContain('Alla länkar som delats ut hittills gäller inte längre');
    expect(await generations(p)).toEqual([{ generation: 1 }]);
  });

  it('a word after dashboard revoke is refused and no link is retired', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', 'dashboard revoke alla');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”alla”: det passar inte in någonstans i `webbvy återkalla`.');
    expect(text).toContain('Exempel: `webbvy återkalla`');
    expect(await generations(p)).toEqual([]);
  });

  it('only a project manager may retire the links', async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode((await p.as('UANNA', 'dashboard revoke')).outcome)).toBe('permission.denied');
    expect(await generations(p)).toEqual([]);
  });
});

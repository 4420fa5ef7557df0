// What `audit` shows for a record: the organisation added, each moved note by its id, a target by the
// indicator's name in the reader's language (found playing the console: «lade till organisation» without a
// name, five identical «flyttade anteckning vid överlämning» lines, «satte mål activities 30» in Swedish).
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode } from '../../support/programme-fixture.js';
import { handoverProgramme } from '../continuity/handover-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const stored = (programmeId: string, action: string) =>
  opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, programmeId), eq(auditLog.action, action))).orderBy(asc(auditLog.id));

describe('audit names what each entry is about', () => {
  it('the organisation added, each moved item by its id and a target by its indicator, in Swedish and English', async () => {
    const p = await handoverProgramme(opened.db);
    await p.as('UANNA', 'note Rymd Passerkort hämtas i receptionen.');
    await p.as('UPM', 'handover Rymd to:@Dana from:@Anna');
    await p.as('UPM', 'target activities 30');
    const id = p.test.programme.id;
    expect((await stored(id, 'organisation.add')).map((r) => r.detail)).toEqual([{ orgNumber: '556677-8899', name: 'Rymdbolaget AB', type: 'company' }]);
    expect((await stored(id, 'note.reassign')).map((r) => r.subjectId)).toEqual(['N1', 'N4']);
    expect((await stored(id, 'target.set')).map((r) => r.detail)).toEqual([{ indicator: 'activities', value: 30 }]);

    const sv = await p.as('UPM', 'logg');
    expect(errorCode(sv)).toBeUndefined();
    expect(sv.text).toMatch(/lade till organisation Rymdbolaget AB \(556677-8899\)/);
    expect(sv.text).toMatch(/flyttade anteckning vid överlämning N1$/m);
    expect(sv.text).toMatch(/flyttade anteckning vid överlämning N4$/m);
    expect(sv.text).toMatch(/flyttade åtgärd vid överlämning A1$/m);
    expect(sv.text).toMatch(/flyttade planåtgärd vid överlämning P1$/m);
    expect(sv.text).toContain('satte mål för aktiviteter: 30');
    expect(sv.text).not.toContain('activities');

    await p.as('UPM', 'profile lang:en');
    const en = await p.as('UPM', 'audit');
    expect(en.text).toContain('added organisation Rymdbolaget AB (556677-8899)');
    expect(en.text).toMatch(/moved a note in a handover N4$/m);
    expect(en.text).toContain('set the target for activities: 30');
  });

  it('a legal hold on a plan gap and a plan action, and its release, by the id typed (G1, P1), and a reviewed note by its id', async () => {
    const p = await handoverProgramme(opened.db);
    const id = p.test.programme.id;
    for (const [user, command] of [
      ['UANNA', 'plan gap Rymd area:financing Ingen basfinansiering'],
      ['UANNA', 'plan action G1 Sök Vinnova-medel owner:@Anna due:2026-06-30'],
      ['UANNA', 'note Rymd Passerkort hämtas i receptionen.'],
      ['UPM', 'hold G1 reason:Tvist'],
      ['UPM', 'hold P1 reason:Tvist'],
      ['UPM', 'hold release P1'],
      ['UANNA', 'note review N1'],
    ] as const) {
      const reply = await p.as(user, command);
      expect(errorCode(reply), `${command}: ${reply.text}`).toBeUndefined();
    }
    expect((await stored(id, 'hold.place')).map((r) => [r.subjectType, r.detail])).toEqual([
      ['G', { id: 'G1', reason: 'Tvist' }],
      ['P', { id: 'P1', reason: 'Tvist' }],
    ]);
    expect((await stored(id, 'hold.release')).map((r) => r.detail)).toEqual([{ id: 'P1', reason: 'Tvist' }]);
    expect(await stored(id, 'note.review')).toHaveLength(1);

    const sv = (await p.as('UPM', 'logg')).text;
    expect(sv).toMatch(/· Petra · satte juridisk spärr på G1$/m);
    expect(sv).toMatch(/· Petra · satte juridisk spärr på P1$/m);
    expect(sv).toMatch(/· Petra · hävde juridisk spärr på P1$/m);
    expect(sv).toMatch(/· Anna · granskade anteckning N1$/m);
    expect(sv).not.toMatch(/spärr på$/m);
    await p.as('UPM', 'profile lang:en');
    const en = (await p.as('UPM', 'audit')).text;
    expect(en).toMatch(/G1$/m);
    expect(en).toMatch(/P1$/m);
  });
});

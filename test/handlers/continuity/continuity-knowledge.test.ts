import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { notes } from '../../../db/schema/index.js';
import { createFakeNotifier } from '../../support/fake-notifier.js';
import { openTestDatabase } from '../../support/test-database.js';
import { weeklyRunner } from '../../support/weekly-runner.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Anna's N1 and Nils's N2 in Rymd, written on 2026-03-02. */
async function setup() {
  const p = await meetingProgramme(opened.db);
  await p.as('UANNA', 'note Rymd Testbädden i Kiruna bokas via IRF, sex veckor i förväg.');
  await p.as('UNILS', 'note Rymd Nyckeln till labbet finns i receptionen.');
  const stored = () => opened.db.select({ n: notes.number, reviewedAt: notes.reviewedAt, reviewMonths: notes.reviewMonths }).from(notes).where(eq(notes.programmeId, p.test.programme.id)).orderBy(asc(notes.number));
  return { p, stored };
}

describe('knowledge freshness', () => {
  it('an entry is due for review after six months and shows in its owner’s status and in the cluster’s', async () => {
    const { p, stored } = await setup();
    expect((await stored()).map((n) => n.reviewMonths)).toEqual([6, 6]);
    p.test.clock.set(new Date('2026-09-01T08:00:00Z'));
    expect((await p.as('UANNA', 'status kontinuitet')).text).not.toContain('behöver ses över');
    p.test.clock.set(new Date('2026-09-03T08:00:00Z'));
    const mine = await p.as('UANNA', 'status kontinuitet');
    expect(mine.text).toContain('Dina kunskapsposter som behöver ses över (1)\n  • N1 Testbädden i Kiruna bokas via IRF, sex veckor i förväg. (Rymd, Anna, senast granskad 2026-03-02) – `anteckning granskad N1`');
    const cluster = await p.as('UANNA', 'status kontinuitet Rymd');
    expect(cluster.text).toContain('Kunskapsposter som behöver ses över (2)');
    expect(cluster.text).toContain('• N2 Nyckeln till labbet finns i receptionen. (Rymd, Nils, senast granskad 2026-03-02)');
  });

  it('the owner marks an entry reviewed and it is fresh for another six months; others may not', async () => {
    const { p, stored } = await setup();
    p.test.clock.set(new Date('2026-09-03T08:00:00Z'));
    const refused = await p.as('UNILS', 'note review N1');
    expect(errorCode(refused.outcome)).toBe('note.review_not_allowed');
    expect(refused.text).toContain('Bara ägaren (Anna)');
    expect((await stored())[0]?.reviewedAt).toBeNull();
    const reply = await p.as('UANNA', 'note review N1');
    expect(reply.text).toBe('N1 är markerad som granskad 2026-09-03. Nästa översyn om 6 månader.');
    expect((await stored())[0]?.reviewedAt?.toISOString()).toBe('2026-09-03T08:00:00.000Z');
    expect((await p.as('UANNA', 'status kontinuitet')).text).not.toContain('Dina kunskapsposter');
    // The cluster's deputy may vouch for a member's entry.
    expect((await p.as('UDANA', 'note keep N2')).text).toContain('N2 är markerad som granskad');
    expect((await p.as('UANNA', 'status kontinuitet Rymd')).text).not.toContain('behöver ses över');
    expect(errorCode((await p.as('UANNA', 'note review M1')).outcome)).toBe('args.id_invalid');
    expect(errorCode((await p.as('UANNA', 'note review N99')).outcome)).toBe('note.review_not_found');
  });

  it("Friday's weekly reminder lists each owner's stale entries once a week", async () => {
    const { p } = await setup();
    const notifier = createFakeNotifier();
    const run = weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id);
    p.test.clock.set(new Date('2026-09-04T07:05:00Z'));
    await run();
    await run();
    const toNils = notifier.to('UNILS');
    expect(toNils).toHaveLength(1);
    expect(toNils[0]!.text).toContain('De här kunskapsposterna har inte setts över på länge.');
    expect(toNils[0]!.text).toContain('N2 Nyckeln till labbet');
    expect(toNils[0]!.reply.buttons).toEqual([{ label: 'Granskad: N2', command: 'note review N2' }]);
    const toAnna = notifier.to('UANNA').filter((m) => m.text.includes('kunskapsposter'));
    expect(toAnna).toHaveLength(1);
    expect(toAnna[0]!.text).toContain('N1 Testbädden');
    expect(toAnna[0]!.text).not.toContain('N2');
  });
});

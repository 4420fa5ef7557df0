import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { jobRuns, people } from '../../../db/schema/index.js';
import { ACTION_REMINDER_JOB } from '../../../handlers/weekly/action-reminder.js';
import { createFakeNotifier } from '../../support/fake-notifier.js';
import { openTestDatabase } from '../../support/test-database.js';
import { weeklyProgramme } from '../../support/weekly-fixture.js';
import { weeklyRunner } from '../../support/weekly-runner.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// Monday 2 March 2026; Thursday's prompt time is 09:00 Stockholm (08:00 UTC).
async function setup() {
  const p = await weeklyProgramme(opened.db, { start: new Date('2026-03-02T08:00:00Z') });
  await p.as('UANNA', 'whoami');
  await p.as('UPM', ['meeting Styrgrupp date:2026-02-20 cluster:Rymd', 'action: <@UANNA|Anna> skriv ansökan due:2026-02-27', 'action: <@UANNA|Anna> boka lokal due:2026-03-10', 'action: <@UANNA|Anna> årsrapport due:2026-06-30', 'action: @me ring Vinnova due:2026-03-06'].join('\n'));
  const notifier = createFakeNotifier();
  const run = weeklyRunner(opened.db, p.test.clock, notifier, p.test.programme.id);
  const at = async (instant: string) => {
    p.test.clock.set(new Date(instant));
    await run();
  };
  // Claim rows are keyed by owner id; the programme's people tell which rows are this test's.
  const runs = async () => {
    const ids = (await opened.db.select({ id: people.id }).from(people).where(eq(people.programmeId, p.test.programme.id))).map((r) => r.id);
    return opened.db.select().from(jobRuns).where(and(eq(jobRuns.job, ACTION_REMINDER_JOB), eq(jobRuns.period, '2026-W10'), inArray(jobRuns.target, ids)));
  };
  return { p, notifier, at, runs };
}

describe('weekly nudge to action owners', () => {
  it('on Thursday each owner gets one message with their overdue and soon-due items, not the later ones', async () => {
    const { p, notifier, at } = await setup();
    await at('2026-03-05T07:55:00Z');
    expect(notifier.sent.filter((m) => m.text.includes('åtgärder'))).toEqual([]);
    await at('2026-03-05T08:00:00Z');
    await at('2026-03-05T08:05:00Z');
    const anna = notifier.to('UANNA').filter((m) => m.text.includes('Dina åtgärder'));
    expect(anna).toHaveLength(1);
    expect(anna[0]!.text).toContain('A1 skriv ansökan – försenad sedan 2026-02-27 (från M1)');
    expect(anna[0]!.text).toContain('A2 boka lokal – klar senast 2026-03-10 (från M1)');
    expect(anna[0]!.text).not.toContain('årsrapport');
    expect(anna[0]!.reply.buttons).toEqual([{ label: 'Visa mina åtgärder', command: 'actions mine' }]);
    expect(notifier.to('UPM').filter((m) => m.text.includes('A4 ring Vinnova'))).toHaveLength(1);
    // Done items are not nudged the week after.
    await p.as('UANNA', 'done A1');
    await p.as('UANNA', 'done A2');
    await at('2026-03-12T08:00:00Z');
    expect(notifier.to('UANNA').filter((m) => m.text.includes('Dina åtgärder'))).toHaveLength(1);
  });

  it('an owner who is away is not nudged, and one claim row per owner and week is written', async () => {
    const { p, notifier, at, runs } = await setup();
    await p.as('UANNA', 'away 2026-03-04 2026-03-06');
    await at('2026-03-05T08:00:00Z');
    expect(notifier.to('UANNA').filter((m) => m.text.includes('Dina åtgärder'))).toEqual([]);
    expect((await runs()).map((r) => r.status)).toEqual(['done']);
  });
});

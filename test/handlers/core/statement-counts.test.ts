// Issue 21: the statements each writing-path command sends, pinned, so a change that adds a round trip fails
// here rather than in a benchmark. A pinned number changes only together with its row in
// docs/benchmarks.md ("Statements per command"). Counted through Drizzle's logger: every statement in the
// command's transaction, savepoints included; BEGIN and COMMIT (two more round trips) are not in the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
const seen: string[] = [];
/** Statements sent in one synchronous run (Promise.all of several) cost the command one wait: the driver
 *  runs them one after another on the transaction's connection, each in one round trip of its own
 *  (db/postgres-driver.ts), with no turn of Node between them. A statement logged in a later run waited for
 *  an earlier one's result: a new wait, counted here as a round trip.
 *  The flag is cleared by a microtask queued when the first statement of a run is logged, which runs before
 *  any result of that statement can arrive. */
let roundTrips = 0;
let inRun = false;
beforeAll(async () => {
  opened = await openTestDatabase({
    onStatement: (statement) => {
      if (!inRun) {
        roundTrips += 1;
        inRun = true;
        queueMicrotask(() => (inRun = false));
      }
      seen.push(`${roundTrips}: ${statement}`);
    },
  });
});
afterAll(async () => opened.close());

/** The statements one message sends, after a warm-up run of the same kind so caches are as in production. */
async function statementsOf(p: MeetingProgramme, user: string, text: string): Promise<string[]> {
  seen.length = 0;
  roundTrips = 0;
  const { outcome, text: reply } = await p.as(user, text);
  expect(errorCode(outcome), reply).toBeUndefined();
  trips.push(roundTrips);
  return [...seen];
}
const trips: number[] = [];

/** Statements per command; before issue 21: note 12, meeting 21, progress 12, exchange accept 11, status 19,
 *  status <cluster> 18 (docs/benchmarks.md has what each one is). */
const PINNED = {
  note: 4,
  meeting: 11,
  progress: 5,
  exchangeAccept: 5,
  // Right after a write, so report_cache (db/report-cache.repository.ts) recomputes its three figures: for
  // each a check, the statement and the stored row, and once the lock and the log's delete (14 before it).
  status: 23,
  // Another scope, with nothing written since: its figures are computed and stored (12 before the cache).
  statusCluster: 19,
  // Again with nothing written: each figure is one read of its cached row, in place of its statement. 13
  // until issue 23 added the overview's average rating per meeting kind, sent with the other reads.
  statusWarm: 14,
  statusClusterWarm: 12,
};

/** Waits for those statements (statements sent together count once); BEGIN and COMMIT not counted, nor the
 *  delivery claim and stored answer of a command from the inbox (they share round trips with the command's
 *  own first and last statements). */
const PINNED_ROUND_TRIPS = {
  note: 3,
  meeting: 7,
  progress: 4,
  exchangeAccept: 4,
  // Recomputing the cached figures costs round trips (6 and 5 before the cache); reading them saves one.
  status: 13,
  statusCluster: 10,
  statusWarm: 5,
  statusClusterWarm: 4,
};

describe('statements per command (docs/benchmarks.md)', () => {
  it('note, meeting, progress, exchange accept and status send the pinned number of statements', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'note Rymd Första anteckningen');
    const counts: Record<keyof typeof PINNED, number> = {
      note: (await statementsOf(p, 'UANNA', 'note Rymd Testbädden i Kiruna är bokad för maj')).length,
      meeting: (await statementsOf(p, 'UANNA', ['meeting "Styrgrupp" cluster:Rymd', 'decision: Vi söker Vinnova', 'decision: Nästa möte i Luleå', 'action: @Nils Skriv utkast due:2026-03-20', 'action: @Dana Boka lokal due:2026-03-25'].join('\n'))).length,
      progress: (await statementsOf(p, 'UANNA', 'progress done: Skickade Vinnova-utkast next: Interreg mood:green')).length,
      exchangeAccept: 0,
      status: (await statementsOf(p, 'UPM', 'status')).length,
      statusCluster: (await statementsOf(p, 'UPM', 'status Rymd')).length,
      statusWarm: (await statementsOf(p, 'UPM', 'status')).length,
      statusClusterWarm: (await statementsOf(p, 'UPM', 'status Rymd')).length,
    };
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar tags:"eu projects"');
    await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
    const tripsBefore = trips.length;
    counts.exchangeAccept = (await statementsOf(p, 'UANNA', 'exchange accept X1')).length;
    const [note, meeting, progress, status, statusCluster, statusWarm, statusClusterWarm] = trips.slice(tripsBefore - 7, tripsBefore);
    const roundTripsOf = { note, meeting, progress, exchangeAccept: trips.at(-1), status, statusCluster, statusWarm, statusClusterWarm };
    if (process.env.SHOW_STATEMENTS) for (const text of (process.env.SHOW_STATEMENTS ?? '').split('|')) console.log((await statementsOf(p, text.startsWith('status') ? 'UPM' : 'UANNA', text.replace(/\\n/g, '\n'))).map((s) => s.slice(0, 230)).join('\n'));
    expect(counts).toEqual(PINNED);
    expect(roundTripsOf).toEqual(PINNED_ROUND_TRIPS);
  });
});

describe('commands run at once (issue 21)', () => {
  it('follow the connection pool and the cores, keeping one connection free', async () => {
    const { commandsAtOnceFor } = await import('../../../handlers/core/inbox.js');
    expect(commandsAtOnceFor(10, 2)).toBe(8);
    expect(commandsAtOnceFor(10, 8)).toBe(9);
    expect(commandsAtOnceFor(20, 2)).toBe(8);
    expect(commandsAtOnceFor(1, 2)).toBe(1);
  });
});

// Fuzzing the core with hostile commands built from the real verb table: whatever is typed, every message
// gets a clear reply (never the generic apology that marks an unexpected exception), and a refused
// command leaves every programme table exactly as it was.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import pino from 'pino';
import { renderPlainText } from '../../../handlers/core/reply.js';
import { createLoketCore } from '../../../handlers/registry.js';
import type { ProcessIncoming } from '../../../handlers/core/incoming.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase, testDatabaseUrl } from '../../support/test-database.js';
import { openDatabase } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import { testSettings } from '../../support/test-core.js';
import { commandText, fuzzOptions, numRuns, fuzzTimeout } from './arbitraries.js';

let opened: OpenedDatabase;
let p: MeetingProgramme;
/** The same core, with a logger whose last error the failure message shows. */
let core: ProcessIncoming;
let lastError = '';

/** A fresh migrated database with the fixture programme, and a core over it whose last error the
 *  failure message shows. */
async function freshProgramme() {
  opened = await openFuzzDatabase();
  p = await meetingProgramme(opened.db);
  for (const setup of ['meeting Styrgrupp cluster:Rymd\naction: @Nils Boka lokal\ndecision: Kör', 'note Rymd Kunskap', 'plan gap Rymd area:financing Saknar medfinansiering']) {
    const { outcome } = await p.as('UANNA', setup);
    if (outcome.kind !== 'reply' || outcome.reply.error) throw new Error(`setup failed: ${setup}`);
  }
  const logger = pino({ level: 'error' }, { write: (line: string) => void (lastError = line.slice(0, 2000)) });
  core = createLoketCore({ db: opened.db, clock: p.test.clock, logger, settings: testSettings });
}

beforeAll(freshProgramme);
afterAll(async () => opened.close());

// Embedded PGlite (0.5) has failed a COMMIT with "CommitTransactionCommand: unexpected state DEFAULT" on a
// multi-kilobyte command after some hundred others in one instance — an engine fault never seen on Postgres
// nor in a fresh instance, reported for its own investigation rather than hidden by a fixed seed. So the
// core is fuzzed on real Postgres wherever one is configured (CI), in rounds of 250 on a fresh database.
async function openFuzzDatabase(): Promise<OpenedDatabase> {
  const url = testDatabaseUrl('optional');
  if (!url) return openTestDatabase();
  const postgres = await openDatabase({ databaseUrl: url, dataDir: '', maxConnections: 2 });
  await migrate(postgres.db);
  return postgres;
}
const ROUND = 250;

// Every table that holds a programme's records; a refused command must change none of them.
const TABLES = [
  'meetings', 'meeting_clusters', 'meeting_participants', 'meeting_organisations', 'decisions', 'action_items', 'notes', 'clusters',
  'memberships', 'people', 'programme_roles', 'plan_gaps', 'plan_actions', 'plan_reviews', 'progress_notes', 'absences',
  'exchange_posts', 'exchange_proposals', 'digest_subscriptions', 'programme_targets', 'export_files', 'one_time_codes', 'audit_log',
];

async function snapshot(programmeId: string): Promise<string> {
  const counts = TABLES.map((table) => sql`(select count(*) from ${sql.identifier(table)} where programme_id = ${programmeId}::uuid)`);
  const result = await opened.db.execute(sql`select json_build_array(${sql.join(counts, sql`, `)}) as counts`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { counts: unknown }[];
  return JSON.stringify(rows[0]!.counts);
}

describe('the core under hostile commands', () => {
  it(`answers every one of ${numRuns} commands clearly and stores nothing for a refused one`, async () => {
    let refused = 0;
    // Counting is the slow part, so the counts are taken again only after a command that stored something.
    let last: string | undefined;
    for (let round = 0; round * ROUND < numRuns; round++) {
      if (round > 0) {
        await opened.close();
        await freshProgramme();
        last = undefined;
      }
      await fc.assert(
        fc.asyncProperty(commandText, fc.constantFrom('UPM', 'UANNA', 'UNILS', 'UOLLE', 'UNEW'), async (text, user) => {
          const before = last ?? (await snapshot(p.test.programme.id));
          lastError = '';
          const outcome = await core({ platform: 'slack', workspaceId: p.workspaceId, userId: user, text });
          expect(outcome.kind).toBe('reply');
          if (outcome.kind !== 'reply') return;
          expect(outcome.reply.error?.code, `unexpected failure for ${JSON.stringify(text.slice(0, 200))} (${text.length} characters): ${lastError}`).not.toBe('error.generic');
          expect(renderPlainText(outcome.reply).trim()).not.toBe('');
          if (outcome.reply.error) {
            refused += 1;
            expect(await snapshot(p.test.programme.id)).toBe(before);
            last = before;
          } else last = undefined;
        }),
        { ...fuzzOptions, numRuns: Math.min(ROUND, numRuns - round * ROUND) },
      );
    }
    // The generator reaches the handlers' refusals, not only the parser's.
    expect(refused).toBeGreaterThan(numRuns / 4);
  }, fuzzTimeout);
});

// A stored command whose run fails because the database is away (issue 24, item 2): it waits for the
// database and runs again (bot/inbox-runner.ts runStored), so its user gets the real answer, never "try
// again"; one still failing after the hold is left unanswered for inbox recovery; a command that fails while
// the database answers is a bug and gets the apology as before; a refusal passes through. The real core on
// the test database, whose transactions fail while the test says the database is down.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { runStored } from '../../bot/inbox-runner.js';
import type { Database } from '../../db/database.js';
import type { OpenedDatabase } from '../../db/client.js';
import { isUnfinishedFailure } from '../../handlers/core/inbox.js';
import type { IncomingMessage, Outcome, ProcessIncoming } from '../../handlers/core/incoming.js';
import { renderPlainText } from '../../handlers/core/reply.js';
import { openTestDatabase } from '../support/test-database.js';
import { managedProgramme, silentLogger } from '../support/test-core.js';

let opened: OpenedDatabase;
let down = false;
let core: ProcessIncoming;
let workspaceId: string;
const cluster = `Outage${randomUUID().slice(0, 6)}`;

/** The test database, whose transactions are refused like a stopped Postgres's while `down`. */
function flaky(db: Database): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'transaction' && down) {
        return async () => {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

beforeAll(async () => {
  opened = await openTestDatabase();
  const programme = await managedProgramme(flaky(opened.db));
  core = programme.test.core;
  workspaceId = programme.workspaceId;
  expect((await programme.as('UPM', `cluster add ${cluster} sector:space`)).text).toContain(cluster);
});
afterAll(async () => opened?.close());

const message = (text: string): IncomingMessage => ({ platform: 'slack', workspaceId, userId: 'UPM', text, deliveryKey: { source: 'slack-command', key: randomUUID() }, stored: true });
const shown = (outcome: Outcome) => (outcome.kind === 'reply' ? renderPlainText(outcome.reply) : '(nothing)');
/** Notes whose text ends with `marker` (postgres.js returns rows, PGlite a result with rows). */
async function stored(marker: string): Promise<number> {
  const result = (await opened.db.execute(sql`select count(*)::int as n from notes where text like ${`%${marker}`}`)) as unknown as { rows?: { n: number }[] } & { n: number }[];
  return Number((result.rows ?? result)[0]!.n);
}

describe('a stored command during a database outage', () => {
  it('waits for the database and answers with the real answer, stored once: nobody is told to try again', async () => {
    let runs = 0;
    const counted: ProcessIncoming = async (m) => {
      runs += 1;
      return core(m);
    };
    const resumed: IncomingMessage[] = [];
    const run = runStored({ core: counted, inbox: { resume: async (m) => (resumed.push(m), true) }, ping: async () => !down, logger: silentLogger, holdMs: 10_000 });
    down = true;
    const answer = run(message(`note ${cluster} Under avbrottet A1`));
    setTimeout(() => (down = false), 700);
    const outcome = await answer;
    expect(isUnfinishedFailure(outcome)).toBe(false);
    expect(shown(outcome)).toMatch(/sparad/);
    expect(shown(outcome)).not.toMatch(/Något gick fel/);
    expect(runs).toBe(2);
    expect(resumed).toHaveLength(1);
    expect(await stored('Under avbrottet A1')).toBe(1);
  });

  it('still down after the hold: left unanswered (recovery runs it later), nothing stored', async () => {
    const run = runStored({ core, inbox: { resume: async () => true }, ping: async () => !down, logger: silentLogger, holdMs: 600 });
    down = true;
    try {
      const outcome = await run(message(`note ${cluster} Under avbrottet B2`));
      expect(outcome).toEqual({ kind: 'duplicate' });
    } finally {
      down = false;
    }
    expect(await stored('Under avbrottet B2')).toBe(0);
  });

  it('taken over by recovery while it waited: this process answers nothing, recovery does', async () => {
    let runs = 0;
    const counted: ProcessIncoming = async (m) => {
      runs += 1;
      return core(m);
    };
    const run = runStored({ core: counted, inbox: { resume: async () => false }, ping: async () => !down, logger: silentLogger, holdMs: 10_000 });
    down = true;
    const answer = run(message(`note ${cluster} Under avbrottet C3`));
    setTimeout(() => (down = false), 300);
    expect(await answer).toEqual({ kind: 'duplicate' });
    expect(runs).toBe(1);
    expect(await stored('Under avbrottet C3')).toBe(0);
  });

  it('failing while the database answers is a bug: the apology, after one more try', async () => {
    let runs = 0;
    const broken: ProcessIncoming = async (m) => {
      runs += 1;
      down = true;
      try {
        return await core(m);
      } finally {
        down = false;
      }
    };
    const run = runStored({ core: broken, inbox: { resume: async () => true }, ping: async () => true, logger: silentLogger, holdMs: 10_000 });
    const outcome = await run(message(`note ${cluster} Trasig D4`));
    expect(isUnfinishedFailure(outcome)).toBe(true);
    expect(shown(outcome)).toMatch(/Något gick fel/);
    expect(runs).toBe(2);
    expect(await stored('Trasig D4')).toBe(0);
  });

  it('a refusal and an unstored message pass straight through, run once', async () => {
    let runs = 0;
    const counted: ProcessIncoming = async (m) => {
      runs += 1;
      return core(m);
    };
    const run = runStored({ core: counted, inbox: { resume: async () => true }, ping: async () => true, logger: silentLogger });
    const refused = await run(message('note NoSuchCluster'));
    expect(refused.kind === 'reply' && refused.reply.error).toBeTruthy();
    expect(isUnfinishedFailure(refused)).toBe(false);
    down = true;
    try {
      const unstored = await run({ ...message(`note ${cluster} Ej lagrad E5`), stored: false });
      expect(isUnfinishedFailure(unstored)).toBe(true);
    } finally {
      down = false;
    }
    expect(runs).toBe(2);
    expect(await stored('Ej lagrad E5')).toBe(0);
  });
});

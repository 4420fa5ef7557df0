// What a restart finds in the inbox, and what it does with it: a command whose process died before the
// commit runs once; one that committed but never answered gets its stored answer, without running again;
// an expired response_url sends the answer to the user's DM; a day-old command is dropped with a log line.
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInboxRepository } from '../../../db/inbox.repository.js';
import { clusters } from '../../../db/schema/index.js';
import { createInbox } from '../../../handlers/core/inbox.js';
import { createInboxRecovery } from '../../../handlers/core/inbox-recovery.js';
import { createTurns } from '../../../handlers/core/inbox-turns.js';
import type { IncomingMessage, ProcessIncoming } from '../../../handlers/core/incoming.js';
import { createSlackInboxDeliverer } from '../../../bot/inbox-slack.js';
import { FORM_CONTENT_TYPE, slashCommandBody, startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { createTestCore, uniqueWorkspaceId, type TestCore } from '../../support/test-core.js';
import { USER_ID, sharedTestDatabase, shownText, startSlackHarness } from '../slack/slack-harness.js';

const database = sharedTestDatabase();
let fake: FakeSlackApi;
let test: TestCore;
let teamId: string;
let coreCalls: number;
const logs: Record<string, unknown>[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });

beforeAll(async () => {
  await database.open();
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
  await database.close();
});
beforeEach(async () => {
  test = await createTestCore({ db: database.db });
  teamId = uniqueWorkspaceId('T');
  await test.connectWorkspace('slack', teamId);
  await test.makeManager('slack', teamId, USER_ID, 'anna.berg');
  coreCalls = 0;
});
afterEach(() => {
  logs.length = 0;
});

const counted = (): ProcessIncoming => (message) => {
  coreCalls += 1;
  return test.core(message);
};

function setUp() {
  const inbox = createInbox({ db: database.db, clock: test.clock, logger });
  const deliverer = createSlackInboxDeliverer({ botToken: 'xoxb-test', apiUrl: fake.url, logger });
  const recovery = createInboxRecovery({ db: database.db, clock: test.clock, logger, core: counted(), deliverers: { slack: deliverer }, defaultLanguage: 'sv' });
  return { inbox, recovery, repo: createInboxRepository({ db: database.db }) };
}

function slashMessage(text: string): { message: IncomingMessage; replyTo: Record<string, unknown>; trigger: string } {
  const trigger = `trig.${uniqueWorkspaceId('')}`;
  const message: IncomingMessage = { platform: 'slack', workspaceId: teamId, userId: USER_ID, channelId: 'C0KLUSTER1', text, deliveryKey: { source: 'slack.command', key: trigger } };
  return { message, trigger, replyTo: { responseUrl: fake.responseUrl(trigger), channelId: 'C0KLUSTER1', userId: USER_ID, teamId } };
}

const clustersNamed = (name: string) =>
  database.db.select().from(clusters).where(and(eq(clusters.programmeId, test.programme.id), eq(clusters.name, name)));

describe('recovering the inbox after a crash', () => {
  it('a command stored but never processed is run once after its lease runs out, and answered through its response_url', async () => {
    const { inbox, recovery, repo } = setUp();
    const { message, replyTo, trigger } = slashMessage('cluster add Rymd sector:space');
    expect(await inbox.admit(message, replyTo)).toEqual({ kind: 'admitted' });

    // Still leased to the process that took it: not touched yet.
    expect((await recovery.recoverOnce()).replied).toBe(0);
    test.clock.advance(31_000);
    expect((await recovery.recoverOnce()).replied).toBe(1);
    expect((await recovery.recoverOnce()).replied).toBe(0);

    const response = fake.responses.find((r) => r.id === trigger);
    expect(shownText(response?.body)).toContain('Klustret ”Rymd” (sektor: space) är tillagt');
    expect(await clustersNamed('Rymd')).toHaveLength(1);
    expect((await repo.find('slack.command', trigger)).row?.status).toBe('replied');
    expect(coreCalls).toBe(1);
  });

  it('a command committed before the crash but never answered gets its stored answer without running again', async () => {
    const { inbox, recovery, repo } = setUp();
    const { message, replyTo, trigger } = slashMessage('cluster add Skog sector:forest');
    await inbox.admit(message, replyTo);
    // The process committed the command (the core writes its answer into the row), then died.
    await test.core({ ...message, stored: true });
    expect((await repo.find('slack.command', trigger)).row?.status).toBe('answered');

    test.clock.advance(31_000);
    await recovery.recoverOnce();

    expect(coreCalls).toBe(0);
    expect(shownText(fake.responses.find((r) => r.id === trigger)?.body)).toContain('Klustret ”Skog”');
    expect(await clustersNamed('Skog')).toHaveLength(1);
    expect((await repo.find('slack.command', trigger)).row?.status).toBe('replied');
  });

  it('after 30 minutes the response_url has expired, so the answer goes to the user’s DM and says it was delayed', async () => {
    const { inbox, recovery } = setUp();
    const { message, replyTo, trigger } = slashMessage('cluster add Turism sector:tourism');
    await inbox.admit(message, replyTo);
    test.clock.advance(31 * 60_000);
    await recovery.recoverOnce();

    expect(fake.responses.find((r) => r.id === trigger)).toBeUndefined();
    const dm = fake.callsTo('chat.postMessage').find((c) => c.body['channel'] === USER_ID);
    expect(shownText(dm?.body)).toContain('Ditt kommando `/loket cluster add Turism sector:tourism` är utfört, men svaret blev försenat');
    expect(shownText(dm?.body)).toContain('Klustret ”Turism”');
    expect(await clustersNamed('Turism')).toHaveLength(1);
  });

  it('a command older than a day is dropped unprocessed, with a log line saying so', async () => {
    const { inbox, recovery, repo } = setUp();
    const { message, replyTo, trigger } = slashMessage('cluster add Gammal sector:space');
    await inbox.admit(message, replyTo);
    test.clock.advance(25 * 60 * 60_000);
    expect((await recovery.recoverOnce()).dropped).toBe(1);

    expect(coreCalls).toBe(0);
    expect(await clustersNamed('Gammal')).toHaveLength(0);
    expect((await repo.find('slack.command', trigger)).row?.status).toBe('dropped');
    expect(logs.some((l) => l['msg'] === 'inbox command older than a day dropped unprocessed')).toBe(true);
  });

  it('a command still waiting for its turn when its lease ran out is answered by recovery, and the waiting process then skips it', async () => {
    const { inbox, recovery } = setUp();
    const { message, replyTo, trigger } = slashMessage('cluster add Kö sector:space');
    await inbox.admit(message, replyTo);
    test.clock.advance(31_000);
    await recovery.recoverOnce();

    expect(await inbox.resume(message)).toBe(false);
    expect(fake.responses.filter((r) => r.id === trigger)).toHaveLength(1);
    expect(await clustersNamed('Kö')).toHaveLength(1);
  });

  it('a command that waited more than a third of its lease asks the inbox before it runs, and skips what recovery took', async () => {
    const { inbox, recovery } = setUp();
    const { message, replyTo, trigger } = slashMessage('cluster add Sen sector:space');
    await inbox.admit(message, replyTo);
    test.clock.advance(31_000);
    await recovery.recoverOnce();

    expect(await inbox.resume(message, 11_000)).toBe(false);
    expect(fake.responses.filter((r) => r.id === trigger)).toHaveLength(1);
    expect(await clustersNamed('Sen')).toHaveLength(1);
  });

  it('a command whose turn comes within its lease stays with the process that took it', async () => {
    const { inbox, recovery } = setUp();
    const { message, replyTo, trigger } = slashMessage('cluster add Egen sector:space');
    await inbox.admit(message, replyTo);
    expect(await inbox.resume(message)).toBe(true);
    test.clock.advance(20_000);
    expect((await recovery.recoverOnce()).replied).toBe(0);
    expect(fake.responses.find((r) => r.id === trigger)).toBeUndefined();
  });

  it('two recoverers running at the same moment answer a command once', async () => {
    const { inbox, recovery } = setUp();
    const other = setUp().recovery;
    const { message, replyTo, trigger } = slashMessage('cluster add Dubbel sector:space');
    await inbox.admit(message, replyTo);
    test.clock.advance(31_000);
    await Promise.all([recovery.recoverOnce(), other.recoverOnce()]);

    expect(fake.responses.filter((r) => r.id === trigger)).toHaveLength(1);
    expect(await clustersNamed('Dubbel')).toHaveLength(1);
  });
});

describe('recovered commands take turns with live ones', () => {
  it('a recovered command waits while acknowledgements are owed, and one another instance took over meanwhile is skipped, so it is answered once', async () => {
    const { inbox } = setUp();
    let owed = 1;
    const turns = createTurns({ size: 1, floor: 0, urgent: () => owed });
    const deliverer = createSlackInboxDeliverer({ botToken: 'xoxb-test', apiUrl: fake.url, logger });
    const waiting = createInboxRecovery({ db: database.db, clock: test.clock, logger, core: counted(), deliverers: { slack: deliverer }, defaultLanguage: 'sv', turns });
    const other = setUp().recovery;
    const { message, replyTo, trigger } = slashMessage('cluster add Turvis sector:space');
    await inbox.admit(message, replyTo);

    test.clock.advance(31_000);
    const pass = waiting.recoverOnce();
    // The pass has claimed the row once it waits for a turn.
    while (turns.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(coreCalls).toBe(0);
    test.clock.advance(31_000);
    expect((await other.recoverOnce()).replied).toBe(1);

    owed = 0;
    turns.wake();
    expect(await pass).toMatchObject({ replied: 0, skipped: 1 });
    expect(coreCalls).toBe(1);
    expect(fake.responses.filter((r) => r.id === trigger)).toHaveLength(1);
    expect(await clustersNamed('Turvis')).toHaveLength(1);
  });
});

describe('a /loket command is stored before Slack is told it arrived', () => {
  it('when the acknowledgement reaches Slack the inbox row already exists, and it ends replied', async () => {
    const h = await startSlackHarness({ db: database.db, withInbox: true });
    try {
      await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
      const trigger = h.unique('trig.');
      const body = slashCommandBody({ team_id: h.teamId, text: 'cluster add Hav sector:blue', trigger_id: trigger, response_url: h.fake.responseUrl('hav') });
      const ack = await h.post(body, { contentType: FORM_CONTENT_TYPE });
      expect(ack.status).toBe(200);
      const repo = createInboxRepository({ db: database.db });
      expect((await repo.find('slack.command', trigger)).row).toBeDefined();

      await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'hav'), 10_000);
      await h.adapter.stop();
      expect((await repo.find('slack.command', trigger)).row?.status).toBe('replied');
      expect(await h.clustersNamed('Hav')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});

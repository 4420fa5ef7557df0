// Replays of one delivery, many times and many at once, through the real adapters on a real database:
// whatever the count, one stored effect and one reply (docs/architecture.md "Data rules"). Shared by the fast test
// (counts a CI run can afford) and the slow one (the counts of issue 9).
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clusters, inbox } from '../../../db/schema/index.js';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, blockActionBody, eventBody, slashCommandBody } from '../../support/fake-slack-api.js';
import { messageActivity, startFakeTeamsConnector, type FakeTeamsConnector } from '../../support/fake-teams-connector.js';
import { createTestCore, uniqueWorkspaceId } from '../../support/test-core.js';
import { USER_ID, sharedTestDatabase, shownText, startSlackHarness, type SlackHarness } from '../slack/slack-harness.js';
import { startTeamsServer, visibleText } from '../teams/teams-server.js';

export interface ReplayCounts {
  events: number;
  slashCommands: number;
  buttons: number;
  teamsActivities: number;
}

/** Sends `count` requests, `concurrency` at a time, so duplicates race each other as well as follow. */
export async function replay(count: number, concurrency: number, send: (i: number) => Promise<Response>): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const wave = Array.from({ length: Math.min(concurrency, count - start) }, (_, j) => send(start + j).then((r) => r.status));
    statuses.push(...(await Promise.all(wave)));
  }
  return statuses;
}

const WAVE = 25;

export function describeRedelivery(counts: ReplayCounts): void {
  const database = sharedTestDatabase();
  let h: SlackHarness;
  beforeAll(database.open);
  afterAll(database.close);
  beforeEach(async () => {
    h = await startSlackHarness({ db: database.db, withInbox: true });
    await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
  });
  afterEach(async () => h.close());

  describe('one Slack delivery replayed many times acts once and is answered once', () => {
    it(`an app_mention event delivered ${counts.events} times, with and without X-Slack-Retry-Num, adds one cluster and posts one answer`, async () => {
      const eventId = h.unique('Ev');
      const body = eventBody({ team_id: h.teamId, event_id: eventId, event: { text: '<@U0LOKETBOT> cluster add Rymd sector:space' } });
      const statuses = await replay(counts.events, WAVE, (i) =>
        h.post(body, { contentType: JSON_CONTENT_TYPE, headers: i % 2 ? { 'X-Slack-Retry-Num': String(1 + (i % 3)), 'X-Slack-Retry-Reason': 'http_timeout' } : {} }));
      await h.adapter.stop();

      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(h.coreCalls).toHaveLength(counts.events);
      const posts = h.fake.calls.filter((c) => c.method.startsWith('chat.'));
      expect(posts).toHaveLength(1);
      expect(shownText(posts[0]!.body)).toContain('Klustret ”Rymd”');
      expect(await h.clustersNamed('Rymd')).toHaveLength(1);
      expect(await h.deliveries('slack.message', `${h.teamId}:C0KLUSTER1:1767258000.123456`)).toHaveLength(1);
    });

    it(`a /loket command delivered ${counts.slashCommands} times with one trigger_id is stored once in the inbox, adds one cluster and gets one response`, async () => {
      const triggerId = h.unique('trig.');
      const body = slashCommandBody({ team_id: h.teamId, text: 'cluster add Skog sector:forest', trigger_id: triggerId, response_url: h.fake.responseUrl('cmd') });
      const statuses = await replay(counts.slashCommands, WAVE, () => h.post(body, { contentType: FORM_CONTENT_TYPE }));
      await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'), 10_000);
      await h.adapter.stop();

      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(h.fake.responses).toHaveLength(1);
      expect(shownText(h.fake.responses[0]!.body)).toContain('Klustret ”Skog” (sektor: forest) är tillagt');
      // Only the first delivery reaches the core: the others are recognised by their inbox row.
      expect(h.coreCalls).toHaveLength(1);
      expect(await h.clustersNamed('Skog')).toHaveLength(1);
      const rows = await database.db.select().from(inbox).where(and(eq(inbox.source, 'slack.command'), eq(inbox.key, triggerId)));
      expect(rows.map((r) => r.status)).toEqual(['replied']);
    });

    it(`a button click delivered ${counts.buttons} times with one trigger_id runs its command once and answers once`, async () => {
      const body = blockActionBody({
        value: 'cluster add Turism sector:tourism', trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl('click'),
        team: { id: h.teamId, domain: 'x' }, user: { id: USER_ID, username: 'anna.berg', team_id: h.teamId },
      });
      const statuses = await replay(counts.buttons, WAVE, () => h.post(body, { contentType: FORM_CONTENT_TYPE }));
      await h.adapter.stop();

      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(h.coreCalls).toHaveLength(counts.buttons);
      expect(h.fake.responses.map((r) => r.id)).toEqual(['click']);
      expect(shownText(h.fake.responses[0]!.body)).toContain('Klustret ”Turism”');
      expect(await h.clustersNamed('Turism')).toHaveLength(1);
    });
  });

  describe('one Teams activity replayed many times acts once and is answered once', () => {
    let connector: FakeTeamsConnector;
    beforeAll(async () => {
      connector = await startFakeTeamsConnector();
    });
    afterAll(async () => connector.close());

    it(`a message activity delivered ${counts.teamsActivities} times with one id adds one cluster and sends one reply`, async () => {
      const test = await createTestCore({ db: database.db });
      const tenantId = uniqueWorkspaceId('tenant-');
      const anna = { id: `29:1anna-${randomUUID()}`, name: 'Anna Berg' };
      await test.connectWorkspace('teams', tenantId);
      await test.makeManager('teams', tenantId, anna.id, anna.name);
      const server = await startTeamsServer({ core: test.core });
      const conversation = { id: `a:1${randomUUID()}`, conversationType: 'personal' as const };
      const activity = messageActivity({ text: 'cluster add Fordon sector:vehicles', from: anna, tenantId, conversation, serviceUrl: connector.serviceUrl });
      try {
        const statuses = await replay(counts.teamsActivities, WAVE, () => server.post(activity));
        expect(statuses.every((s) => s < 300)).toBe(true);
      } finally {
        await server.close();
      }
      const replies = connector.calls.filter((c) => c.conversationId === conversation.id);
      expect(replies).toHaveLength(1);
      expect(visibleText(replies[0]!)).toContain('Fordon');
      const stored = await database.db.select().from(clusters).where(and(eq(clusters.programmeId, test.programme.id), eq(clusters.name, 'Fordon')));
      expect(stored).toHaveLength(1);
    });
  });
}

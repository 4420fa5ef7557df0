// Slack redelivers events it thinks were not acknowledged (with X-Slack-Retry-Num) and users double-click;
// every delivery must act once (docs/architecture.md "Data rules").
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, blockActionBody, eventBody, slashCommandBody, viewSubmissionBody } from '../../support/fake-slack-api.js';
import { USER_ID, sharedTestDatabase, shownText, startSlackHarness, type SlackHarness } from './slack-harness.js';

const database = sharedTestDatabase();
let h: SlackHarness;

beforeAll(database.open);
afterAll(database.close);

beforeEach(async () => {
  h = await startSlackHarness({ db: database.db });
  await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
});

afterEach(async () => {
  await h.close();
});

describe('redeliveries act once', () => {
  it('the same event_id delivered twice, the second time with X-Slack-Retry-Num: 1, adds one cluster and is answered once', async () => {
    const eventId = h.unique('Ev');
    const body = eventBody({ team_id: h.teamId, event_id: eventId, event: { text: '<@U0LOKETBOT> cluster add Rymd sector:space' } });
    expect((await h.post(body, { contentType: JSON_CONTENT_TYPE })).status).toBe(200);
    expect((await h.post(body, { contentType: JSON_CONTENT_TYPE, headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } })).status).toBe(200);

    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral'));
    expect(shownText(call.body)).toContain('Klustret ”Rymd”');
    await h.adapter.stop();
    expect(h.coreCalls).toHaveLength(2);
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(1);
    expect(await h.clustersNamed('Rymd')).toHaveLength(1);
    expect(await h.deliveries('slack.message', `${h.teamId}:C0KLUSTER1:1767258000.123456`)).toHaveLength(1);
  });

  it('the same slash command delivered twice with the same trigger_id adds one cluster and sends one response', async () => {
    const triggerId = h.unique('trig.');
    const body = slashCommandBody({ team_id: h.teamId, text: 'cluster add Rymd sector:space', trigger_id: triggerId, response_url: h.fake.responseUrl('cmd') });
    const [first, second] = await Promise.all([h.post(body, { contentType: FORM_CONTENT_TYPE }), h.post(body, { contentType: FORM_CONTENT_TYPE })]);
    expect([first?.status, second?.status]).toEqual([200, 200]);

    const response = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    expect(shownText(response.body)).toContain('Klustret ”Rymd” (sektor: space) är tillagt');
    await h.adapter.stop();
    expect(h.coreCalls).toHaveLength(2);
    expect(h.fake.responses).toHaveLength(1);
    expect(await h.clustersNamed('Rymd')).toHaveLength(1);
  });

  it('a double-clicked button (same trigger_id) runs its command once', async () => {
    const body = blockActionBody({
      value: 'cluster add Skog sector:forest', trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl('click'),
      team: { id: h.teamId, domain: 'x' }, user: { id: USER_ID, username: 'anna.berg', team_id: h.teamId },
    });
    await h.post(body, { contentType: FORM_CONTENT_TYPE });
    await h.post(body, { contentType: FORM_CONTENT_TYPE });

    await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'click'));
    await h.adapter.stop();
    expect(h.fake.responses).toHaveLength(1);
    expect(await h.clustersNamed('Skog')).toHaveLength(1);
  });

  it('a modal submitted twice with the same view id and hash stores once, while a new hash of the same view counts as new', async () => {
    const viewId = h.unique('V');
    const submit = (hash: string, name: string) =>
      viewSubmissionBody({
        team: { id: h.teamId, domain: 'x' },
        view: {
          id: viewId, hash,
          private_metadata: JSON.stringify({ v: 'cluster add', u: USER_ID, c: 'C0KLUSTER1', r: h.fake.responseUrl(hash) }),
          state: { values: { _text: { value: { type: 'plain_text_input', value: name } }, sector: { value: { type: 'plain_text_input', value: 'tourism' } } } },
        },
      });
    await h.post(submit('h1', 'Turism'), { contentType: FORM_CONTENT_TYPE });
    await h.post(submit('h1', 'Turism'), { contentType: FORM_CONTENT_TYPE });
    await h.post(submit('h2', 'Besöksnäring'), { contentType: FORM_CONTENT_TYPE });

    await h.fake.waitFor((s) => s.responses.length >= 2);
    await h.adapter.stop();
    expect(h.fake.responses.map((r) => r.id).sort()).toEqual(['h1', 'h2']);
    expect(await h.clustersNamed('Turism')).toHaveLength(1);
    expect(await h.clustersNamed('Besöksnäring')).toHaveLength(1);
  });
});

// Recorded Slack traffic (test/fixtures/slack, sources in SOURCES.md) replayed through the real signed HTTP
// endpoint: what a person typed is what is stored, searched and shown; each message acts once, and only
// what a person says to LOKET acts.
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notes } from '../../../db/schema/index.js';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, loadSlackFixture } from '../../support/fake-slack-api.js';
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

type EventPayload = Record<string, unknown> & { event: Record<string, unknown>; authorizations?: Record<string, unknown>[] };

/** A recorded Events API callback, moved into this test's workspace with a fresh event_id. */
function recorded(name: string, event: Record<string, unknown> = {}): string {
  const payload = loadSlackFixture<EventPayload>(name);
  return JSON.stringify({
    ...payload,
    team_id: h.teamId,
    event_id: h.unique('Ev'),
    event: { ...payload.event, ...('team' in payload.event ? { team: h.teamId } : {}), ...event },
    ...(payload.authorizations ? { authorizations: payload.authorizations.map((a) => ({ ...a, team_id: h.teamId })) } : {}),
  });
}

async function replay(name: string, event: Record<string, unknown> = {}) {
  const res = await h.post(recorded(name, event), { contentType: JSON_CONTENT_TYPE });
  expect(res.status).toBe(200);
}

const chatCalls = () => h.fake.calls.filter((c) => c.method.startsWith('chat.'));

async function addCluster(name: string) {
  const outcome = await h.testCore.core({ platform: 'slack', workspaceId: h.teamId, userId: USER_ID, text: `cluster add ${name} sector:space` });
  expect(outcome.kind).toBe('reply');
}

describe('text in, text out', () => {
  it('a DM note with &, > and a pasted link is stored exactly as typed, found by search, and shown back escaped once', async () => {
    await addCluster('Rymd');
    await replay('message-im-escaped-link');
    const saved = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postMessage'));
    expect(saved.body).toMatchObject({ channel: 'D0ANNALOKET' });
    expect(shownText(saved.body)).toContain('N1');

    const rows = await h.testCore.db.select({ text: notes.text }).from(notes).where(and(eq(notes.programmeId, h.testCore.programme.id)));
    expect(rows.map((r) => r.text)).toEqual(['R&D-möte: budget > 2 MSEK, se https://www.esa.int']);
    expect(h.coreCalls[0]?.text).toBe('note Rymd R&D-möte: budget > 2 MSEK, se https://www.esa.int');

    await replay('message-im', { text: 'sök budget', ts: '1767258301.000301' });
    const found = await h.fake.waitFor((s) => s.calls.filter((c) => c.method === 'chat.postMessage')[1]);
    const shown = shownText(found.body);
    // Slack renders `&amp;` as `&` and `&gt;` as `>`: the reader sees what was typed (the hit in bold).
    expect(shown).toContain('Anteckning N1 · 2026-03-02 · Rymd – R&amp;D-möte: *budget* &gt; 2 MSEK, se https://www.esa.int');
    expect(String(found.body['text'])).toContain('R&amp;D-möte:');
    expect(`${shown}\n${String(found.body['text'])}`).not.toMatch(/&amp;(?:amp|lt|gt);|&lt;https/);
  });

  it('a slash command’s escaped text reaches the core as typed', async () => {
    await addCluster('Rymd');
    const payload = { ...loadSlackFixture<Record<string, string>>('slash-command'), team_id: h.teamId, trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl('cmd'), text: 'note Rymd Kontakt: &lt;Anna&gt; på <mailto:anna@irf.se|anna@irf.se> &amp; <#C0KLUSTER1|klusterledare>' };
    await h.post(new URLSearchParams(payload).toString(), { contentType: FORM_CONTENT_TYPE });
    const response = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'cmd'));
    expect(shownText(response.body)).toContain('N1');
    const rows = await h.testCore.db.select({ text: notes.text }).from(notes).where(eq(notes.programmeId, h.testCore.programme.id));
    expect(rows.map((r) => r.text)).toEqual(['Kontakt: <Anna> på anna@irf.se & #klusterledare']);
  });
});

describe('each message acts once, and only when meant', () => {
  it('an edited mention (new event_id, same ts, `edited`) does not run the command again and posts nothing more', async () => {
    await replay('app-mention', { text: '<@U0LOKETBOT> cluster add Hav sector:sea' });
    await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postEphemeral'));
    await replay('app-mention-edited', { text: '<@U0LOKETBOT> cluster add Havet sector:sea' });
    await h.adapter.stop();

    expect(h.coreCalls.map((c) => c.text)).toEqual(['cluster add Hav sector:sea', 'cluster add Havet sector:sea']);
    expect(await h.clustersNamed('Hav')).toHaveLength(1);
    expect(await h.clustersNamed('Havet')).toEqual([]);
    expect(chatCalls()).toHaveLength(1);
    expect(await h.deliveries('slack.message', `${h.teamId}:C0KLUSTER1:1767258000.123456`)).toHaveLength(1);
  });

  it('an edit of a DM (message_changed) never reaches the core, so the command is not run again', async () => {
    await replay('message-im', { text: 'cluster add Skog sector:forest' });
    await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postMessage'));
    const changed = loadSlackFixture<EventPayload>('message-changed-im').event;
    await replay('message-changed-im', { message: { ...(changed['message'] as object), text: 'cluster add Ek sector:forest' } });
    await h.adapter.stop();

    expect(h.coreCalls).toHaveLength(1);
    expect(await h.clustersNamed('Skog')).toHaveLength(1);
    expect(await h.clustersNamed('Ek')).toEqual([]);
    expect(chatCalls()).toHaveLength(1);
  });

  it('a mention in a canvas (document_mention) is not a command: the core never sees it and nothing is posted', async () => {
    await replay('document-mention');
    await h.adapter.stop();
    expect(h.coreCalls).toEqual([]);
    expect(chatCalls()).toEqual([]);
  });

  it('a DM with a file attached (file_share) is read like any DM and answered in the DM', async () => {
    await replay('message-im-file-share');
    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postMessage'));
    expect(call.body).toMatchObject({ channel: 'D0ANNALOKET' });
    expect(shownText(call.body)).toContain('LOKET – vad vill du göra?');
    expect(await h.deliveries('slack.message', `${h.teamId}:D0ANNALOKET:1767258500.000500`)).toHaveLength(1);
  });

  it('a DM thread reply also sent to the conversation (thread_broadcast) is read like any DM and answered in its thread', async () => {
    await replay('message-im-thread-broadcast', { text: 'cluster add Fjäll sector:space' });
    const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'chat.postMessage'));
    expect(call.body).toMatchObject({ channel: 'D0ANNALOKET', thread_ts: '1767258100.000200' });
    expect(shownText(call.body)).toContain('Klustret ”Fjäll”');
    expect(await h.clustersNamed('Fjäll')).toHaveLength(1);
  });

  it('a mention of LOKET in a DM, delivered as app_mention and as message.im, runs once', async () => {
    const ts = '1767258800.000800';
    await replay('message-im', { text: '<@U0LOKETBOT> cluster add Myr sector:space', ts, event_ts: ts });
    await replay('app-mention', { text: '<@U0LOKETBOT> cluster add Myr sector:space', channel: 'D0ANNALOKET', ts, event_ts: ts });
    await h.adapter.stop();

    expect(h.coreCalls).toHaveLength(2);
    expect(await h.clustersNamed('Myr')).toHaveLength(1);
    expect(chatCalls()).toHaveLength(1);
  });

  it('a button LOKET does not know (another app’s action_id) is acknowledged with 200 at once and ignored', async () => {
    const payload = { ...loadSlackFixture<Record<string, unknown>>('block-actions-unknown'), team: { id: h.teamId, domain: 'norrbotten-kluster' }, trigger_id: h.unique('trig.') };
    const started = Date.now();
    const res = await h.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { contentType: FORM_CONTENT_TYPE });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    await h.adapter.stop();

    expect(h.coreCalls).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(h.fake.responses).toEqual([]);
    expect(h.logs.filter((l) => Number(l['level']) >= 50)).toEqual([]);
  });
});

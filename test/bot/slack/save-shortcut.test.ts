// «Spara i LOKET» on a Slack message, through the signed endpoint: the recorded message_action payload opens
// the `save` modal pre-filled from the message, and its view_submission stores the record with its link and
// author, confirmed privately. Refusals (role, invalid input) store nothing.
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exchangePosts, messageSources, notes, people } from '../../../db/schema/index.js';
import { FORM_CONTENT_TYPE, loadSlackFixture, slackUser, viewSubmissionBody } from '../../support/fake-slack-api.js';
import { USER_ID, sharedTestDatabase, shownText, startSlackHarness, type SlackHarness } from './slack-harness.js';
import { shortcutToIncoming } from '../../../bot/slack/save-shortcut.js';
import type { MessageShortcut } from '@slack/bolt';

const database = sharedTestDatabase();
let h: SlackHarness;
beforeAll(database.open);
afterAll(database.close);
afterEach(async () => h.close());

type View = { callback_id: string; private_metadata: string; blocks: Block[] };
type Block = { block_id: string; element: { type: string; initial_value?: string; initial_option?: { value: string }; options?: { value: string }[]; max_length?: number } };

async function start() {
  h = await startSlackHarness({ db: database.db });
  await h.testCore.makeManager('slack', h.teamId, USER_ID, 'anna.berg');
  h.fake.users.set('U0LENA0002', slackUser('U0LENA0002', 'Lena Ek', 'Lena Ek'));
  const pm = (text: string) => h.testCore.core({ platform: 'slack', workspaceId: h.teamId, userId: USER_ID, text });
  await pm('cluster add Rymd sector:space');
}

/** The recorded message_action with this test's team, trigger and response_url. */
function shortcutBody(overrides: { user?: string; text?: string } = {}) {
  const base = loadSlackFixture<Record<string, unknown> & { message: Record<string, unknown>; user: Record<string, unknown> }>('message-action');
  const payload = {
    ...base,
    team: { ...(base['team'] as object), id: h.teamId },
    trigger_id: h.unique('trig.'),
    response_url: h.fake.responseUrl('shortcut'),
    user: { ...base.user, id: overrides.user ?? USER_ID },
    message: { ...base.message, ...(overrides.text ? { text: overrides.text } : {}) },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

async function openedView(): Promise<View> {
  const call = await h.fake.waitFor((s) => s.calls.find((c) => c.method === 'views.open'));
  return call.body['view'] as View;
}

/** What Slack sends when the person presses Save: each input's value, as view.state.values. */
function submission(view: View, values: Record<string, string>) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    const value = values[block.block_id] ?? block.element.initial_value ?? block.element.initial_option?.value;
    if (value === undefined) continue;
    state[block.block_id] = { value: block.element.type === 'static_select' ? { type: 'static_select', selected_option: { value } } : { type: block.element.type, value } };
  }
  return viewSubmissionBody({ team: { id: h.teamId, domain: 'x' }, view: { id: h.unique('V'), hash: '1767258400.b2', private_metadata: view.private_metadata, callback_id: view.callback_id, state: { values: state } } });
}

async function savedSources() {
  return h.testCore.db
    .select({ subject: messageSources.subjectType, link: messageSources.link, author: people.displayName, userId: people.userId })
    .from(messageSources)
    .leftJoin(people, eq(people.id, messageSources.authorId))
    .where(eq(messageSources.programmeId, h.testCore.programme.id));
}

describe('the «Spara i LOKET» message shortcut', () => {
  it('opens the save form with the message unescaped, its author and permalink, and its submission stores a note privately confirmed', async () => {
    await start();
    const res = await h.post(shortcutBody(), { contentType: FORM_CONTENT_TYPE });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');

    const view = await openedView();
    const permalink = 'https://loket-test.slack.com/archives/C0KLUSTER1/p1767258000000300';
    expect(h.fake.callsTo('chat.getPermalink')[0]?.body).toMatchObject({ channel: 'C0KLUSTER1', message_ts: '1767258000.000300' });
    const block = (id: string) => view.blocks.find((b) => b.block_id === id)?.element;
    expect(block('note')).toMatchObject({ type: 'plain_text_input', max_length: 3000, initial_value: 'Kontakt för testbädden i Kiruna: Lena på IRF & ESA, www.irf.se.\nBoka sex veckor i förväg > annars blir det hösten.' });
    expect(block('author')).toMatchObject({ type: 'static_select', initial_option: { value: '<@U0LENA0002|Lena Ek>' } });
    expect(block('link')?.initial_value).toBe(permalink);
    expect(block('as')?.options?.map((o) => o.value)).toEqual(['note', 'decision', 'action', 'need', 'offer']);
    expect(await savedSources()).toEqual([]);

    const submitted = await h.post(submission(view, { cluster: 'Rymd' }), { contentType: FORM_CONTENT_TYPE });
    expect(submitted.status).toBe(200);
    const confirmation = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'shortcut'));
    expect(confirmation.body['response_type']).toBe('ephemeral');
    expect(shownText(confirmation.body)).toContain('Sparat som anteckning N1 i Rymd.');
    expect(shownText(confirmation.body)).toContain('Skrivet av Lena Ek');
    const [note] = await h.testCore.db.select().from(notes).where(eq(notes.programmeId, h.testCore.programme.id));
    expect(note?.text).toBe('Kontakt för testbädden i Kiruna: Lena på IRF & ESA, www.irf.se.\nBoka sex veckor i förväg > annars blir det hösten.');
    expect(await savedSources()).toEqual([{ subject: 'note', link: permalink, author: 'Lena Ek', userId: 'U0LENA0002' }]);
  });

  it('shortens a message longer than a Slack text input in the form and keeps the link to all of it', async () => {
    await start();
    const long = Array.from({ length: 900 }, (_, i) => `ord${i}`).join(' ');
    await h.post(shortcutBody({ text: long }), { contentType: FORM_CONTENT_TYPE });
    const view = await openedView();
    const text = view.blocks.find((b) => b.block_id === 'note')?.element.initial_value ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
    expect(long.startsWith(text.slice(0, -1).trimEnd())).toBe(true);
    expect(view.blocks.find((b) => b.block_id === 'link')?.element.initial_value).toContain('/archives/C0KLUSTER1/');
  });

  it('someone in no cluster gets the role refusal privately, no form opens and nothing is stored', async () => {
    await start();
    await h.post(shortcutBody({ user: 'U0OLLE0003' }), { contentType: FORM_CONTENT_TYPE });
    const answer = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'shortcut'));
    expect(answer.body['response_type']).toBe('ephemeral');
    expect(shownText(answer.body)).toContain('Du får inte köra `spara`');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
    expect(await savedSources()).toEqual([]);
  });

  it('a need longer than a topic is refused with the limit and an example, and nothing is stored', async () => {
    await start();
    await h.testCore.core({ platform: 'slack', workspaceId: h.teamId, userId: USER_ID, text: 'cluster role Rymd @me leader' });
    await h.post(shortcutBody(), { contentType: FORM_CONTENT_TYPE });
    const view = await openedView();
    await h.post(submission(view, { as: 'need', cluster: 'Rymd', note: 'x'.repeat(250) }), { contentType: FORM_CONTENT_TYPE });
    const answer = await h.fake.waitFor((s) => s.responses.find((r) => r.id === 'shortcut'));
    expect(shownText(answer.body)).toContain('Ämnet för ett behov eller erbjudande har 250 tecken; högst 200 går att spara.');
    expect(shownText(answer.body)).toContain('Exempel:');
    expect(await savedSources()).toEqual([]);
    const posts = await h.testCore.db.select().from(exchangePosts).where(and(eq(exchangePosts.programmeId, h.testCore.programme.id)));
    expect(posts).toEqual([]);
  });

  it('turns an app’s message (no user, a bot profile) into a guest author, and keeps every line of the text', () => {
    const recorded = loadSlackFixture<MessageShortcut>('message-action');
    const { user: _user, ...message } = recorded.message;
    const incoming = shortcutToIncoming({ ...recorded, message: { ...message, bot_id: 'B0JIRA0001', bot_profile: { name: 'Jira Cloud' } } }, 'https://x.slack.com/archives/C1/p1');
    expect(incoming.text).toBe([
      'save author:"Jira Cloud" link:"https://x.slack.com/archives/C1/p1"',
      'note: Kontakt för testbädden i Kiruna: Lena på IRF & ESA, www.irf.se.',
      'note: Boka sex veckor i förväg > annars blir det hösten.',
    ].join('\n'));
    expect(incoming.deliveryKey).toEqual({ source: 'slack.shortcut', key: recorded.trigger_id });
  });
});

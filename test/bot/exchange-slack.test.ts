// Peer exchange through the Slack adapter at its boundary: signed slash commands and signed button clicks
// in, the fake Slack Web API out — the proposal reaches the offering side as a DM with buttons, and the
// second Accept opens one group DM for both.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../bot/slack/slack-notifier.js';
import { createRepositories } from '../../db/repositories.js';
import { exchangeProposals } from '../../db/schema/index.js';
import { deliverOutbox } from '../../handlers/core/outbox-dispatcher.js';
import { routeNotifiers } from '../../handlers/core/notifier.js';
import { blockActionBody, FORM_CONTENT_TYPE, slashCommandBody, type RecordedCall } from '../support/fake-slack-api.js';
import { say, silentLogger } from '../support/test-core.js';
import { BOT_TOKEN, sharedTestDatabase, shownText, startSlackHarness, type SlackHarness } from './slack/slack-harness.js';

const database = sharedTestDatabase();
let h: SlackHarness;
beforeAll(database.open);
afterAll(database.close);
afterEach(async () => h.close());

const ANNA = 'U0ANNA0001';
const ERIK = 'U0ERIK0002';
const DANA = 'U0DANA0003';
const people: [string, string][] = [[ANNA, 'Anna'], [ERIK, 'Erik'], [DANA, 'Dana']];

/** Petra is PM; Anna leads Rymd, Erik leads Skog, Dana is Rymd's deputy — all in the harness's workspace. */
async function start() {
  h = await startSlackHarness({ db: database.db });
  await h.testCore.makeManager('slack', h.teamId, 'U0PETRA000', 'Petra');
  const as = (userId: string, text: string, displayName?: string) => say(h.testCore.core, { platform: 'slack', workspaceId: h.teamId, userId, displayName }, text);
  for (const [id, name] of people) await as(id, 'whoami', name);
  for (const text of ['cluster add Rymd sector:space', 'cluster add Skog sector:forest', 'cluster role Rymd @Anna leader', 'cluster role Skog @Erik leader', 'cluster role Rymd @Dana deputy']) await as('U0PETRA000', text);
}

const nameOf = (userId: string) => people.find(([id]) => id === userId)![1];

async function slash(userId: string, text: string) {
  const id = h.unique('cmd.');
  const body = slashCommandBody({ team_id: h.teamId, user_id: userId, user_name: nameOf(userId), text, trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl(id) });
  expect((await h.post(body, { contentType: FORM_CONTENT_TYPE })).status).toBe(200);
  return (await h.fake.waitFor((s) => s.responses.find((r) => r.id === id), 15_000)).body;
}

/** A click on a button of a message LOKET sent to `channel`, as Slack posts it (signed). */
async function click(userId: string, command: string, channel: string) {
  const id = h.unique('click.');
  const body = blockActionBody({
    value: command, trigger_id: h.unique('trig.'), response_url: h.fake.responseUrl(id),
    team: { id: h.teamId, domain: 'kluster' }, user: { id: userId, username: nameOf(userId), name: nameOf(userId), team_id: h.teamId },
    channel: { id: channel, name: 'directmessage' }, container: { type: 'message', message_ts: '1767258000.000100', channel_id: channel },
  });
  expect((await h.post(body, { contentType: FORM_CONTENT_TYPE })).status).toBe(200);
  return (await h.fake.waitFor((s) => s.responses.find((r) => r.id === id), 15_000)).body;
}

function deliver() {
  const slack = createSlackNotifier({ token: () => BOT_TOKEN, apiUrl: h.fake.url, logger: silentLogger, perChannelIntervalMs: 0 });
  return deliverOutbox({ db: database.db, clock: h.testCore.clock, logger: silentLogger, notifier: routeNotifiers({ slack }), programmeIds: [h.testCore.programme.id] });
}

const buttonsOf = (message: Record<string, unknown>) =>
  ((message['blocks'] as { type: string; elements?: { value?: string }[] }[]) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => e.value);
const postsTo = (channel: string): RecordedCall[] => h.fake.callsTo('chat.postMessage').filter((c) => c.body['channel'] === channel);
const openedFor = (users: string) => h.fake.callsTo('conversations.open').filter((c) => c.body['users'] === users);
const channelOf = (open: RecordedCall | undefined, calls: RecordedCall[]) => {
  // The fake answers conversations.open with D0FAKE<n>, n being the call's position among all calls.
  const n = calls.indexOf(open!) + 1;
  return `D0FAKE${String(n).padStart(4, '0')}`;
};

async function stored() {
  const [proposal] = await database.db.select().from(exchangeProposals).where(eq(exchangeProposals.programmeId, h.testCore.programme.id));
  const { messages } = await createRepositories(database.db).outbox.list(h.testCore.programme.id);
  // By kind: rows queued at one clock instant have no order of their own.
  return { proposal, outbox: messages.map((m) => [m.kind, m.status, m.personIds.length]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))) };
}

/** Erik offers and Anna states her need by slash command; the proposal is delivered to Erik's DM. */
async function proposed() {
  await start();
  await slash(ERIK, 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
  const reply = await slash(ANNA, 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
  expect(shownText(reply)).toContain('X1 · med Erik – båda om eu projects');
  expect(buttonsOf(reply)).toEqual(['utbyte ja X1', 'utbyte nej X1']);
  expect((await deliver()).sent).toBe(1);
  const open = openedFor(ERIK)[0];
  expect(open?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  const erikDm = channelOf(open, h.fake.calls);
  return { erikDm };
}

describe('peer exchange in Slack', () => {
  it('the proposal reaches the offering side as a DM with Accept/Decline, and the second Accept opens a group DM for both', async () => {
    const { erikDm } = await proposed();
    const [proposal] = postsTo(erikDm);
    expect(shownText(proposal?.body)).toContain('Förslag X1: träffa Anna');
    expect(shownText(proposal?.body)).toContain('Anna (Rymd) behöver hjälp med ”Hjälp med en Interreg-ansökan”, och ditt erbjudande passar.');
    expect(buttonsOf(proposal!.body)).toEqual(['exchange accept X1', 'exchange decline X1']);

    expect(shownText(await click(ERIK, 'exchange accept X1', erikDm))).toContain('Du har tackat ja till X1. Jag presenterar er när Anna också har tackat ja.');
    expect((await deliver()).sent).toBe(0);
    const intro = shownText(await click(ANNA, 'exchange accept X1', 'D0ANNADM01'));
    expect(intro).toContain('Utbyte X1: möt Erik');
    expect(intro).toContain('Jag öppnar också en gruppkonversation för dig och Erik med dagordningen.');

    expect((await deliver()).sent).toBe(1);
    const group = openedFor(`${ANNA},${ERIK}`);
    expect(group).toHaveLength(1);
    const shown = shownText(postsTo(channelOf(group[0], h.fake.calls))[0]?.body);
    expect(shown).toContain('Utbyte X1: Anna och Erik');
    expect(shown).toContain('<@U0ANNA0001>');
    expect(shown).toContain('<@U0ERIK0002>');
    expect(shown).toContain('Behovet: Hjälp med en Interreg-ansökan');
    expect(shown).toContain('Erbjudandet: Vi har skrivit tre Interreg-ansökningar och delar mallar');
    expect(await stored()).toMatchObject({ proposal: { state: 'introduced', needAnswer: 'accepted', offerAnswer: 'accepted' }, outbox: [['exchange.introduction', 'sent', 2], ['exchange.proposal', 'sent', 1]] });
  }, 60_000);

  it('two Accept clicks at the same moment introduce once', async () => {
    const { erikDm } = await proposed();
    const replies = await Promise.all([click(ERIK, 'exchange accept X1', erikDm), click(ANNA, 'exchange accept X1', 'D0ANNADM01')]);
    expect(replies.map(shownText).filter((t) => t.includes('Utbyte X1: möt'))).toHaveLength(1);
    expect((await deliver()).sent).toBe(1);
    expect(openedFor(`${ANNA},${ERIK}`)).toHaveLength(1);
    expect((await stored()).outbox).toEqual([['exchange.introduction', 'sent', 2], ['exchange.proposal', 'sent', 1]]);
  }, 60_000);

  it('a click by someone who is not one of the two, or a second click, gets a clear answer and changes nothing', async () => {
    const { erikDm } = await proposed();
    expect(shownText(await click(DANA, 'exchange accept X1', 'D0DANADM01'))).toContain('Du är inte med i utbyte X1, så du kan inte svara på det.');
    await click(ERIK, 'exchange accept X1', erikDm);
    expect(shownText(await click(ERIK, 'exchange accept X1', erikDm))).toContain('Du har redan svarat på utbyte X1.');
    expect(shownText(await slash(ERIK, 'exchange accept X9'))).toContain('Jag hittar inget utbyte X9 i programmet.');
    expect(await stored()).toMatchObject({ proposal: { state: 'proposed', needAnswer: null, offerAnswer: 'accepted' }, outbox: [['exchange.proposal', 'sent', 1]] });
    expect((await deliver()).sent).toBe(0);
  }, 60_000);
});

// «Spara i LOKET» on a Teams message, through /api/messages with a Bot Framework token: the recorded
// composeExtension/fetchTask opens the save form as a task module pre-filled from the message, and the
// recorded submitAction stores the record with its link and author, confirmed in the task module (only the
// saver sees it). Refusals (role, invalid input) store nothing.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageSources, notes, people } from '../../../db/schema/index.js';
import { createTestCore, uniqueWorkspaceId } from '../../support/test-core.js';
import { startBotFrameworkIssuer, type BotFrameworkIssuer } from './bot-framework-issuer.js';
import { startTeamsServer, useTeamsTestBed } from './teams-server.js';
import { openCommand } from '../../../bot/teams/save-action.js';

const APP_ID = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const credentials = { clientId: APP_ID, clientSecret: 'test-secret-never-used', tenantId: 'loket-test-tenant', allowUnauthenticated: false };
const RECORDED = { tenant: '8d9a7c6b-5e4f-4a3b-9c2d-1e0f9a8b7c6d', anna: '29:1Ab3kQz_vA8y2Wc5N0XgRrYp7hLmE4sTqU9dF6jKbVoZx1nPwC8tGyH2uJiL3oM5' };
const LINK = 'https://teams.microsoft.com/l/message/19:5f3c2a1b0e9d4c8b7a6f5e4d3c2b1a09@thread.tacv2/1741770164119';

type Activity = Record<string, any>;
type Card = { body: Record<string, any>[]; actions: Record<string, any>[] };

const bed = useTeamsTestBed();
let issuer: BotFrameworkIssuer;
beforeAll(async () => {
  issuer = await startBotFrameworkIssuer();
});
afterAll(() => issuer.close());

async function setup() {
  const test = await createTestCore({ db: bed.db });
  const tenantId = uniqueWorkspaceId('tenant-');
  const anna = `29:1anna-${randomUUID()}`;
  await test.connectWorkspace('teams', tenantId);
  await test.makeManager('teams', tenantId, anna, 'Anna Berg');
  const as = (userId: string, text: string, displayName?: string) => test.core({ platform: 'teams', workspaceId: tenantId, userId, text, ...(displayName ? { displayName } : {}) });
  await as(anna, 'cluster add Rymd sector:space');
  // Erik has used LOKET, so the name Teams gives for the message's author is a person LOKET knows.
  await as(`29:1erik-${randomUUID()}`, 'whoami', 'Erik Lund');
  const server = await startTeamsServer({ core: test.core, config: credentials, cloud: issuer.cloud });
  bed.servers.push(server);
  /** The recorded invoke with this test's tenant, saver and connector, signed as Teams signs it. */
  const invoke = async (name: string, change: (a: Activity) => void = () => {}) => {
    const json = readFileSync(new URL(`../../fixtures/teams/${name}.json`, import.meta.url), 'utf8').split(RECORDED.tenant).join(tenantId).split(RECORDED.anna).join(anna);
    const activity = JSON.parse(json) as Activity;
    activity.id = `f:${randomUUID()}`;
    activity.serviceUrl = bed.connector.serviceUrl;
    change(activity);
    const token = issuer.sign({ audience: APP_ID, serviceUrl: bed.connector.serviceUrl });
    const response = await server.post(activity, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    return (await response.json()) as { task: { type: string; value: any } };
  };
  const sources = () =>
    bed.db
      .select({ subject: messageSources.subjectType, link: messageSources.link, author: people.displayName, guest: messageSources.authorName })
      .from(messageSources)
      .leftJoin(people, eq(people.id, messageSources.authorId))
      .where(eq(messageSources.programmeId, test.programme.id));
  const storedNotes = () => bed.db.select().from(notes).where(eq(notes.programmeId, test.programme.id));
  return { invoke, sources, storedNotes };
}

const input = (card: Card, id: string) => card.body.find((e) => e['id'] === id);

describe('the «Spara i LOKET» message action', () => {
  it('opens the save form pre-filled from the message, and its submission stores a note confirmed in the task module', async () => {
    const { invoke, sources, storedNotes } = await setup();
    const opened = await invoke('message-extension-fetch-task');
    expect(opened.task.type).toBe('continue');
    expect(opened.task.value.title).toBe('Spara i LOKET');
    const card = opened.task.value.card.content as Card;
    expect(opened.task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(input(card, 'note')).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 3000, value: 'Anna Berg Kontakt för testbädden i Kiruna: Lena på IRF & ESA.\nBoka sex veckor i förväg > annars blir det hösten.' });
    expect(input(card, 'author')).toMatchObject({ type: 'Input.Text', value: '@Erik Lund' });
    expect(input(card, 'link')?.['value']).toBe(LINK);
    expect(input(card, 'as')?.['choices'].map((c: { value: string }) => c.value)).toEqual(['note', 'decision', 'action', 'need', 'offer']);
    expect(card.actions[0]).toMatchObject({ type: 'Action.Submit', data: { loketForm: 'save' } });
    expect(await sources()).toEqual([]);

    const done = await invoke('message-extension-submit-action');
    expect(done.task.type).toBe('message');
    expect(done.task.value).toContain('Sparat som anteckning N1 i Rymd.');
    expect(done.task.value).toContain('Skrivet av Erik Lund');
    expect(done.task.value).toContain(LINK);
    expect((await storedNotes()).map((n) => n.text)).toEqual(['Kontakt för testbädden i Kiruna: Lena på IRF & ESA.\nBoka sex veckor i förväg > annars blir det hösten.']);
    expect(await sources()).toEqual([{ subject: 'note', link: LINK, author: 'Erik Lund', guest: null }]);
    // Nothing went to the channel: the confirmation is the saver's alone.
    expect(bed.connector.calls.filter((c) => String(c.conversationId).includes('19:5f3c2a1b0e9d4c8b7a6f5e4d3c2b1a09'))).toEqual([]);
  });

  it('someone in no cluster is refused in the task module and nothing is stored', async () => {
    const { invoke, sources, storedNotes } = await setup();
    const outsider = (a: Activity) => {
      a.from = { id: `29:1olle-${randomUUID()}`, name: 'Olle Ek', aadObjectId: randomUUID() };
    };
    const opened = await invoke('message-extension-fetch-task', outsider);
    expect(opened.task).toMatchObject({ type: 'message', value: expect.stringContaining('Du får inte köra `spara`') });
    const submitted = await invoke('message-extension-submit-action', outsider);
    expect(submitted.task.value).toContain('Du får inte köra `spara`');
    expect(await storedNotes()).toEqual([]);
    expect(await sources()).toEqual([]);
  });

  it('a decision without a meeting, or a link that is no web link, is refused with an example and nothing is stored', async () => {
    const { invoke, sources, storedNotes } = await setup();
    const noMeeting = await invoke('message-extension-submit-action', (a) => Object.assign(a.value.data, { as: 'decision' }));
    expect(noMeeting.task.value).toContain('Ett beslut eller en åtgärd hör till ett möte.');
    expect(noMeeting.task.value).toContain('Exempel:');
    const badLink = await invoke('message-extension-submit-action', (a) => Object.assign(a.value.data, { link: 'file:///etc/passwd' }));
    expect(badLink.task.value).toContain('är ingen webblänk');
    expect(await storedNotes()).toEqual([]);
    expect(await sources()).toEqual([]);
  });

  it('names the saver by their own id, an app by its name, and reads the message HTML as lines', () => {
    const recorded = JSON.parse(readFileSync(new URL('../../fixtures/teams/message-extension-fetch-task.json', import.meta.url), 'utf8')) as Activity;
    const own = JSON.parse(JSON.stringify(recorded)) as Activity;
    own.value.messagePayload.from.user.id = own.from.aadObjectId;
    expect(openCommand(own as never).split('\n')[0]).toBe(`save author:"<@${RECORDED.anna}|Anna Berg>" link:"${LINK}"`);
    const app = JSON.parse(JSON.stringify(recorded)) as Activity;
    app.value.messagePayload.from = { user: null, application: { applicationIdentityType: 'bot', id: '28:5c1d', displayName: 'Planner' } };
    expect(openCommand(app as never).split('\n')).toEqual([
      `save author:"Planner" link:"${LINK}"`,
      'note: Anna Berg Kontakt för testbädden i Kiruna: Lena på IRF & ESA.',
      'note: Boka sex veckor i förväg > annars blir det hösten.',
    ]);
  });
});

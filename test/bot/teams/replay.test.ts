// Recorded Teams traffic replayed through the real endpoint: each fixture in test/fixtures/teams (sources in
// SOURCES.md) is readdressed to this test's tenant, people and chats, POSTed to /api/messages on a real
// Express app with the real core on a migrated database, and both what was stored and what the fake Bot
// Connector received are checked.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_BUDGET_BYTES, utf16Bytes } from '../../../bot/teams/adaptive-card.js';
import { actionItems, decisions, meetings, memberships, notes, people } from '../../../db/schema/index.js';
import { createRepositories } from '../../../db/repositories.js';
import type { Reply } from '../../../handlers/core/reply.js';
import { FIXTURE_BOT, type TeamsUser } from '../../support/fake-teams-connector.js';
import { createTestCore, uniqueWorkspaceId } from '../../support/test-core.js';
import type { ConnectorCall } from '../../support/fake-teams-connector.js';
import { startTeamsServer, useTeamsTestBed, visibleText } from './teams-server.js';

const bed = useTeamsTestBed();

// The ids the fixtures were recorded with; each test swaps them for its own.
const RECORDED = {
  tenant: '8d9a7c6b-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  anna: '29:1Ab3kQz_vA8y2Wc5N0XgRrYp7hLmE4sTqU9dF6jKbVoZx1nPwC8tGyH2uJiL3oM5',
  erik: '29:1Qw8eRt_yU7iO6pA5sD4fG3hJ2kL1zX0cV9bN8mM7nB6vC5xZ4aS3dF2gH1jK0lP',
  personal: 'a:1Xy7pQ_nR4tV2mW9kL3zB8cD5fG0hJ6sA1eU4iO7yT2rE5wQ8aS3dF6gH9jK0lZ',
  channel: '19:5f3c2a1b0e9d4c8b7a6f5e4d3c2b1a09@thread.tacv2',
  team: '19:Qm8nB7vC6xZ5aS4dF3gH2jK1lP0oI9uY8tR7eW6q@thread.tacv2',
};

type Activity = Record<string, any>;

const person = (name: string): TeamsUser => ({ id: `29:1${name.replace(/\s/g, '')}-${randomUUID()}`, name });

/** A programme with a connected tenant and Anna as its project manager, and a server in front of it. */
async function teamsProgramme() {
  const test = await createTestCore({ db: bed.db });
  const tenantId = uniqueWorkspaceId('tenant-');
  await test.connectWorkspace('teams', tenantId);
  const anna = person('Anna Berg');
  await test.makeManager('teams', tenantId, anna.id, anna.name);
  const server = await startTeamsServer({ core: test.core });
  bed.servers.push(server);
  const ids = {
    tenant: tenantId,
    anna: anna.id,
    erik: person('Erik Lund').id,
    personal: `a:1${randomUUID()}`,
    channel: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`,
    team: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`,
  };
  /** The recorded fixture with this test's ids, activity id and connector. */
  const replay = (name: string): Activity => {
    let json = readFileSync(new URL(`../../fixtures/teams/${name}.json`, import.meta.url), 'utf8');
    for (const [key, recorded] of Object.entries(RECORDED)) json = json.split(recorded).join(ids[key as keyof typeof ids]);
    const activity = JSON.parse(json) as Activity;
    activity.id = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    activity.serviceUrl = bed.connector.serviceUrl;
    return activity;
  };
  const as = (userId: string, text: string, displayName?: string) =>
    test.core({ platform: 'teams', workspaceId: tenantId, userId, text, ...(displayName ? { displayName } : {}) });
  return { test, server, ids, anna, replay, as };
}

const callsTo = (conversationId: string) => bed.connector.calls.filter((c) => c.conversationId?.split(';', 1)[0] === conversationId);
const onlyCallTo = async (conversationId: string): Promise<ConnectorCall> => {
  const call = await bed.connector.waitFor((c) => c.conversationId?.split(';', 1)[0] === conversationId);
  expect(callsTo(conversationId)).toHaveLength(1);
  return call;
};

describe('recorded Teams messages, replayed through /api/messages', () => {
  it('a colleague new Teams splits into <at>Erik</at> <at>Lund</at> becomes one leader named Erik Lund', async () => {
    const { test, server, ids, as, anna, replay } = await teamsProgramme();
    await as(anna.id, 'cluster add Rymd sector:space', anna.name);

    expect((await server.post(replay('channel-mention-split-name'))).status).toBe(200);

    const reply = await onlyCallTo(ids.channel);
    expect(reply.body.text).toBe('Erik Lund är nu klusterledare i Rymd.');
    const [erik, ...others] = await bed.db.select().from(people).where(and(eq(people.programmeId, test.programme.id), eq(people.userId, ids.erik)));
    expect(others).toEqual([]);
    expect(erik!.displayName).toBe('Erik Lund');
    const [membership] = await bed.db.select().from(memberships).where(eq(memberships.personId, erik!.id));
    expect(membership?.role).toBe('leader');
    expect(reply.body.text).not.toContain(ids.erik);
  });

  it('an emoji Teams sends as an image is stored as the character the person typed, with the entities decoded', async () => {
    const { test, server, ids, as, anna, replay } = await teamsProgramme();
    await as(anna.id, 'cluster add Rymd sector:space', anna.name);

    expect((await server.post(replay('personal-emoji'))).status).toBe(200);

    const reply = await onlyCallTo(ids.personal);
    expect(reply.body.from).toMatchObject({ id: FIXTURE_BOT.id });
    const stored = await bed.db.select().from(notes).where(eq(notes.programmeId, test.programme.id));
    expect(stored.map((n) => n.text)).toEqual(['Afterwork med R&D-gänget på fredag 🍺']);
  });

  it('paragraphs and line breaks typed in Teams arrive as the meeting\'s decision and action lines, links and entities as typed', async () => {
    const { test, server, ids, as, anna, replay } = await teamsProgramme();
    await as(anna.id, 'cluster add Rymd sector:space', anna.name);

    expect((await server.post(replay('personal-formatted'))).status).toBe(200);

    const reply = await onlyCallTo(ids.personal);
    expect(visibleText(reply)).toContain('Styrgrupp v11');
    const [meeting, ...more] = await bed.db.select().from(meetings).where(eq(meetings.programmeId, test.programme.id));
    expect(more).toEqual([]);
    expect(meeting!.title).toBe('Styrgrupp v11');
    expect((await bed.db.select().from(decisions).where(eq(decisions.meetingId, meeting!.id))).map((d) => d.text)).toEqual(['R&D-budget > 2 MSEK godkänd']);
    expect((await bed.db.select().from(actionItems).where(eq(actionItems.meetingId, meeting!.id))).map((a) => a.text)).toEqual(['boka lokal, se https://www.esa.int']);
  });

  it('a recorded 1:1 message runs its command and the answer goes to that chat', async () => {
    const { server, ids, as, anna, replay } = await teamsProgramme();
    await as(anna.id, 'cluster add Rymd sector:space', anna.name);

    expect((await server.post(replay('personal-message'))).status).toBe(200);

    const reply = await onlyCallTo(ids.personal);
    expect(visibleText(reply)).toContain('• Rymd – space – ledare: –');
  });

  it('a recorded card button press runs the command it carries', async () => {
    const { server, ids, replay } = await teamsProgramme();

    expect((await server.post(replay('card-submit'))).status).toBe(200);

    const reply = await onlyCallTo(ids.personal);
    expect(reply.body.conversation).toMatchObject({ id: ids.personal });
    expect(visibleText(reply)).toMatch(/åtgärder/i);
  });
});

describe('Teams syntax in what LOKET tells people to type', () => {
  async function invite() {
    const home = await teamsProgramme();
    const invite = await home.as(home.anna.id, 'programme invite', home.anna.name);
    const text = invite.kind === 'reply' ? JSON.stringify(invite.reply) : '';
    const code = /Inbjudningskod: (\S+?) /.exec(text)?.[1];
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // The shared database's default programme may still wait for a first workspace; take it so the new
    // tenant below is not connected to it automatically.
    const repos = createRepositories(bed.db);
    const { programme } = await repos.programmes.ensureDefault('Test');
    if ((await repos.workspaces.countPlatformWorkspaces(programme.id)).total === 0) {
      const { workspace } = await repos.workspaces.ensure('slack', uniqueWorkspaceId('TDEFAULT'));
      await repos.workspaces.connect(workspace.id, programme.id, new Date());
    }
    return { ...home, code: code! };
  }

  it('after `programme join` in a channel the reply says @LOKET help, and in a 1:1 chat just help, never /loket', async () => {
    const { server, code, replay } = await invite();
    const guestTenant = uniqueWorkspaceId('tenant-');
    const inChannel = replay('channel-mention');
    inChannel.text = `<at>LOKET</at>&nbsp;programme join ${code}`;
    inChannel.entities = inChannel.entities.filter((e: Activity) => e.type !== 'mention' || e.mentioned.id === FIXTURE_BOT.id);
    inChannel.conversation.tenantId = guestTenant;
    inChannel.channelData.tenant.id = guestTenant;

    expect((await server.post(inChannel)).status).toBe(200);

    const channelId = (inChannel.conversation.id as string).split(';', 1)[0]!;
    const joined = await onlyCallTo(channelId);
    expect(joined.body.text).toContain('`@LOKET hjälp`');
    expect(JSON.stringify(joined.body)).not.toContain('/loket');

    const otherTenant = uniqueWorkspaceId('tenant-');
    const second = await invite();
    const personal = second.replay('personal-message');
    personal.text = `programme join ${second.code}`;
    personal.conversation.id = `a:1${randomUUID()}`;
    personal.conversation.tenantId = otherTenant;
    personal.channelData.tenant.id = otherTenant;

    expect((await second.server.post(personal)).status).toBe(200);

    const answered = await onlyCallTo(personal.conversation.id);
    expect(answered.body.text).toContain('`hjälp`');
    expect(answered.body.text).not.toContain('@LOKET');
    expect(JSON.stringify(answered.body)).not.toContain('/loket');
  });
});

describe('Teams forms', () => {
  it('every required input of the meeting and progress forms carries an error message in the reader\'s language', async () => {
    const { server, as, anna, replay } = await teamsProgramme();
    await as(anna.id, 'cluster add Rymd sector:space', anna.name);
    await as(anna.id, 'cluster role Rymd @me leader', anna.name);
    const expected = { 'sv-SE': /^Fyll i ”.+”\.$/, 'en-GB': /^Please fill in “.+”\.$/ };
    for (const [locale, pattern] of Object.entries(expected)) {
      for (const verb of ['meeting', 'progress']) {
        const activity = replay('personal-message');
        activity.text = verb;
        activity.locale = locale;
        activity.conversation.id = `a:1${randomUUID()}`;
        expect((await server.post(activity)).status).toBe(200);
        const call = await onlyCallTo(activity.conversation.id);
        const inputs = (call.body.attachments as { content: { body: Activity[] } }[]).flatMap((a) => a.content.body).filter((e) => String(e.type).startsWith('Input.'));
        const required = inputs.filter((e) => e.isRequired);
        expect(required.length, `${verb} ${locale}`).toBeGreaterThan(0);
        for (const input of required) expect(input.errorMessage, `${verb} ${locale} ${input.id}`).toMatch(pattern);
      }
    }
  });
});

describe('Teams size limit', () => {
  const underBudget = (calls: ConnectorCall[]) => {
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(utf16Bytes(call.body), `activity of ${calls.length}`).toBeLessThan(ACTIVITY_BUDGET_BYTES);
  };

  it('a very long cluster list with Swedish names and emoji arrives as activities each under 28 KB counted in UTF-16', async () => {
    const { server, ids, as, anna, replay } = await teamsProgramme();
    for (let i = 0; i < 160; i++) await as(anna.id, `cluster add "Ångström-klustret för ärlig östersjöforskning nr ${i} 🚀" sector:"havs- och rymdteknik, åäö 🍺"`, anna.name);
    const activity = replay('channel-mention');
    activity.text = '<at>LOKET</at>&nbsp;cluster list';
    activity.entities = activity.entities.filter((e: Activity) => e.type !== 'mention' || e.mentioned.id === FIXTURE_BOT.id);

    expect((await server.post(activity)).status).toBe(200);

    const calls = callsTo(ids.channel);
    expect(calls.length).toBeGreaterThan(1);
    underBudget(calls);
    expect(calls.map(visibleText).join('\n')).toContain('nr 159 🚀');
  });

  it('the largest proactive replies — long fields, many buttons, å/ä/ö, emoji and quotes — stay under the budget with the envelope', async () => {
    const { server } = await teamsProgramme();
    const conversationId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
    const reference = { channelId: 'msteams', serviceUrl: bed.connector.serviceUrl, bot: FIXTURE_BOT, conversation: { id: conversationId, conversationType: 'channel' } };
    const long = 'Återrapportering av ”hållbar östersjöfisk” 🐟 med "citat" och \\snedstreck\\ '.repeat(40);
    const reply: Reply = {
      title: 'Lägesrapport för alla kluster – vecka 11 🗓️',
      visibility: 'channel',
      blocks: [
        { type: 'text', text: Array.from({ length: 200 }, (_, i) => `Rad ${i}: ${long.slice(0, 300)}`).join('\n') },
        { type: 'list', title: 'Åtgärder', items: Array.from({ length: 400 }, (_, i) => `A${i} – ${long.slice(0, 180)}`) },
        { type: 'fields', fields: Array.from({ length: 150 }, (_, i) => ({ label: `Fält ${i} åäö`, value: long.slice(0, 400) })) },
      ],
      buttons: Array.from({ length: 60 }, (_, i) => ({ label: `Klar ${i} ✅ åäö`, command: `action done A${i} note:"${long.slice(0, 120)}"` })),
      links: [{ label: 'Öppna översikten', url: 'https://loket.example/översikt?vecka=11' }],
    };

    await server.adapter.send(reference, reply, { id: person('Åsa Öberg').id, name: 'Åsa Öberg' });
    await server.adapter.send(reference, { visibility: 'channel', blocks: [{ type: 'text', text: Array.from({ length: 3000 }, (_, i) => `”${i}” åäö 🍺 "x"`).join('\n') }] });

    underBudget(callsTo(conversationId));
    expect(callsTo(conversationId).length).toBeGreaterThan(4);
  });
});

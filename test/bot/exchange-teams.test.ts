// Peer exchange through the Teams adapter at its boundary: typed messages and Adaptive Card submits in,
// the fake Bot Connector out — the proposal reaches the offering side's 1:1 chat as a card with actions,
// and the second Accept sends the other side a 1:1 introduction (Teams bots cannot create group chats).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsNotifier } from '../../bot/teams/teams-notifier.js';
import type { OpenedDatabase } from '../../db/client.js';
import { createRepositories } from '../../db/repositories.js';
import { exchangeProposals } from '../../db/schema/index.js';
import { deliverOutbox } from '../../handlers/core/outbox-dispatcher.js';
import { routeNotifiers } from '../../handlers/core/notifier.js';
import { messageActivity, startFakeTeamsConnector, submitActivity, type ConnectorCall, type FakeTeamsConnector, type TeamsUser } from '../support/fake-teams-connector.js';
import { createTestCore, say, silentLogger, type TestCore } from '../support/test-core.js';
import { openTestDatabase } from '../support/test-database.js';
import { startTeamsServer, visibleText, type TeamsServer } from './teams/teams-server.js';

let opened: OpenedDatabase;
let connector: FakeTeamsConnector;
let teams: TeamsServer;
let test: TestCore;
const tenant = `tenant-${randomUUID().slice(0, 8)}`;
const tove: TeamsUser = { id: `29:1tove-${randomUUID().slice(0, 6)}`, name: 'Tove' };
const ulf: TeamsUser = { id: `29:1ulf-${randomUUID().slice(0, 6)}`, name: 'Ulf' };
const chatOf = (user: TeamsUser) => `a:1:1-${user.id}`;

beforeAll(async () => {
  opened = await openTestDatabase();
  connector = await startFakeTeamsConnector();
  test = await createTestCore({ db: opened.db });
  teams = await startTeamsServer({ core: test.core });
  await test.connectWorkspace('teams', tenant);
  await test.makeManager('teams', tenant, '29:1pm', 'Petra');
  // Each leader has written to LOKET in their 1:1 chat once, so LOKET may message them there later.
  for (const user of [tove, ulf]) await send(user, 'whoami');
  const pm = (text: string) => say(test.core, { platform: 'teams', workspaceId: tenant, userId: '29:1pm' }, text);
  for (const text of ['cluster add Rymd sector:space', 'cluster add Skog sector:forest', 'cluster role Rymd @Tove leader', 'cluster role Skog @Ulf leader']) await pm(text);
}, 60_000);
afterAll(async () => {
  await teams?.close();
  await connector?.close();
  await opened?.close();
});

/** Posts an activity from `user` in their 1:1 chat and returns LOKET's reply there. */
async function post(user: TeamsUser, activity: Record<string, unknown>): Promise<ConnectorCall> {
  const before = connector.calls.length;
  expect((await teams.post(activity)).status).toBeLessThan(300);
  return connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.conversationId === chatOf(user), 15_000);
}
const where = (user: TeamsUser) => ({ serviceUrl: connector.serviceUrl, tenantId: tenant, from: user, conversation: { id: chatOf(user), conversationType: 'personal' as const } });
const send = (user: TeamsUser, text: string) => post(user, messageActivity({ ...where(user), text }));
const submit = (user: TeamsUser, command: string) => post(user, submitActivity({ ...where(user), value: { loketCommand: command } }));

function deliver() {
  const notifier = routeNotifiers({ teams: createTeamsNotifier({ send: teams.adapter.send, logger: silentLogger, language: 'sv' }) });
  return deliverOutbox({ db: opened.db, clock: test.clock, logger: silentLogger, notifier, programmeIds: [test.programme.id] });
}

const cardCommands = (call: ConnectorCall | undefined): string[] =>
  ((call?.body?.attachments ?? []) as { content: { body: { type: string; actions?: { data?: { loketCommand?: string } }[] }[] } }[])
    .flatMap((a) => a.content.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions ?? []))
    .map((action) => action.data?.loketCommand ?? '');

describe('peer exchange in Teams', () => {
  it('the proposal reaches the other side as a card with actions; both accepts give each a 1:1 introduction', async () => {
    await send(ulf, 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
    const need = await send(tove, 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
    expect(visibleText(need)).toContain('X1 · med Ulf – båda om eu projects');

    const before = connector.calls.length;
    expect((await deliver()).sent).toBe(1);
    const proposal = connector.calls.slice(before).find((c) => c.conversationId === chatOf(ulf));
    expect(proposal?.kind).toBe('send');
    expect(visibleText(proposal!)).toContain('Förslag X1: träffa Tove');
    expect(visibleText(proposal!)).toContain('Tove (Rymd) behöver hjälp med ”Hjälp med en Interreg-ansökan”, och ditt erbjudande passar.');
    expect(cardCommands(proposal)).toEqual(['exchange accept X1', 'exchange decline X1']);

    expect(visibleText(await submit(ulf, 'exchange accept X1'))).toContain('Du har tackat ja till X1. Jag presenterar er när Tove också har tackat ja.');
    const intro = visibleText(await submit(tove, 'exchange accept X1'));
    expect(intro).toContain('Utbyte X1: möt Ulf');
    expect(intro).toContain(`Nås via: teams ${ulf.id} (${tenant})`);
    expect(intro).toContain('Ulf får samma presentation av dig i ett direktmeddelande.');

    const afterAccept = connector.calls.length;
    expect((await deliver()).sent).toBe(1);
    const toUlf = connector.calls.slice(afterAccept).filter((c) => c.conversationId === chatOf(ulf));
    expect(toUlf).toHaveLength(1);
    expect(visibleText(toUlf[0]!)).toContain('Utbyte X1: möt Tove');
    expect(visibleText(toUlf[0]!)).toContain(`Nås via: teams ${tove.id} (${tenant})`);
    expect(visibleText(toUlf[0]!)).toContain('Behovet: Hjälp med en Interreg-ansökan');

    const [row] = await opened.db.select().from(exchangeProposals).where(eq(exchangeProposals.programmeId, test.programme.id));
    expect(row).toMatchObject({ state: 'introduced', needAnswer: 'accepted', offerAnswer: 'accepted' });
    const { messages } = await createRepositories(opened.db).outbox.list(test.programme.id);
    expect(messages.map((m) => [m.kind, m.status]).sort()).toEqual([['exchange.introduction', 'sent'], ['exchange.proposal', 'sent']]);
  }, 60_000);
});

// The messages both sides of an exchange get without asking: queued in the command's own transaction,
// delivered after the commit by the outbox dispatcher, each once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { exchangeProposals, outboxMessages } from '../../../db/schema/index.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { renderPlainText, type Reply } from '../../../handlers/core/reply.js';
import { createOutboxKicker, deliverOutbox } from '../../../handlers/core/outbox-dispatcher.js';
import { createFakeNotifier, type FakeNotifier } from '../../support/fake-notifier.js';
import { say, silentLogger, testSettings, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const outbox = async (p: MeetingProgramme) =>
  (await createRepositories(opened.db).outbox.list(p.test.programme.id)).messages.map((m) => ({ kind: m.kind, status: m.status, people: m.personIds.length, text: renderPlainText(m.reply as unknown as Reply) }));

function deliver(p: MeetingProgramme, notifier: FakeNotifier) {
  return deliverOutbox({ db: opened.db, clock: p.test.clock, logger: silentLogger, notifier, programmeIds: [p.test.programme.id] });
}

/** Erik (Skog) offers; Anna (Rymd) states a need: X1 is proposed to Anna in her reply and queued for Erik. */
async function proposed() {
  const p = await meetingProgramme(opened.db);
  await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
  await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects,financing"');
  return p;
}

describe('the proposal reaches the offering side', () => {
  it('is queued with the need, delivered once with Accept/Decline buttons, and not again', async () => {
    const p = await proposed();
    expect(await outbox(p)).toEqual([{ kind: 'exchange.proposal', status: 'pending', people: 1, text: expect.stringContaining('Förslag X1: träffa Anna') }]);
    const notifier = createFakeNotifier();
    expect((await deliver(p, notifier)).sent).toBe(1);
    const [message] = notifier.to('UERIK');
    expect(message?.text).toContain('Anna (Rymd) behöver hjälp med ”Hjälp med en Interreg-ansökan”, och ditt erbjudande passar.');
    expect(message?.text).toContain('Varför: båda om eu projects');
    expect(message?.reply.buttons?.map((b) => b.command)).toEqual(['exchange accept X1', 'exchange decline X1']);
    expect(notifier.to('UANNA')).toEqual([]);
    expect((await deliver(p, notifier)).sent).toBe(0);
    expect(notifier.sent).toHaveLength(1);
    expect((await outbox(p))[0]?.status).toBe('sent');
  });

  it('a need that is refused queues nothing', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UERIK', 'exchange offer Interreg-ansökningar');
    expect(errorCode((await p.as('UNILS', 'exchange need Interreg-ansökan')).outcome)).toBe('permission.denied');
    expect(await outbox(p)).toEqual([]);
  });

  it('a platform that failed is retried later; a recipient the bot cannot reach any more is not', async () => {
    const p = await proposed();
    const notifier = createFakeNotifier();
    notifier.failNext('failed');
    expect((await deliver(p, notifier)).failed).toBe(1);
    expect((await deliver(p, notifier)).sent).toBe(0);
    p.test.clock.advance(6 * 60_000);
    expect((await deliver(p, notifier)).sent).toBe(1);
    await p.as('UTOVA', 'whoami', 'Tova');
    await p.as('UPM', 'cluster add Turism sector:tourism');
    await p.as('UPM', 'cluster role Turism @Tova leader');
    await p.as('UTOVA', 'exchange offer Interreg-ansökningar för besöksnäringen tags:"eu projects"');
    await p.as('UANNA', 'exchange need Interreg igen tags:"eu projects"');
    notifier.failNext('gone');
    expect((await deliver(p, notifier)).gone).toBe(1);
    p.test.clock.advance(60 * 60_000);
    expect((await deliver(p, notifier)).sent).toBe(0);
    expect((await outbox(p)).map((m) => m.status)).toEqual(['sent', 'gone']);
  });

  it('the dispatcher is kicked after each commit, so the other side hears at once', async () => {
    const p = await meetingProgramme(opened.db);
    const notifier = createFakeNotifier();
    const kicker = createOutboxKicker({ db: opened.db, clock: p.test.clock, logger: silentLogger, notifier, programmeIds: [p.test.programme.id] });
    const core = createLoketCore({ db: opened.db, clock: p.test.clock, logger: silentLogger, settings: { ...testSettings, outbox: kicker } });
    const as = (userId: string, text: string) => say(core, { platform: 'slack', workspaceId: p.workspaceId, userId }, text);
    await as('UERIK', 'exchange offer Interreg-ansökningar');
    await as('UANNA', 'exchange need Interreg-ansökan');
    await kicker.idle();
    expect(notifier.to('UERIK').map((m) => m.reply.title)).toEqual(['Förslag X1: träffa Anna']);
  });

  it('a command that queued no message does not kick the dispatcher (it would read the outbox after every command)', async () => {
    const p = await meetingProgramme(opened.db);
    let kicks = 0;
    const core = createLoketCore({ db: opened.db, clock: p.test.clock, logger: silentLogger, settings: { ...testSettings, outbox: { kick: () => void kicks++ } } });
    const as = (userId: string, text: string) => say(core, { platform: 'slack', workspaceId: p.workspaceId, userId }, text);
    await as('UANNA', 'note Rymd Testbädden är bokad');
    await as('UERIK', 'exchange offer Interreg-ansökningar');
    expect(kicks).toBe(0);
    await as('UANNA', 'exchange need Interreg-ansökan');
    expect(kicks).toBe(1);
  });
});

describe('answers', () => {
  it('the second accept in one Slack workspace queues one group introduction for both, and says so', async () => {
    const p = await proposed();
    await p.as('UERIK', 'exchange accept X1');
    const { text } = await p.as('UANNA', 'exchange accept X1');
    expect(text).toContain('Utbyte X1: möt Erik');
    expect(text).toContain('Jag öppnar också en gruppkonversation för dig och Erik med dagordningen.');
    const notifier = createFakeNotifier();
    notifier.sendGroup = async (people, reply) => {
      notifier.sent.push({ kind: 'direct', to: people.map((x) => x.userId).join(','), target: people[0]!, reply, text: renderPlainText(reply) });
      return {};
    };
    await deliver(p, notifier);
    const [group] = notifier.to('UANNA,UERIK');
    expect(group?.text).toContain('Utbyte X1: Anna och Erik');
    expect(group?.text).toContain('Anna: Rymd · – · <@UANNA>');
    expect(group?.text).toContain('Erik: Skog · – · <@UERIK>');
    expect(group?.text).toContain('Behovet: Hjälp med en Interreg-ansökan');
    expect(group?.text).toContain('Efteråt: `utbyte klart X1 lärdom: …`');
    expect((await outbox(p)).filter((m) => m.kind === 'exchange.introduction')).toEqual([expect.objectContaining({ people: 2, status: 'sent' })]);
  });

  it('across workspaces the other side gets a 1:1 introduction with the platform id to reach them', async () => {
    const p = await meetingProgramme(opened.db);
    const other = uniqueWorkspaceId();
    await p.test.connectWorkspace('slack', other);
    await say(p.test.core, { platform: 'slack', workspaceId: other, userId: 'UKARIN', displayName: 'Karin' }, 'whoami');
    await p.as('UPM', 'cluster role Skog @Karin leader');
    await say(p.test.core, { platform: 'slack', workspaceId: other, userId: 'UKARIN' }, 'exchange offer Interreg-ansökningar');
    await p.as('UANNA', 'exchange need Interreg-ansökan');
    await say(p.test.core, { platform: 'slack', workspaceId: other, userId: 'UKARIN' }, 'exchange accept X1');
    const { text } = await p.as('UANNA', 'exchange accept X1');
    expect(text).toContain(`Nås via: slack UKARIN (${other})`);
    expect(text).toContain('Karin får samma presentation av dig i ett direktmeddelande.');
    const notifier = createFakeNotifier();
    await deliver(p, notifier);
    const intro = notifier.to('UKARIN').find((m) => m.reply.title === 'Utbyte X1: möt Anna');
    expect(intro?.text).toContain(`Nås via: slack UANNA (${p.workspaceId})`);
    expect(notifier.to('UANNA')).toEqual([]);
  });

  it('two accepts at the same moment queue exactly one introduction', async () => {
    const p = await proposed();
    await Promise.all([p.as('UANNA', 'exchange accept X1'), p.as('UERIK', 'exchange accept X1')]);
    expect((await outbox(p)).filter((m) => m.kind === 'exchange.introduction')).toHaveLength(1);
    const [row] = await opened.db.select().from(exchangeProposals).where(eq(exchangeProposals.programmeId, p.test.programme.id));
    expect(row?.state).toBe('introduced');
  });

  it('a refused accept (not one of the two, or twice) queues nothing', async () => {
    const p = await proposed();
    expect(errorCode((await p.as('UDANA', 'exchange accept X1')).outcome)).toBe('exchange.not_party');
    await p.as('UERIK', 'exchange accept X1');
    expect(errorCode((await p.as('UERIK', 'exchange accept X1')).outcome)).toBe('exchange.already_answered');
    expect((await outbox(p)).map((m) => m.kind)).toEqual(['exchange.proposal']);
  });

  it('a decline tells the other side, with the reason', async () => {
    const p = await proposed();
    await p.as('UERIK', 'exchange decline X1 Hinner inte före sommaren');
    const notifier = createFakeNotifier();
    await deliver(p, notifier);
    expect(notifier.to('UANNA').map((m) => m.text)).toEqual(['Erik tackade nej till förslag X1: ”Hinner inte före sommaren”. Behovet ligger kvar för andra förslag.']);
  });

  it('a round sends both sides their proposal, and the PM only the summary', async () => {
    const p = await meetingProgramme(opened.db);
    // Erik is paused while he offers, so the offer pairs with nothing until the round.
    await p.as('UANNA', 'exchange need Styrelsearbete och valberedning');
    await p.as('UERIK', 'exchange pause 1');
    await p.as('UERIK', 'exchange offer Styrelsearbete i ideella föreningar');
    await p.as('UERIK', 'exchange resume');
    expect(await outbox(p)).toEqual([]);
    expect((await p.as('UPM', 'exchange round')).text).toContain('X1 · Anna och Erik');
    const notifier = createFakeNotifier();
    await deliver(p, notifier);
    expect(notifier.to('UANNA')[0]?.text).toContain('För ert behov ”Styrelsearbete och valberedning” föreslår jag Erik (Skog)');
    expect(notifier.to('UERIK')[0]?.text).toContain('Anna (Rymd) behöver hjälp med ”Styrelsearbete och valberedning”');
    expect(notifier.to('UPM')).toEqual([]);
    const rows = await opened.db.select({ key: outboxMessages.key }).from(outboxMessages).where(eq(outboxMessages.programmeId, p.test.programme.id));
    expect(rows).toHaveLength(2);
  });
});

// Two weeks after an introduction each side is asked once "did you meet? what did you learn?"; the
// answer becomes a note of both clusters that `search` finds and `status` counts.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, exchangeLearnings, notes, outboxMessages } from '../../../db/schema/index.js';
import { runExchangeTick } from '../../../handlers/exchange/exchange-tick.js';
import { createFakeNotifier } from '../../support/fake-notifier.js';
import { silentLogger } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const DAY = 24 * 60 * 60 * 1000;

/** Anna (Rymd) and Erik (Skog) are introduced in X1 at the fixture's clock, 2026-03-02. */
async function introduced() {
  const p = await meetingProgramme(opened.db);
  await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
  await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan tags:"eu projects"');
  await p.as('UERIK', 'exchange accept X1');
  await p.as('UANNA', 'exchange accept X1');
  const notifier = createFakeNotifier();
  const tick = (followUpAfterDays?: number) =>
    runExchangeTick({ db: opened.db, clock: p.test.clock, logger: silentLogger, notifier, programmeIds: [p.test.programme.id], timezone: 'Europe/Stockholm', defaultLanguage: 'sv', ...(followUpAfterDays ? { followUpAfterDays } : {}) });
  await tick();
  notifier.sent.length = 0;
  return { p, notifier, tick };
}

const followUps = (p: MeetingProgramme) =>
  opened.db.select({ key: outboxMessages.key, status: outboxMessages.status }).from(outboxMessages)
    .where(and(eq(outboxMessages.programmeId, p.test.programme.id), eq(outboxMessages.kind, 'exchange.follow_up')));

describe('exchange follow-up', () => {
  it('asks each side once, two weeks after the introduction, with the command to answer and a button', async () => {
    const { p, notifier, tick } = await introduced();
    p.test.clock.advance(13 * DAY);
    expect((await tick()).queued).toBe(0);
    p.test.clock.advance(1 * DAY + 60_000);
    expect(await tick()).toMatchObject({ queued: 2, sent: 2 });
    const [toAnna] = notifier.to('UANNA');
    expect(toAnna?.reply.title).toBe('Utbyte X1: hur gick det?');
    expect(toAnna?.text).toContain('Jag presenterade dig för Erik (Skog) om ”Hjälp med en Interreg-ansökan”. Träffades ni? Vad lärde du dig, och vad ska du pröva?');
    expect(toAnna?.text).toContain('Skriv `utbyte klart X1 lärdom: …`');
    expect(toAnna?.reply.buttons?.map((b) => b.command)).toEqual(['exchange done X1']);
    expect(notifier.to('UERIK')[0]?.text).toContain('Jag presenterade dig för Anna (Rymd)');
    p.test.clock.advance(7 * DAY);
    expect(await tick()).toMatchObject({ queued: 0, sent: 0 });
    expect(notifier.sent).toHaveLength(2);
    expect((await followUps(p)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('the delay is a setting', async () => {
    const { p, notifier, tick } = await introduced();
    p.test.clock.advance(3 * DAY + 60_000);
    expect((await tick()).queued).toBe(0);
    expect((await tick(3)).queued).toBe(2);
    expect(notifier.sent).toHaveLength(2);
  });

  it('someone away is asked on the first tick after they are back; someone who already answered is not asked', async () => {
    const { p, notifier, tick } = await introduced();
    await p.as('UERIK', 'exchange done X1 learned: Dela mallarna tidigt');
    await p.as('UANNA', 'away 2026-03-10 2026-03-20');
    p.test.clock.set(new Date('2026-03-17T09:00:00Z'));
    expect((await tick()).queued).toBe(0);
    p.test.clock.set(new Date('2026-03-21T08:00:00Z'));
    expect((await tick()).queued).toBe(1);
    expect(notifier.sent.map((m) => m.to)).toEqual(['UANNA']);
    expect(await followUps(p)).toEqual([{ key: expect.stringMatching(/^exchange\.follow_up:.+:need$/), status: 'sent' }]);
  });

  it("the answer becomes a note of both clusters, found by search and counted as an experience exchange", async () => {
    const { p, tick } = await introduced();
    p.test.clock.advance(15 * DAY);
    await tick();
    const form = await p.as('UANNA', 'exchange done X1');
    expect(form.outcome.kind === 'reply' && form.outcome.reply.form?.verb).toBe('exchange done');
    const { text } = await p.as('UANNA', 'exchange done "X1" learned:"Skriv en projektskiss på en sida innan partnerna tillfrågas"');
    expect(text).toBe('Tack! Lärdomen från X1 är sparad som N1, N2 i Rymd och Skog. Alla i programmet hittar den med `sök`.');
    const stored = await opened.db.select({ cluster: clusters.name }).from(notes).innerJoin(clusters, eq(clusters.id, notes.clusterId)).where(eq(notes.programmeId, p.test.programme.id));
    expect(stored.map((s) => s.cluster).sort()).toEqual(['Rymd', 'Skog']);
    expect(await opened.db.select().from(exchangeLearnings).where(eq(exchangeLearnings.programmeId, p.test.programme.id))).toHaveLength(1);
    const found = await p.as('UOLLE', 'search projektskiss');
    expect(found.text).toContain('Anteckning N1');
    expect(found.text).toContain('Anteckning N2');
    expect((await p.as('UPM', 'status')).text).toContain('Genomförda erfarenhetsutbyten: 1');
    expect((await p.as('UPM', 'status Skog')).text).toContain('Genomförda erfarenhetsutbyten: 1');
  });
});

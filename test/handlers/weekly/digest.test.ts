import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { digestSubscriptions } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { inChannel, weeklyProgramme, type WeeklyProgramme } from '../../support/weekly-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const subscriptionsOf = (p: WeeklyProgramme) => opened.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.programmeId, p.test.programme.id));
const channel = () => `C${randomUUID().slice(0, 8).toUpperCase()}`;

describe('digest here / off', () => {
  it('a PM subscribes the channel they type in, with day, time and language, and can turn it off again', async () => {
    const p = await weeklyProgramme(opened.db);
    const id = channel();
    const { text } = await p.as('UPM', 'digest here day:mon time:8:30 lang:en', inChannel(id));
    expect(text).toBe('Den här kanalen får veckosammanfattningen varje måndag kl. 08:30.');
    expect((await subscriptionsOf(p)).map((s) => [s.channelId, s.weekday, s.time, s.language, s.active])).toEqual([[id, 1, '08:30', 'en', true]]);
    expect((await p.as('UPM', 'digest off', inChannel(id))).text).toBe('Den här kanalen får inte längre veckosammanfattningen.');
    expect((await subscriptionsOf(p)).map((s) => [s.active, s.inactiveReason])).toEqual([[false, 'off']]);
  });

  it('without options the digest defaults to Friday 14:00 in the asker\'s language', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UANNA', 'digest here', inChannel(channel()));
    expect((await subscriptionsOf(p)).map((s) => [s.weekday, s.time, s.language])).toEqual([[5, '14:00', 'sv']]);
  });

  it('an unknown day or time is refused with an example and nothing is stored', async () => {
    const p = await weeklyProgramme(opened.db);
    const { outcome, text } = await p.as('UPM', 'digest here day:someday', inChannel(channel()));
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.enum_invalid');
    expect(text).toContain('”someday” är inget av `mån`, `tis`, `ons`, `tor`, `fre`, `lör`, `sön`.');
    expect(text).toContain('Exempel: `sammanfattning här dag:fre tid:14:00 språk:svenska`');
    expect((await p.as('UPM', 'digest here time:25:00', inChannel(channel()))).text).toContain('”25:00” är ingen tid');
    expect(await subscriptionsOf(p)).toEqual([]);
  });

  it('outside a channel (the console or a 1:1 chat) there is nothing to subscribe', async () => {
    const p = await weeklyProgramme(opened.db);
    expect((await p.as('UPM', 'digest here')).text).toContain('Skriv `sammanfattning här` i kanalen');
    const personal = { channelId: 'D123', conversation: { id: 'D123', type: 'personal' as const, reference: {} } };
    expect((await p.as('UPM', 'digest here', personal)).text).toContain('inte till ett privat samtal');
    expect(await subscriptionsOf(p)).toEqual([]);
  });

  it('a plain member may not subscribe a channel', async () => {
    const p = await weeklyProgramme(opened.db);
    await p.as('UNILS', 'join Rymd');
    const { outcome } = await p.as('UNILS', 'digest here', inChannel(channel()));
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('permission.denied');
    expect(await subscriptionsOf(p)).toEqual([]);
  });
});

describe('digest preview', () => {
  it('shows per cluster the note, meetings, decisions, new and overdue action items, and who was silent', async () => {
    const p = await weeklyProgramme(opened.db, { clusters: ['Rymd', 'Skog'], start: new Date('2026-03-02T08:00:00Z') });
    await p.as('UANNA', ['meeting "Gammalt möte" date:2026-02-20 cluster:Rymd', 'action: @me Skicka offert due:2026-02-27'].join('\n'));
    await p.as('UANNA', ['meeting Styrgrupp date:2026-03-02 cluster:Rymd', 'decision: Testbädden blir första satsningen', 'action: @me Boka lokal due:2026-03-20'].join('\n'));
    await p.as('UANNA', 'progress done: Workshop next: Vinnova blockers: Budget mood:yellow');
    await p.as('UBO', 'exchange need Hjälp med medlemsrekrytering');
    const { outcome, text } = await p.as('UNILS', 'digest preview');
    expect(outcome.kind === 'reply' && outcome.reply.visibility).toBe('private');
    expect(text).toContain('Veckosammanfattning 2026-W10');
    expect(text).toContain('Rymd · 2026-W10\n  • Anna – gult: Gjort: Workshop; Nästa: Vinnova; Hinder: Budget');
    expect(text).toContain('Möte M2 ”Styrgrupp” (2026-03-02)\n  • Beslut: Testbädden blir första satsningen');
    expect(text).toContain('Försenad åtgärd A1: Skicka offert (Anna, skulle vara klar 2026-02-27)');
    expect(text).toContain('Ny åtgärd A2: Boka lokal (Anna, senast 2026-03-20)');
    expect(text).not.toContain('Gammalt möte');
    expect(text).toContain('Skog\n  • Ingen veckorapport än.\n  • Söker erfarenhetsutbyte: Hjälp med medlemsrekrytering (Bo)');
    expect(text).toContain('Tysta den här veckan: Skog (Bo).');
  });

  it("shows both the leader's and the deputy's note of the week, each under its writer's name, and the cluster is not silent", async () => {
    const p = await weeklyProgramme(opened.db, { start: new Date('2026-03-02T08:00:00Z') });
    await p.as('UPM', 'cluster role Rymd <@UDANA|Dana> deputy');
    await p.as('UANNA', 'progress done: Skickade Vinnova-utkast');
    p.test.clock.advance(60 * 60 * 1000);
    await p.as('UDANA', 'progress done: Utbildning i exportkontroll mood:green');
    const { text } = await p.as('UNILS', 'digest preview');
    expect(text).toContain('Rymd · 2026-W10\n  • Anna: Gjort: Skickade Vinnova-utkast\n  • Dana – grönt: Gjort: Utbildning i exportkontroll');
    expect(text).not.toContain('Tysta den här veckan');
  });
});

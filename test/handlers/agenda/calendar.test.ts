// Invitations and feeds are written by ical-generator and read back here with another library (ical.js),
// under TZ=UTC so a zone-less date would show: the instants must be Stockholm's across the DST weekend.
process.env.TZ = 'UTC';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createCalendarLinks } from '../../../bot/calendar/calendar-links.js';
import { registerCalendarRoute } from '../../../bot/calendar/calendar-route.js';
import type { Clock } from '../../../handlers/core/context.js';
import { errorCode } from '../../support/programme-fixture.js';
import { createTestCore, say, silentLogger, uniqueWorkspaceId } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

const SECRET = 'calendar-test-secret-calendar-test-secret';
let opened: OpenedDatabase;
let server: Server;
let base: string;
const clock: { current?: Clock } = {};

beforeAll(async () => {
  opened = await openTestDatabase();
  const app = express();
  registerCalendarRoute(app, { db: opened.db, secretKey: SECRET, clock: { now: () => clock.current!.now() }, logger: silentLogger, timezone: 'Europe/Stockholm' });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await opened.close();
});

async function programme() {
  const test = await createTestCore({ db: opened.db, settings: { calendar: createCalendarLinks({ publicUrl: base, secretKey: SECRET }) } });
  clock.current = test.clock;
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  await test.makeManager('slack', workspaceId, 'UPM', 'Petra');
  const as = (userId: string, text: string, displayName?: string) => say(test.core, { platform: 'slack', workspaceId, userId, ...(displayName ? { displayName } : {}) }, text);
  for (const [id, name] of [['UANNA', 'Anna'], ['UERIK', 'Erik'], ['UNILS', 'Nils']] as const) await as(id, 'whoami', name);
  for (const command of ['cluster add Rymd sector:space', 'cluster add Skog sector:forest', 'cluster role Rymd @Anna leader', 'cluster role Skog @Erik leader', 'cluster role Rymd @Nils member']) await as('UPM', command);
  return { test, as };
}

const linkOf = (outcome: Awaited<ReturnType<typeof say>>['outcome']) => (outcome.kind === 'reply' ? outcome.reply.links?.[0]?.url : undefined);

/** The calendar as another library reads it: its VTIMEZONEs registered, each event's instants and fields. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: component.getFirstPropertyValue('status'),
      start: event.startDate.toJSDate().toISOString(),
      allDay: event.startDate.isDate,
      tzid: event.startDate.isDate ? null : event.startDate.zone?.tzid,
    };
  });
  return { method: calendar.getFirstPropertyValue('method'), zones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')), events };
}

describe('calendar invitations', () => {
  it('an invitation carries Stockholm time with its VTIMEZONE on both sides of the DST weekend, and a move bumps SEQUENCE under the same UID', async () => {
    expect(new Date('2026-03-27T10:00:00').getTimezoneOffset()).toBe(0);
    const p = await programme();
    await p.as('UANNA', 'meeting plan "Före sommartid" date:2026-03-27 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan "Efter sommartid" date:2026-03-30 time:10:00 cluster:Rymd place:Kiruna');
    const first = await fetch(linkOf((await p.as('UNILS', 'meeting invite M1')).outcome)!);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/calendar');
    const before = parse(await first.text());
    expect(before.method).toBe('PUBLISH');
    expect(before.zones).toEqual(['Europe/Stockholm']);
    expect(before.events).toEqual([expect.objectContaining({ summary: 'Före sommartid', sequence: 0, status: 'CONFIRMED', start: '2026-03-27T09:00:00.000Z', tzid: 'Europe/Stockholm' })]);
    const after = parse(await (await fetch(linkOf((await p.as('UNILS', 'meeting invite M2')).outcome)!)).text());
    // 10:00 is 09:00 UTC before the change (CET) and 08:00 UTC after it (CEST).
    expect(after.events[0]!.start).toBe('2026-03-30T08:00:00.000Z');

    const oldLink = linkOf((await p.as('UNILS', 'meeting invite M1')).outcome)!;
    await p.as('UANNA', 'meeting move M1 date:2026-03-30 time:11:00');
    const stale = await fetch(oldLink);
    expect(stale.status).toBe(410);
    expect(await stale.text()).toContain('M1 har flyttats sedan den här inbjudan skapades');
    const moved = parse(await (await fetch(linkOf((await p.as('UNILS', 'meeting invite M1')).outcome)!)).text());
    expect(moved.events[0]).toMatchObject({ uid: before.events[0]!.uid, sequence: 1, start: '2026-03-30T09:00:00.000Z' });
  });

  it('a forged or tampered invitation link is refused before anything is looked up; a cancelled meeting has no invitation', async () => {
    const p = await programme();
    await p.as('UANNA', 'meeting plan Avstämning date:2026-03-20 time:10:00 cluster:Rymd');
    const link = linkOf((await p.as('UNILS', 'meeting invite M1')).outcome)!;
    const [head, signature] = link.split('/calendar/invitations/')[1]!.replace('.ics', '').split('.');
    const forged = await fetch(`${base}/calendar/invitations/${head}.${signature!.slice(0, -2)}AA.ics`);
    expect(forged.status).toBe(403);
    await p.as('UANNA', 'meeting cancel M1');
    expect(errorCode(await p.as('UNILS', 'meeting invite M1'))).toBe('plan.cancelled');
    expect((await fetch(link)).status).toBe(410);
  });
});

describe('calendar feed', () => {
  it("serves the person's meetings and open action due dates, shows a cancelled meeting as CANCELLED, and dies with revoke", async () => {
    const p = await programme();
    await p.as('UANNA', 'meeting plan Rymdmöte date:2026-03-27 time:10:00 cluster:Rymd');
    await p.as('UANNA', 'meeting plan "Rymd april" date:2026-04-02 time:13:30 length:45 cluster:Rymd');
    await p.as('UERIK', 'meeting plan Skogsmöte date:2026-03-27 time:10:00 cluster:Skog');
    await p.as('UANNA', 'meeting Avstämning cluster:Rymd\naction: @Nils Skicka budgeten due:2026-04-10');
    await p.as('UANNA', 'meeting cancel M2');
    const { text, outcome } = await p.as('UNILS', 'calendar');
    expect(text).toContain('Din kalenderprenumeration');
    const url = linkOf(outcome)!;
    expect(url).toMatch(/\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = parse(await (await fetch(url)).text());
    const bySummary = Object.fromEntries(feed.events.map((e) => [e.summary, e]));
    expect(Object.keys(bySummary).sort()).toEqual(['Förfaller: A1 Skicka budgeten', 'Rymd april', 'Rymdmöte']);
    expect(bySummary['Rymdmöte']).toMatchObject({ start: '2026-03-27T09:00:00.000Z', status: 'CONFIRMED', sequence: 0 });
    expect(bySummary['Rymd april']).toMatchObject({ start: '2026-04-02T11:30:00.000Z', status: 'CANCELLED', sequence: 1 });
    expect(bySummary['Förfaller: A1 Skicka budgeten']).toMatchObject({ allDay: true });
    expect((await p.as('UNILS', 'calendar revoke')).text).toContain('Din kalenderprenumeration är stängd');
    expect((await fetch(url)).status).toBe(404);
    const again = linkOf((await p.as('UNILS', 'kalender')).outcome)!;
    expect(again).not.toBe(url);
    expect((await fetch(again)).status).toBe(200);
    expect((await p.as('UNILS', 'calendar')).outcome).toBeTruthy();
    expect((await fetch(again)).status).toBe(404);
  });
});

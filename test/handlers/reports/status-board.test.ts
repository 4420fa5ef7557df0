// The advisory board exists to follow the programme: a board member reads `status` for every cluster and
// every cluster's weekly notes, and still changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { meetingProgramme, errorCode, type MeetingProgramme } from '../../support/programme-fixture.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
let p: MeetingProgramme;
beforeAll(async () => {
  opened = await openTestDatabase();
  p = await meetingProgramme(opened.db);
  await p.as('UKARIN', 'whoami', 'Karin');
  expect(errorCode((await p.as('UPM', 'board add @Karin')).outcome)).toBeUndefined();
  expect(errorCode((await p.as('UANNA', 'progress done: Skickade Vinnova-utkast')).outcome)).toBeUndefined();
  expect(errorCode((await p.as('UERIK', 'progress done: Workshop om skogsdata')).outcome)).toBeUndefined();
});
afterAll(async () => opened.close());

const buttons = (r: Awaited<ReturnType<MeetingProgramme['as']>>) => (r.outcome.kind === 'reply' ? (r.outcome.reply.buttons ?? []).map((b) => b.command) : []);

describe('the advisory board follows the whole programme', () => {
  it('a board member runs status and sees every cluster, not only their own', async () => {
    const overview = await p.as('UKARIN', 'status');
    expect(errorCode(overview.outcome)).toBeUndefined();
    expect(overview.text).not.toContain('Du ser bara de kluster');
    const all = await p.as('UKARIN', 'status all');
    expect(errorCode(all.outcome)).toBeUndefined();
    expect(all.text).toContain('Rymd');
    expect(all.text).toContain('Skog');
    const skog = await p.as('UKARIN', 'status Skog');
    expect(errorCode(skog.outcome)).toBeUndefined();
    expect(skog.text).toContain('Skog');
  });

  it('a leader still sees only the clusters they lead', async () => {
    const all = await p.as('UANNA', 'status all');
    expect(all.text).toContain('Rymd');
    expect(all.text).not.toContain('Skog');
    expect(errorCode((await p.as('UANNA', 'status Skog')).outcome)).toBe('status.not_yours');
  });

  it("a board member's progress show without a cluster offers every cluster, and each cluster's notes read", async () => {
    const choice = await p.as('UKARIN', 'progress show');
    expect(errorCode(choice.outcome)).toBeUndefined();
    expect(buttons(choice)).toEqual(['veckorapport visa Rymd', 'veckorapport visa Skog']);
    expect(choice.text).toContain('Vilket klusters veckorapporter');
    const rymd = await p.as('UKARIN', 'progress show Rymd');
    expect(rymd.text).toContain('Skickade Vinnova-utkast');
    const skog = await p.as('UKARIN', 'progress show Skog');
    expect(skog.text).toContain('Workshop om skogsdata');
  });

  it('reading is all: a board member writes no weekly note and gets no export of participants', async () => {
    expect(errorCode((await p.as('UKARIN', 'progress cluster:Rymd done: Styrelsen skriver')).outcome)).toBe('permission.denied');
    expect(errorCode((await p.as('UKARIN', 'export')).outcome)).toBe('permission.denied');
    expect((await p.as('UKARIN', 'progress show Rymd')).text).not.toContain('Styrelsen skriver');
  });

  it('a leader with one cluster still gets its notes straight away', async () => {
    const own = await p.as('UANNA', 'progress show');
    expect(buttons(own)).toEqual([]);
    expect(own.text).toContain('Skickade Vinnova-utkast');
  });
});

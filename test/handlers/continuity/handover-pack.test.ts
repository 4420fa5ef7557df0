import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { actionItems, meetingClusters, meetings, planActions } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode } from '../../support/programme-fixture.js';
import { auditActions, handoverProgramme, ownership, storedFiles } from './handover-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

interface Pack {
  openActions: { id: string; owner: string }[];
  openPlanActions: { id: string; gap: string }[];
  plan: { gaps: { id: string; uncovered: boolean; actions: { id: string }[] }[] };
  decisions: { text: string; meeting: string }[];
  organisations: { name: string; metBy: string; lastMet: string }[];
  contacts: { name: string; organisation: string; metBy: string }[];
  progress: { isoWeek: string; done: string }[];
  openExchanges: { kind: string; topic: string }[];
  recurringMeetings: { kind: string; count: number; everyDays: number; regulars: string[] }[];
  members: { name: string; role: string }[];
  handover: null;
}

/** Every open action item and plan action of Rymd, straight from the tables. */
async function openInRymd(programmeId: string) {
  const rymd = sql`(select id from clusters where programme_id = ${programmeId} and name = 'Rymd')`;
  const items = await opened.db.select({ n: actionItems.number }).from(actionItems).innerJoin(meetingClusters, eq(meetingClusters.meetingId, actionItems.meetingId)).innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(and(eq(actionItems.programmeId, programmeId), isNull(actionItems.doneAt), isNull(meetings.deletedAt), sql`${meetingClusters.clusterId} = ${rymd}`));
  const plans = await opened.db.select({ n: planActions.number }).from(planActions).where(and(eq(planActions.programmeId, programmeId), isNull(planActions.doneAt), sql`${planActions.clusterId} = ${rymd}`));
  return { actions: items.map((a) => `A${a.n}`).sort(), planActions: plans.map((a) => `P${a.n}`).sort() };
}

describe('handover pack', () => {
  it('lists everything open in the cluster, with the plan, progress, decisions, contacts, exchanges and recurring meetings, and hands nothing over', async () => {
    const p = await handoverProgramme(opened.db);
    await p.as('UDANA', 'meeting "Styrgruppsmöte mars" date:2026-02-23 cluster:Rymd with:@Anna orgs:556677-8899\ndecision: Budgeten för 2026 är fastställd');
    await p.as('UANNA', 'progress done: Ansökan skickad next: Workshop');
    await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan');
    const before = await ownership(opened.db, p.test.programme.id);
    const reply = await p.as('UPM', 'handover pack Rymd');
    expect(errorCode(reply.outcome)).toBeUndefined();
    expect(reply.text).toContain('Överlämningspaketet för Rymd är klart. Ingenting har lämnats över.');
    expect(reply.text).toContain('Innehåll: 2 öppna åtgärder, 2 öppna planåtgärder, 0 brister utan öppen åtgärd, 1 veckorapport, 2 beslut senaste året, 1 organisation, 1 kontakt, 1 öppet utbyte, 1 återkommande mötestyp.');
    expect(await ownership(opened.db, p.test.programme.id)).toEqual(before);
    expect(await auditActions(opened.db, p.test.programme.id, 'handover.pack')).toHaveLength(1);

    const files = await storedFiles(opened.db, p.test.programme.id);
    const pack = JSON.parse(files.find((f) => f.name.endsWith('.json'))!.content) as Pack;
    const open = await openInRymd(p.test.programme.id);
    expect(pack.openActions.map((a) => a.id).sort()).toEqual(open.actions);
    expect(open.actions).toEqual(['A1', 'A2']);
    expect(pack.openPlanActions.map((a) => a.id).sort()).toEqual(open.planActions);
    expect(open.planActions).toEqual(['P1', 'P2']);
    expect(pack.plan.gaps.map((g) => [g.id, g.uncovered, g.actions.map((a) => a.id)])).toEqual([['G1', false, ['P1', 'P2', 'P3']]]);
    expect(pack.decisions.map((d) => `${d.meeting} ${d.text}`)).toEqual(['M3 Budgeten för 2026 är fastställd', 'M1 Vi söker Vinnova']);
    expect(pack.organisations).toMatchObject([{ name: 'Rymdbolaget AB', lastMet: '2026-02-23', metBy: 'Anna, Dana' }]);
    expect(pack.contacts).toMatchObject([{ name: 'Gustav Gustavsson', organisation: 'Sandvik', metBy: 'Anna, Nils' }]);
    expect(pack.progress).toMatchObject([{ isoWeek: '2026-W10', done: 'Ansökan skickad' }]);
    expect(pack.openExchanges).toMatchObject([{ kind: 'need', topic: 'Hjälp med en Interreg-ansökan' }]);
    expect(pack.recurringMeetings).toEqual([{ kind: 'cluster', count: 2, first: '2026-02-02', last: '2026-02-23', everyDays: 21, lastTitle: 'Styrgruppsmöte mars', regulars: ['Anna', 'Dana', 'Nils'] }]);
    expect(pack.members.map((m) => `${m.name}:${m.role}`)).toEqual(['Anna:leader', 'Dana:deputy', 'Nils:member']);
    expect(pack.handover).toBeNull();

    const markdown = files.find((f) => f.name.endsWith('.md'))!.content;
    for (const id of [...open.actions, ...open.planActions, 'G1', 'M1', 'M3']) expect(markdown).toContain(id);
    expect(markdown).toContain('## Återkommande möten\n\n- klustermöte: 2 gånger, ungefär var 21:e dag');
    expect(markdown).toContain('Gustav Gustavsson (Sandvik) – senast 2026-02-02 (M1) med Anna, Nils');
  });

  it('a plan gap whose actions are all done is flagged as having no open action', async () => {
    const p = await handoverProgramme(opened.db);
    await p.as('UERIK', 'plan done P4');
    await p.as('UERIK', 'handover pack Skog');
    const files = await storedFiles(opened.db, p.test.programme.id);
    const pack = JSON.parse(files.find((f) => f.name.endsWith('.json'))!.content) as Pack;
    expect(pack.plan.gaps).toMatchObject([{ id: 'G2', uncovered: true }]);
    expect(files.find((f) => f.name.endsWith('.md'))!.content).toContain('### G2 [strategi] Ingen strategi **ingen öppen åtgärd**');
  });

  it.each([
    ['a member', 'UNILS', 'permission.denied'],
    ['the leader of another cluster', 'UERIK', 'handover.pack_not_allowed'],
  ])('%s gets no pack and nothing is stored', async (_name, user, code) => {
    const p = await handoverProgramme(opened.db);
    const reply = await p.as(user, 'handover pack Rymd');
    expect(errorCode(reply.outcome)).toBe(code);
    expect(await storedFiles(opened.db, p.test.programme.id)).toEqual([]);
  });

  it("the cluster's deputy may take the pack, in English too", async () => {
    const p = await handoverProgramme(opened.db);
    await p.as('UDANA', 'profile lang:en');
    const reply = await p.as('UDANA', 'handover pack Rymd');
    expect(reply.text).toContain('The handover pack for Rymd is ready. Nothing has been handed over.');
    const files = await storedFiles(opened.db, p.test.programme.id);
    expect(files.find((f) => f.name.endsWith('.md'))!.content).toContain('# Handover pack: Rymd');
  });

  it('the pack of a handed-over cluster includes the handover meeting its leader logged without cluster:', async () => {
    const p = await handoverProgramme(opened.db);
    const logged = await p.as('UANNA', 'meeting Överlämning till Dana with:@Dana\nnote: Nycklarna till labbet ligger i receptionen');
    expect(logged.text).toContain('Kluster: Rymd');
    expect(errorCode((await p.as('UPM', 'handover Rymd to:@Dana')).outcome)).toBeUndefined();
    const files = await storedFiles(opened.db, p.test.programme.id);
    const pack = JSON.parse(files.find((f) => f.name.endsWith('.json'))!.content) as Pack & { recentMeetings: { id: string; title: string; people: string }[] };
    expect(pack.recentMeetings.map((m) => `${m.id} ${m.title}`)).toEqual(['M3 Överlämning till Dana', 'M1 Styrgruppsmöte']);
    expect(pack.recentMeetings[0]!.people).toBe('Anna, Dana');
    expect(files.find((f) => f.name.endsWith('.md'))!.content).toContain('## Senaste mötena\n\n- 2026-03-02 M3 klustermöte: Överlämning till Dana – med Anna, Dana\n- 2026-02-02 M1');
  });
});

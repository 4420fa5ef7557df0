import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode } from '../../support/programme-fixture.js';
import { auditActions, handoverProgramme, ownership, storedFiles } from './handover-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('handover', () => {
  it('moves leadership and exactly the listed open items of the leader in that cluster, and nothing else', async () => {
    const p = await handoverProgramme(opened.db);
    const before = await ownership(opened.db, p.test.programme.id);
    const reply = await p.as('UANNA', 'handover Rymd to:@Dana');
    expect(errorCode(reply.outcome)).toBeUndefined();
    expect(reply.text).toContain('Dana leder nu Rymd efter Anna. Anna är kvar som ersättare');
    expect(reply.text).toContain('Åtgärder som nu ägs av den nya ledaren (1)\n  • A1 Boka lokal (2026-04-01)');
    expect(reply.text).toContain('Planåtgärder som nu ägs av den nya ledaren (1)\n  • P1 Ansök om Vinnova-medel (2026-06-30)');
    expect(reply.text).toContain('Kunskapsposter som den nya ledaren nu håller aktuella (1)\n  • N1 Testbädden i Kiruna');
    const after = await ownership(opened.db, p.test.programme.id);
    expect(after.actions).toEqual({ ...before.actions, A1: 'Dana' });
    expect(after.planActions).toEqual({ ...before.planActions, P1: 'Dana' });
    expect(after.notes).toEqual({ ...before.notes, N1: 'Dana' });
    expect(before.actions).toEqual({ A1: 'Anna', A2: 'Nils', A3: 'Anna', A4: 'Anna' });
    expect(before.planActions).toEqual({ P1: 'Anna', P2: 'Dana', P3: 'Anna', P4: 'Anna' });
    expect(after.roles).toEqual(before.roles.map((r) => (r === 'Rymd:Anna:leader' ? 'Rymd:Anna:deputy' : r === 'Rymd:Dana:deputy' ? 'Rymd:Dana:leader' : r)).sort());
  });

  it('writes one audit row for the handover and one per moved item', async () => {
    const p = await handoverProgramme(opened.db);
    await p.as('UPM', 'handover Rymd to:@Dana from:@Anna');
    const [row] = await auditActions(opened.db, p.test.programme.id, 'handover');
    expect(row?.detail).toMatchObject({ actions: ['A1'], planActions: ['P1'], notes: ['N1'] });
    const moved = [...(await auditActions(opened.db, p.test.programme.id, 'action.reassign')), ...(await auditActions(opened.db, p.test.programme.id, 'plan_action.reassign')), ...(await auditActions(opened.db, p.test.programme.id, 'note.reassign'))];
    expect(moved.map((r) => r.subjectId)).toEqual(['A1', 'P1', 'N1']);
    expect((await auditActions(opened.db, p.test.programme.id, 'handover.pack')).length).toBe(1);
  });

  it('publishes a pack of Markdown and JSON and links it in the summary', async () => {
    const p = await handoverProgramme(opened.db);
    const reply = await p.as('UANNA', 'överlämna Rymd to:@Dana');
    const links = reply.outcome.kind === 'reply' ? reply.outcome.reply.links?.map((l) => l.label) : [];
    expect(links).toEqual(['loket-handover-rymd-2026-03-02.md', 'loket-handover-rymd-2026-03-02.json']);
    expect(reply.text).toContain('Innehåll: 2 öppna åtgärder, 2 öppna planåtgärder');
    const files = await storedFiles(opened.db, p.test.programme.id);
    const pack = JSON.parse(files.find((f) => f.name.endsWith('.json'))!.content) as { handover: { from: string; to: string }; openActions: { id: string; owner: string }[] };
    expect(pack.handover).toEqual({ from: 'Anna', to: 'Dana' });
    // The pack is made after the move, so it shows the new owners.
    expect(pack.openActions.map((a) => `${a.id}:${a.owner}`)).toEqual(['A1:Dana', 'A2:Nils']);
    expect(files.find((f) => f.name.endsWith('.md'))!.content).toContain('Lämnat över från Anna till Dana.');
  });

  it.each([
    ['an unknown person', 'UANNA', 'handover Rymd to:@Nobody', 'person.not_found', 'Exempel: `överlämna Rymd till:@erik`'],
    ['the same person', 'UANNA', 'handover Rymd to:@Anna', 'handover.same_person', 'Anna lämnar över till sig själv'],
    ['a from: who is not the leader', 'UPM', 'handover Rymd to:@Dana from:@Nils', 'handover.not_leader', 'Nils leder inte Rymd (det gör Anna)'],
    ['no to:', 'UANNA', 'handover Rymd', 'args.missing', 'vem som tar över'],
    ['a to: that is not a person', 'UANNA', 'handover Rymd to:Dana', 'args.person_invalid', '”Dana” är ingen person'],
    ['the leader of another cluster', 'UERIK', 'handover Rymd to:@Dana', 'handover.not_allowed', 'Bara ledaren för Rymd'],
    ['a deputy', 'UDANA', 'handover Rymd to:@Nils', 'permission.denied', 'Du får inte köra `överlämna`'],
    ['an unknown cluster', 'UPM', 'handover Måne to:@Dana', 'cluster.not_found', 'Måne'],
  ])('%s is refused with a clear reply and nothing changes', async (_name, user, text, code, says) => {
    const p = await handoverProgramme(opened.db);
    const before = await ownership(opened.db, p.test.programme.id);
    const reply = await p.as(user, text);
    expect(errorCode(reply.outcome)).toBe(code);
    expect(reply.text).toContain(says);
    expect(await ownership(opened.db, p.test.programme.id)).toEqual(before);
    expect(await auditActions(opened.db, p.test.programme.id, 'handover')).toEqual([]);
    expect(await storedFiles(opened.db, p.test.programme.id)).toEqual([]);
  });

  it('a cluster without a leader points to cluster role instead', async () => {
    const p = await handoverProgramme(opened.db);
    await p.as('UPM', 'cluster add Måne sector:space');
    const reply = await p.as('UPM', 'handover Måne to:@Dana');
    expect(errorCode(reply.outcome)).toBe('handover.no_leader');
    expect(reply.text).toContain('Exempel: `kluster roll Måne @Dana ledare`');
  });
});

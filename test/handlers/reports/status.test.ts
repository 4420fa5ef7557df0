import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { clusters, meetings, programmeTargets } from '../../../db/schema/index.js';
import { computeIndicators } from '../../../handlers/reports/indicators.js';
import { renderBlocks } from '../../../bot/slack/render-blocks.js';
import { openTestDatabase } from '../../support/test-database.js';
import { t, type MessageKey } from '../../../handlers/i18n/index.js';
import { addProgressNote, statusProgramme } from './status-fixture.js';
import { figuresOf } from './totals-fixture.js';
import { errorCode } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const q1 = { from: '2026-01-01', to: '2026-03-31' };
const buttons = (r: { outcome: { kind: string; reply?: { buttons?: { command: string }[] } } }) => (r.outcome.kind === 'reply' ? (r.outcome.reply?.buttons ?? []).map((b) => b.command) : []);

async function clusterId(programmeId: string, name: string) {
  const [row] = await opened.db.select().from(clusters).where(and(eq(clusters.programmeId, programmeId), eq(clusters.name, name)));
  return row!.id;
}

describe('indicators', () => {
  it('equal the hand-computed figures: one company at three meetings in two clusters counts once', async () => {
    const p = await statusProgramme(opened.db);
    const figures = await computeIndicators(createRepositories(opened.db), p.test.programme.id, undefined, q1, 'Europe/Stockholm');
    expect(figures.activities).toBe(3);
    expect(figures.byKind).toEqual([{ kind: 'cluster', n: 1 }, { kind: 'network', n: 1 }, { kind: 'training', n: 1 }]);
    expect(figures.competence).toBe(1);
    expect(figures.organisations).toEqual({ reached: 4, companies: 2, others: 2, participated: 3 });
    // Petra, who logged the meetings, was at them too (README "Meetings").
    expect(figures.participants).toBe(7);
    expect(figures.byGender).toEqual({ woman: 2, man: 2, unknown: 3 });
    expect(figures.byRole).toEqual({ manager: 1, leader: 2, member: 1, participant: 1, board: 1, guest: 1 });
    expect(figures.exchanges).toBe(0);
  });

  it('a meeting logged at 23:30 Stockholm time on 31 March is in Q1, one logged at 00:30 on 1 April in Q2', async () => {
    const p = await statusProgramme(opened.db);
    const rows = await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
    expect(rows.find((m) => m.title === 'Ledarnätverk')?.heldOn).toBe('2026-03-31');
    expect(rows.find((m) => m.title === 'Studieresa Kiruna')?.heldOn).toBe('2026-04-01');
    const q1Reply = await p.as('UPM', 'status indikatorer');
    expect(q1Reply.text).toContain('Indikatorer 2026-01-01 – 2026-03-31');
    expect(q1Reply.text).toContain('Aktiviteter: 3');
    p.test.clock.set(new Date('2026-03-31T22:30:00Z'));
    const q2Reply = await p.as('UPM', 'status indikatorer');
    expect(q2Reply.text).toContain('Indikatorer 2026-04-01 – 2026-06-30');
    expect(q2Reply.text).toContain('Aktiviteter: 1');
    expect(q2Reply.text).toContain('Kompetensaktiviteter (utbildningar, studieresor): 1');
  });
});

describe('status for the project manager', () => {
  it('opens with five figures and the clusters that need attention, with the indicators, continuity and every cluster one command away', async () => {
    const p = await statusProgramme(opened.db);
    const reply = await p.as('UPM', 'status');
    const fields = reply.outcome.kind === 'reply' ? reply.outcome.reply.blocks.flatMap((b) => (b.type === 'fields' ? b.fields.map((f) => f.label) : [])) : [];
    expect(fields).toEqual(['status.clusters', 'status.meetings', 'status.actions', 'plan.progress_label', 'indicator.exchanges'].map((k) => t('sv', k as MessageKey)));
    expect(figuresOf(reply.outcome, 'status.clusters')).toEqual([2, 2]);
    expect(figuresOf(reply.outcome, 'status.meetings')).toEqual([3]);
    expect(figuresOf(reply.outcome, 'indicator.exchanges')).toEqual([0]);
    const { text } = reply;
    expect(text).toContain('Rymd (ledare: Anna) – möten 2, åtgärder 0 öppna/0 försenade, plan 0/0 – tyst i 4 veckor, planen inte översedd på ett kvartal');
    expect(text.indexOf('Kluster: 2')).toBeLessThan(text.indexOf('Behöver uppmärksamhet'));
    // The breakdowns live in `status indikatorer`, the person dependency in `status kontinuitet`.
    expect(text).not.toContain('Deltagare per kön');
    expect(text).toContain('`status indikatorer från:2026-01-01 till:2026-03-31`');
    expect(text).toContain('`status kontinuitet`');
    expect(buttons(reply)).toEqual(['status indikatorer från:2026-01-01 till:2026-03-31', 'status kontinuitet', 'status alla från:2026-01-01 till:2026-03-31']);
  });

  it('status indikatorer shows every funder figure against its target, for the programme or one cluster', async () => {
    const p = await statusProgramme(opened.db);
    const { text } = await p.as('UPM', 'status indikatorer');
    expect(text).toContain('Organisationer: 4 nådda (2 företag, 2 övriga), 3 deltog i minst en aktivitet');
    expect(text).toContain('Deltagare per kön: kvinnor 2, män 2, okänt 3');
    expect(text).toContain('Deltagare per roll: projektledare 1, rådgivande styrgrupp 1, klusterledare 2, medlemmar 1, övriga deltagare 1, gäster 1');
    expect(text).toContain('Genomförda erfarenhetsutbyten: 0');
    const rymd = await p.as('UPM', 'status indicators Rymd from:2026-01-01 to:2026-03-31');
    expect(rymd.text).toContain('Rymd: indikatorer 2026-01-01 – 2026-03-31');
    expect(rymd.text).toContain('Aktiviteter: 2');
    expect(rymd.text).toContain('Rymdbolaget AB (556677-8899)');
    expect(errorCode(await p.as('UERIK', 'status indikatorer Rymd'))).toBe('status.not_yours');
  });

  it('the clusters most in need come first, five at most, and the rest are one command away', async () => {
    const p = await statusProgramme(opened.db);
    for (let i = 1; i <= 8; i++) await p.as('UPM', `cluster add T${i} sector:test`);
    await p.as('UPM', 'meeting "Uppföljning" date:2026-03-02 cluster:T8\naction: Ring kommunen due:2026-03-10');
    const reply = await p.as('UPM', 'status');
    const attention = reply.outcome.kind === 'reply' ? reply.outcome.reply.blocks.find((b) => b.type === 'list') : undefined;
    expect(attention?.type === 'list' && attention.items).toHaveLength(6);
    expect(attention?.type === 'list' && attention.items[0]).toMatch(/^T8 /);
    expect(reply.text).toContain('… och 5 till: `status alla från:2026-01-01 till:2026-03-31`');
  });

  it('status <cluster> shows leader, deputy, last progress week, member organisations and helix mix', async () => {
    const p = await statusProgramme(opened.db);
    await addProgressNote(opened.db, p, await clusterId(p.test.programme.id, 'Rymd'), '2026-W10');
    await p.as('UANNA', 'plan gap Rymd area:strategy Ingen strategi');
    await p.as('UANNA', 'plan action G1 Skriv strategi owner:@Anna due:2026-04-30');
    await p.as('UANNA', 'plan review Rymd');
    const { text } = await p.as('UPM', 'status rymd');
    expect(text).toContain('Rymd: läget 2026-01-01 – 2026-03-31');
    expect(text).toContain('Ledare: Anna');
    expect(text).toContain('Ersättare: Dana');
    expect(text).toContain('Senaste veckorapport: 2026-W10 (tyst i 3 veckor sedan dess)');
    expect(text).toContain('Möten under perioden: 2');
    expect(text).toContain('Öppna behov av erfarenhetsutbyte: 0');
    expect(text).toContain('Framsteg: 0/1 åtgärder klara, 0 försenade');
    expect(text).toContain('Senast översedd: 2026-03-31');
    expect(text).toContain('Helixfördelning: företag 2');
    expect(text).toContain('Rymdbolaget AB (556677-8899)');
    expect(text).toContain('Skogsteknik AB (556012-3456)');
    expect(text).toContain('`status kontinuitet Rymd`');
    expect(buttons(await p.as('UPM', 'status rymd'))).toEqual(['status indikatorer Rymd från:2026-01-01 till:2026-03-31', 'status kontinuitet Rymd']);
  });

  it('a period whose end is before its start is refused', async () => {
    const p = await statusProgramme(opened.db);
    const reply = await p.as('UPM', 'status from:2026-03-01 to:2026-02-01');
    expect(errorCode(reply)).toBe('date.range_invalid');
    expect(reply.text).toContain('Från-datumet 2026-03-01 ligger efter till-datumet 2026-02-01.');
    // The example a Swedish reader is shown uses the Swedish keys; an English reader's the English ones.
    expect(reply.text).toContain('`status Rymd från:2026-01-01 till:2026-03-31`');
    expect(reply.text).not.toContain('from:');
    await p.as('UPM', 'profile lang:en');
    const english = await p.as('UPM', 'status from:2026-03-01 to:2026-02-01');
    expect(errorCode(english)).toBe('date.range_invalid');
    expect(english.text).toContain('`status Rymd from:2026-01-01 to:2026-03-31`');
  });

  it('one end of the period alone takes the other from its own quarter, not the current one', async () => {
    // Today is 31 March 2026 (Q1): `från:` in Q2 alone used to be refused against Q1's end.
    const p = await statusProgramme(opened.db);
    const ahead = await p.as('UPM', 'status indikatorer från:2026-04-01');
    expect(errorCode(ahead)).toBeUndefined();
    expect(ahead.text).toContain('Indikatorer 2026-04-01 – 2026-06-30');
    // Only the study trip of 1 April (Stockholm time) falls in Q2.
    expect(ahead.text).toContain('Aktiviteter: 1');
    const nextYear = await p.as('UPM', 'status indikatorer från:2027-01-01');
    expect(nextYear.text).toContain('Indikatorer 2027-01-01 – 2027-03-31');
    expect(nextYear.text).toContain('Aktiviteter: 0');
    await p.as('UPM', 'profile lang:en');
    const until = await p.as('UPM', 'status indicators to:2026-02-15');
    expect(until.text).toContain('Indicators 2026-01-01 – 2026-02-15');
    // The cluster meeting of 15 January and the training of 10 February; the deleted one does not count.
    expect(until.text).toContain('Activities: 2');
  });
});

describe('status permissions', () => {
  it('a cluster leader sees only their own clusters, also when asking for all', async () => {
    const p = await statusProgramme(opened.db);
    const own = await p.as('UERIK', 'status');
    expect(own.text).toContain('Kluster: 1');
    expect(own.text).toContain('Möten under perioden: 2');
    expect((await p.as('UERIK', 'status indikatorer')).text).toContain('Aktiviteter: 2');
    expect(own.text).toContain('Du ser bara de kluster du leder eller är ersättare i.');
    expect(own.text).not.toContain('Rymd (ledare');
    const all = await p.as('UERIK', 'status all');
    expect(all.text).toContain('Skog (ledare: Erik)');
    expect(all.text).not.toContain('Rymd');
    const other = await p.as('UERIK', 'status Rymd');
    expect(errorCode(other)).toBe('status.not_yours');
  });

  it('a member who leads nothing may not run status', async () => {
    const p = await statusProgramme(opened.db);
    expect(errorCode(await p.as('UNILS', 'status'))).toBe('permission.denied');
  });

  it('with thirty silent clusters, status still fits one Slack message and points to status all', async () => {
    const p = await statusProgramme(opened.db);
    for (let i = 1; i <= 30; i++) await p.as('UPM', `cluster add T${String(i).padStart(2, '0')} sector:test`);
    const reply = await p.as('UPM', 'status');
    expect(reply.text).toContain('Kluster: 32, varav 32 behöver uppmärksamhet');
    expect(reply.text).toContain('… och 27 till: `status alla från:2026-01-01 till:2026-03-31`');
    expect(reply.outcome.kind === 'reply' && renderBlocks(reply.outcome.reply).blocks.length).toBeLessThanOrEqual(50);
  });

  it('status all pages through every cluster', async () => {
    const p = await statusProgramme(opened.db);
    for (let i = 1; i <= 21; i++) await p.as('UPM', `cluster add K${String(i).padStart(2, '0')} sector:test`);
    const first = await p.as('UPM', 'status all');
    expect(first.text).toContain('Alla kluster, sida 1 av 2');
    expect(first.text).toContain('[Nästa sida: status all 2 från:2026-01-01 till:2026-03-31]');
    const second = await p.as('UPM', 'status all 2');
    expect(second.text).toContain('Alla kluster, sida 2 av 2');
    expect(second.text).toContain('Skog (ledare: Erik)');
  });
});

describe('target', () => {
  it('a project manager sets a target and status shows the indicator against it', async () => {
    const p = await statusProgramme(opened.db);
    expect((await p.as('UPM', 'target companies 40')).text).toBe('Nytt mål: Företag nådda 40.');
    expect((await p.as('UPM', 'target companies 45')).text).toBe('Nytt mål: Företag nådda 45.');
    expect((await p.as('UPM', 'status indikatorer')).text).toContain('Företag nådda: 2 av målet 45');
    const rows = await opened.db.select().from(programmeTargets).where(eq(programmeTargets.programmeId, p.test.programme.id));
    expect(rows.map((r) => [r.indicator, r.value])).toEqual([['companies', 45]]);
  });

  it('an unknown indicator or a value that is not a whole number is refused, and a leader may not set targets', async () => {
    const p = await statusProgramme(opened.db);
    const unknown = await p.as('UPM', 'target startups 4');
    expect(errorCode(unknown)).toBe('args.enum_invalid');
    expect(unknown.text).toContain('”startups” är inget av `aktiviteter`, `organisationer`, `företag`');
    expect(errorCode(await p.as('UPM', 'target companies fyrtio'))).toBe('args.integer_invalid');
    expect(errorCode(await p.as('UPM', 'target companies -4'))).toBe('args.integer_invalid');
    expect(errorCode(await p.as('UANNA', 'target companies 4'))).toBe('permission.denied');
    expect(await opened.db.select().from(programmeTargets).where(eq(programmeTargets.programmeId, p.test.programme.id))).toEqual([]);
  });
});

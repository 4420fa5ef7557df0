// Which cluster a meeting belongs to when the logger names none, and where a leader may log at all.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { BlockAction } from '@slack/bolt';
import { renderBlocks } from '../../../bot/slack/render-blocks.js';
import { actionToIncoming } from '../../../bot/slack/to-incoming.js';
import { toIncoming as teamsToIncoming, type TeamsMessageActivity } from '../../../bot/teams/to-incoming.js';
import { renderPlainText } from '../../../handlers/core/reply.js';
import { renderTeamsMessages } from '../../../bot/teams/render-card.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { meetings } from '../../../db/schema/index.js';
import type { Outcome } from '../../../handlers/core/incoming.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, none, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** The clusters of each stored meeting, by number. */
async function clustersOfMeetings(p: MeetingProgramme): Promise<Record<number, string[]>> {
  const repos = createRepositories(opened.db);
  const rows = await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id));
  const result: Record<number, string[]> = {};
  for (const m of rows) result[m.number] = (await repos.meetings.clustersOf(p.test.programme.id, m.id)).clusters.map((c) => c.name).sort();
  return result;
}

const buttonsOf = (outcome: Outcome) => (outcome.kind === 'reply' ? (outcome.reply.buttons ?? []) : []);

/** Anna leads Rymd and is also Skog's deputy: she may log in two clusters. */
async function twoClusterLeader() {
  const p = await meetingProgramme(opened.db);
  expect(errorCode((await p.as('UPM', 'cluster role Skog @Anna deputy')).outcome)).toBeUndefined();
  return p;
}

describe('a meeting without cluster:', () => {
  it("goes to the logger's cluster when they lead or deputise exactly one, and is listed under it", async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UANNA', 'meeting Avstämning med Kiruna kommun\ndecision: Vi söker Vinnova-medel');
    expect(text).toContain('Kluster: Rymd');
    expect(text).toContain('Typ: klustermöte');
    expect(await clustersOfMeetings(p)).toEqual({ 1: ['Rymd'] });
    expect((await p.as('UNILS', 'meetings Rymd')).text).toContain('M1 · 2026-03-02 · Avstämning med Kiruna kommun');
    // A deputy of one cluster (Dana, Rymd) is treated the same way.
    await p.as('UDANA', 'meeting Förberedelse');
    expect(await clustersOfMeetings(p)).toEqual({ 1: ['Rymd'], 2: ['Rymd'] });
  });

  it('asks a leader of several clusters which one, with one button per cluster that re-runs the same meeting there; nothing is stored until they choose', async () => {
    const p = await twoClusterLeader();
    const message = ['meeting "Styrgrupp april" date:2026-03-02', 'decision: Testbädden blir första satsningen', 'action: @Nils Boka lokal due:2026-04-20', 'note: Vinnova vill se en ansökan'].join('\n');
    const { outcome, text } = await p.as('UANNA', message);
    expect(text).toContain('Vilket kluster gäller mötet ”Styrgrupp april”: Rymd eller Skog? Välj nedan – inget är sparat förrän du valt.');
    const buttons = buttonsOf(outcome);
    expect(buttons.map((b) => b.label)).toEqual(['Rymd', 'Skog']);
    expect(buttons[1]!.command).toBe(['möte "Styrgrupp april" datum:2026-03-02 kluster:Skog', 'decision: Testbädden blir första satsningen', 'action: @Nils Boka lokal due:2026-04-20', 'note: Vinnova vill se en ansökan'].join('\n'));
    expect(await p.counts()).toEqual(none);
    // The button's command, as the platform sends it back on a click, logs the whole meeting in Skog.
    const chosen = await p.as('UANNA', buttons[1]!.command);
    expect(chosen.text).toContain('Mötet M1 är sparat');
    expect(chosen.text).toContain('Kluster: Skog');
    expect(await p.counts()).toMatchObject({ meetings: 1, meetingClusters: 1, decisions: 1, actions: 1, notes: 1 });
    expect(await clustersOfMeetings(p)).toEqual({ 1: ['Skog'] });
  });

  it('logs the meeting once however often and whichever of its buttons is clicked, on Slack and on Teams', async () => {
    const p = await twoClusterLeader();
    const { outcome } = await p.as('UANNA', 'meeting Avstämning\ndecision: Vi kör');
    if (outcome.kind !== 'reply') throw new Error('no reply');
    // Slack: each click is its own block_actions payload with a new trigger_id (recorded shape in the fixture).
    const recorded = JSON.parse(readFileSync(new URL('../../fixtures/slack/block-actions.json', import.meta.url), 'utf8')) as BlockAction;
    const elements = renderBlocks(outcome.reply).blocks.flatMap((b) => ('elements' in b && b.type === 'actions' ? (b.elements as { action_id: string; value: string }[]) : []));
    expect(elements).toHaveLength(2);
    const click = (n: number, element: { action_id: string; value: string }) => {
      const body = { ...recorded, trigger_id: `${n}.1234567890123.abc`, team: { id: p.workspaceId, domain: 'x' }, user: { ...recorded.user, id: 'UANNA', team_id: p.workspaceId } } as BlockAction;
      return p.test.core(actionToIncoming(body, element.value, element.action_id));
    };
    const first = await click(1, elements[1]!);
    expect(first.kind === 'reply' && renderPlainText(first.reply)).toContain('Mötet M1 är sparat');
    expect((await click(2, elements[1]!)).kind).toBe('duplicate');
    expect((await click(3, elements[0]!)).kind).toBe('duplicate');
    expect(await clustersOfMeetings(p)).toEqual({ 1: ['Skog'] });
    // Teams: an Action.Submit arrives as a message activity carrying the button's data as `value` (recorded
    // shape in the fixture); the activity is run as Anna of this test's workspace.
    const submitted = JSON.parse(readFileSync(new URL('../../fixtures/teams/card-submit.json', import.meta.url), 'utf8')) as TeamsMessageActivity;
    const again = await p.as('UANNA', 'meeting Uppföljning\ndecision: Vi kör');
    if (again.outcome.kind !== 'reply') throw new Error('no reply');
    const card = JSON.stringify(renderTeamsMessages(again.outcome.reply, 'personal'));
    const data = [...card.matchAll(/"data":(\{[^}]*\})/g)].map((m) => JSON.parse(m[1]!) as { loketCommand: string; loketOnce: string });
    expect(data).toHaveLength(2);
    expect(data[0]!.loketOnce).toBe(data[1]!.loketOnce);
    expect(data[0]!.loketOnce).not.toBe(elements[0]!.action_id.split('.once.')[1]);
    for (const [i, value] of [data[0]!, data[0]!, data[1]!].entries()) {
      const activity = { ...submitted, id: `activity-${i}`, value };
      const incoming = teamsToIncoming({ activity, text: value.loketCommand, reference: {}, fallbackTenantId: 't' });
      await p.test.core({ ...incoming, platform: 'slack', workspaceId: p.workspaceId, userId: 'UANNA', conversation: undefined });
    }
    expect(await clustersOfMeetings(p)).toEqual({ 1: ['Skog'], 2: ['Rymd'] });
  });

  it('the question and its buttons reach Slack and Teams whole, line breaks included', async () => {
    const p = await twoClusterLeader();
    const { outcome } = await p.as('UANNA', 'meeting Avstämning\ndecision: Vi kör');
    if (outcome.kind !== 'reply') throw new Error('no reply');
    const slack = JSON.stringify(renderBlocks(outcome.reply).blocks);
    expect(slack).toContain(JSON.stringify('möte Avstämning kluster:Skog\ndecision: Vi kör'));
    const teams = JSON.stringify(renderTeamsMessages(outcome.reply, 'personal'));
    expect(teams).toContain(JSON.stringify('möte Avstämning kluster:Rymd\ndecision: Vi kör'));
  });

  it('a meeting too long to ride on a button is not stored, and the reply asks for cluster: with an example naming their clusters', async () => {
    const p = await twoClusterLeader();
    const lines = Array.from({ length: 30 }, (_, i) => `note: Anteckning ${i + 1} om testbädden i Kiruna och vad Vinnova sa om ansökan`);
    const { outcome, text } = await p.as('UANNA', ['meeting Lång workshop', ...lines].join('\n'));
    expect(errorCode(outcome)).toBe('meeting.cluster_needed');
    expect(buttonsOf(outcome)).toEqual([]);
    expect(text).toContain('Vilket kluster gäller mötet: Rymd eller Skog? Inget är sparat.');
    expect(text).toContain('`möte "Lång workshop" kluster:Rymd`');
    expect(await p.counts()).toEqual(none);
  });

  it("is programme-wide when the project manager logs it, shown as such, not as «–»", async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UPM', 'meeting Ledarnätverk kind:network');
    expect(text).toContain('Kluster: hela programmet');
    expect(await p.counts()).toMatchObject({ meetings: 1, meetingClusters: 0 });
  });

  it('the meeting form is pre-filled with the cluster only when the logger has exactly one', async () => {
    const one = await meetingProgramme(opened.db);
    const formOf = (outcome: Outcome) => (outcome.kind === 'reply' ? outcome.reply.form?.fields.find((f) => f.key === 'cluster')?.initial : undefined);
    expect(formOf((await one.as('UANNA', 'meeting')).outcome)).toBe('Rymd');
    const two = await twoClusterLeader();
    expect(formOf((await two.as('UANNA', 'meeting')).outcome)).toBeUndefined();
  });
});

// The Slack modal and the Teams card submit the meeting form as the text a user could have typed (the
// adapters' own builders are used here), so all three must land as the same rows.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formValuesToCommand, type ViewStateValues } from '../../../bot/slack/render-modal.js';
import { formDataToCommand } from '../../../bot/teams/render-form.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const typed = [
  'meeting "Nätverksträff: rymd möter skog" date:2026-03-02 cluster:"Rymd, Skog" kind:network with:"@Erik, Karin Ek (LTU)" orgs:556677-8899',
  'decision: Gemensam ansökan till Vinnova',
  'decision: Nästa träff i Luleå',
  'action: @Nils Skriv ett första utkast due:2026-03-20',
  'note: Karin kan ordna lokal på LTU',
].join('\n');

/** What the user fills in, keyed like the form's fields. */
const filledIn: Record<string, string> = {
  _text: 'Nätverksträff: rymd möter skog',
  date: '2026-03-02',
  cluster: 'Rymd, Skog',
  kind: 'network',
  with: '@Erik, Karin Ek (LTU)',
  orgs: '556677-8899',
  decision: 'Gemensam ansökan till Vinnova\nNästa träff i Luleå',
  action: '@Nils Skriv ett första utkast due:2026-03-20',
  note: 'Karin kan ordna lokal på LTU',
};

function slackViewState(values: Record<string, string>): ViewStateValues {
  const state: ViewStateValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === 'date') state[key] = { value: { type: 'datepicker', selected_date: value } };
    else if (key === 'kind') state[key] = { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } } };
    else state[key] = { value: { type: 'plain_text_input', value } };
  }
  return state;
}

async function stored(p: MeetingProgramme) {
  const repos = createRepositories(opened.db);
  const { meeting } = await repos.meetings.findByNumber(p.test.programme.id, 1);
  if (!meeting) throw new Error('no meeting stored');
  const details = await repos.meetings.details(p.test.programme.id, meeting.id);
  // Each form lands in its own programme, so cluster ids differ; their names must not.
  return { title: meeting.title, heldOn: meeting.heldOn, kind: meeting.kind, ...details, clusters: details.clusters.map((c) => c.name) };
}

async function logAs(text: string) {
  const p = await meetingProgramme(opened.db);
  await p.as('UPM', 'org add 556677-8899 "Norrbotten Space AB" type:company');
  const { outcome } = await p.as('UANNA', text);
  expect(outcome.kind === 'reply' && outcome.reply.error).toBeUndefined();
  return stored(p);
}

it('a meeting submitted through the Slack modal or the Teams card lands as the same rows as the typed command', async () => {
  const fromTyped = await logAs(typed);
  const fromSlack = await logAs(formValuesToCommand('meeting', slackViewState(filledIn)));
  const fromTeams = await logAs(formDataToCommand('meeting', { ...filledIn, loketForm: 'meeting' }));
  expect(fromTyped).toMatchObject({ title: 'Nätverksträff: rymd möter skog', heldOn: '2026-03-02', kind: 'network' });
  expect(fromTyped.decisions).toHaveLength(2);
  expect(fromTyped.actions).toMatchObject([{ number: 1, text: 'Skriv ett första utkast', dueOn: '2026-03-20', ownerName: 'Nils' }]);
  expect(fromTyped.participants.map((x) => x.name)).toEqual(['Anna', 'Erik', 'Karin Ek']);
  expect(fromSlack).toEqual(fromTyped);
  expect(fromTeams).toEqual(fromTyped);
});

it('the form names the programme’s own clusters and a due date ahead, never a cluster it does not have', async () => {
  const test = await (await import('../../support/test-core.js')).createTestCore({ db: opened.db });
  const { say, uniqueWorkspaceId } = await import('../../support/test-core.js');
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  await test.makeManager('slack', workspaceId, 'UPM', 'Petra');
  const as = (text: string) => say(test.core, { platform: 'slack', workspaceId, userId: 'UPM' }, text);
  await as('cluster add "Swedish Space Cluster" sector:space');
  await as('cluster add Norrskog sector:forest');
  test.clock.set(new Date('2026-11-30T10:00:00Z'));
  const { outcome, text } = await as('meeting');
  if (outcome.kind !== 'reply' || !outcome.reply.form) throw new Error('no form');
  const fields = Object.fromEntries(outcome.reply.form.fields.map((f) => [f.key, f]));
  expect(text).toContain('`möte "Styrgrupp mars" kluster:Norrskog`');
  expect(text).not.toContain('Rymd');
  expect(fields.cluster?.placeholder).toBe('Norrskog, Swedish Space Cluster');
  expect(fields.action?.placeholder).toBe('@anna Boka lokal senast:2026-12-14');
});

// The self-assessment form as Slack and Teams show it, and what each sends back: the same command the
// console would type, which `assess` stores (issue 23).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { assessments } from '../../db/schema/index.js';
import { formValuesToCommand, renderModal } from '../../bot/slack/render-modal.js';
import { formDataToCommand, renderFormCard } from '../../bot/teams/render-form.js';
import { openTestDatabase } from '../support/test-database.js';
import { errorCode, meetingProgramme } from '../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// The form's score keys for a Swedish reader: the words typed on one line.
const AREAS = ['struktur', 'styrning', 'finansiering', 'tjänster', 'samverkan', 'erkännande', 'strategi'];

describe('the self-assessment form on Slack and Teams', () => {
  it('every level descriptor fits a Slack option whole, and the submitted modal and card are stored as assessments', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const { outcome } = await as('UANNA', 'assess Rymd');
    const form = outcome.kind === 'reply' ? outcome.reply.form! : undefined;
    expect(form).toBeDefined();
    const modal = renderModal(form!, 'sv', 'meta');
    expect(modal.blocks).toHaveLength(15);
    const options = modal.blocks.flatMap((b) => ('element' in b && b.element.type === 'static_select' ? b.element.options ?? [] : []));
    expect(options).toHaveLength(35);
    for (const option of options) expect(option.text.text.endsWith('…'), option.text.text).toBe(false);
    // Slack's view.state.values: block id → action id → value.
    const state = Object.fromEntries([
      ['_text', { value: { type: 'plain_text_input', value: 'Rymd' } }],
      ...AREAS.map((area, i) => [area, { value: { type: 'static_select', selected_option: { value: String((i % 5) + 1) } } }]),
      ['styrningbelägg', { value: { type: 'plain_text_input', value: 'Styrgruppen möts "sällan"' } }],
    ]);
    const slackCommand = formValuesToCommand(form!.verb, state as never);
    expect(errorCode(await as('UANNA', slackCommand))).toBeUndefined();
    const card = renderFormCard(form!, 'sv');
    expect(JSON.stringify(card.body)).toContain('Definierade medlemmar, organisationsform och ett litet team');
    const teamsCommand = formDataToCommand(form!.verb, { _text: 'Rymd', ...Object.fromEntries(AREAS.map((a) => [a, '3'])), strategibelägg: 'Antagen 2025' });
    expect(errorCode(await as('UANNA', teamsCommand))).toBeUndefined();
    const rows = await opened.db.select().from(assessments).where(eq(assessments.programmeId, test.programme.id)).orderBy(assessments.createdAt);
    expect(rows.map((r) => [r.structure, r.recognition, r.strategy, r.evidence])).toEqual([
      [1, 1, 2, { governance: 'Styrgruppen möts sällan' }],
      [3, 3, 3, { strategy: 'Antagen 2025' }],
    ]);
  });
});

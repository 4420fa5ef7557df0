import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { types, ViewStateValue } from '@slack/bolt';
import { cleanLine, cleanValue, formValuesToCommand, renderModal, type ViewStateValues } from '../../../bot/slack/render-modal.js';
import { decodeFormMetadata, encodeFormMetadata } from '../../../bot/slack/form-metadata.js';
import type { ReplyForm } from '../../../handlers/core/reply.js';
import type { Token } from '../../../handlers/core/command.js';
import { parseMessage } from '../../../handlers/core/parse.js';
import { plainTokens } from '../../support/tokens.js';

const meetingForm: ReplyForm = {
  title: 'Logga ett möte med klustret i dag',
  verb: 'meeting',
  submitLabel: 'Spara',
  fields: [
    { key: '_text', label: 'Rubrik', kind: 'text', required: true, placeholder: 'Styrgrupp' },
    { key: 'date', label: 'Datum', kind: 'date', initial: '2026-03-02' },
    { key: 'cluster', label: 'Kluster', kind: 'select', options: [{ value: 'Rymd', label: 'Rymd' }, { value: 'Skog', label: 'Skog' }], initial: 'Skog' },
    { key: 'decision', label: 'Beslut', kind: 'multiline' },
  ],
};

const text = (value: string): Record<string, ViewStateValue> => ({ value: { type: 'plain_text_input', value } });
const date = (value: string): Record<string, ViewStateValue> => ({ value: { type: 'datepicker', selected_date: value } });
const select = (value: string): Record<string, ViewStateValue> => ({
  value: { type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } },
});
const optionValue = (tokens: Token[], key: string) => tokens.find((t) => t.type === 'option' && t.key === key);

describe('renderModal', () => {
  it('a form becomes a loket_form modal with a title of at most 24 characters and one input per field keyed by the field key', () => {
    const view = renderModal(meetingForm, 'sv', '{"v":"meeting"}');
    expect(view).toMatchObject({ type: 'modal', callback_id: 'loket_form', private_metadata: '{"v":"meeting"}' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith('…')).toBe(true);
    expect(view.submit?.text).toBe('Spara');
    expect(view.close?.text).toBe('Avbryt');
    expect(view.blocks.map((b) => b.block_id)).toEqual(['_text', 'date', 'cluster', 'decision']);
  });

  it('text, multiline, date and select fields become the matching Slack inputs with their initial values', () => {
    const [title, day, cluster, decision] = renderModal(meetingForm, 'en', '{}').blocks as types.InputBlock[];
    expect(title).toMatchObject({ optional: false, label: { text: 'Rubrik' }, element: { type: 'plain_text_input', multiline: false, placeholder: { text: 'Styrgrupp' } } });
    expect(day?.element).toMatchObject({ type: 'datepicker', initial_date: '2026-03-02' });
    expect(cluster?.element).toMatchObject({ type: 'static_select', initial_option: { value: 'Skog' } });
    expect((cluster?.element as types.StaticSelect).options).toHaveLength(2);
    expect(decision).toMatchObject({ optional: true, element: { type: 'plain_text_input', multiline: true } });
    expect(renderModal(meetingForm, 'en', '{}').close?.text).toBe('Cancel');
  });

  it('a field with a maximum carries it as max_length, never above the 3 000 Slack allows', () => {
    const form: ReplyForm = { ...meetingForm, fields: [{ key: '_text', label: 'Rubrik', kind: 'text', maxLength: 200 }, { key: 'done', label: 'Gjort', kind: 'multiline', maxLength: 4000 }, { key: 'x', label: 'X', kind: 'text' }] };
    const [title, done, other] = renderModal(form, 'sv', '{}').blocks as types.InputBlock[];
    expect(title?.element).toMatchObject({ type: 'plain_text_input', max_length: 200 });
    expect(done?.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(other?.element).not.toHaveProperty('max_length');
  });

  it('a select without options falls back to a text input, since Slack rejects an empty select', () => {
    const form: ReplyForm = { ...meetingForm, fields: [{ key: 'cluster', label: 'Kluster', kind: 'select', options: [] }] };
    expect((renderModal(form, 'sv', '{}').blocks[0] as types.InputBlock).element.type).toBe('plain_text_input');
  });

  it('the metadata a modal carries comes back unchanged, and a forged one is refused', () => {
    const metadata = { verb: 'cluster add', userId: 'U0ANNA0001', teamId: 'T0LOKET01', channelId: 'C0KLUSTER1', responseUrl: 'https://hooks.slack.com/commands/T/1/x' };
    expect(decodeFormMetadata(encodeFormMetadata(metadata))).toEqual(metadata);
    expect(() => decodeFormMetadata('{"u":"U1"}')).toThrow();
    expect(() => decodeFormMetadata('not json')).toThrow();
  });
});

describe('formValuesToCommand', () => {
  it('submitted values become `verb "title" key:"value"` with decision lines, and the parser reads them back', () => {
    const command = formValuesToCommand('meeting', {
      _text: text('Styrgrupp Q1'),
      date: date('2026-03-02'),
      cluster: select('Rymd'),
      decision: text('Vi söker medel\n\ndecision: Anna leder arbetet'),
    });
    expect(command).toBe('meeting "Styrgrupp Q1" date:"2026-03-02" cluster:"Rymd"\ndecision: Vi söker medel\ndecision: Anna leder arbetet');
    const parsed = parseMessage(command);
    expect(plainTokens(parsed.tokens)).toEqual([
      { type: 'word', value: 'meeting' },
      { type: 'quoted', value: 'Styrgrupp Q1' },
      { type: 'option', key: 'date', value: '2026-03-02' },
      { type: 'option', key: 'cluster', value: 'Rymd' },
    ]);
    expect(parsed.lines.map((l) => [l.kind, l.text])).toEqual([['decision', 'Vi söker medel'], ['decision', 'Anna leder arbetet']]);
  });

  it('double quotes of every kind are removed, so a quote in a value cannot end it early', () => {
    const command = formValuesToCommand('cluster add', { _text: text('Swedish "Space” Cluster'), sector: text('“rymd”') });
    expect(command).toBe('cluster add "Swedish Space Cluster" sector:"rymd"');
    expect(plainTokens(parseMessage(command).tokens.slice(2))).toEqual([{ type: 'quoted', value: 'Swedish Space Cluster' }, { type: 'option', key: 'sector', value: 'rymd' }]);
  });

  it('empty fields are left out and a multi-line value of another key is joined onto one line', () => {
    const command = formValuesToCommand('progress', { done: text('Ansökan skickad\nMöte bokat'), next: text('   '), blockers: { value: { type: 'plain_text_input', value: null } } });
    expect(command).toBe('progress done:"Ansökan skickad Möte bokat"');
  });

  it('any submitted text survives the round trip through the parser as the same value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), (title, sector) => {
        const parsed = parseMessage(formValuesToCommand('cluster add', { _text: text(title), sector: text(sector) }));
        const tokens = plainTokens(parsed.tokens.slice(2));
        const expected: Token[] = [];
        if (cleanValue(title)) expected.push({ type: 'quoted', value: cleanValue(title) });
        if (cleanValue(sector)) expected.push({ type: 'option', key: 'sector', value: cleanValue(sector) } as Token);
        expect(tokens).toEqual(expected);
        expect(parsed.lines).toEqual([]);
      }),
      { numRuns: process.env.LOKET_SLOW ? 5000 : 300 },
    );
  });

  it('any multi-line decision becomes decision lines the parser reads back line by line', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 60 }).filter((l) => !/[\r\n]/.test(l) && !/^\s*decision\s*:/i.test(l));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const parsed = parseMessage(formValuesToCommand('meeting', { _text: text('Möte'), decision: text(lines.join('\n')) }));
        expect(optionValue(parsed.tokens, 'decision')).toBeUndefined();
        expect(parsed.lines.map((l) => [l.kind, l.text])).toEqual(lines.map(cleanLine).filter(Boolean).map((l) => ['decision', l]));
      }),
      { numRuns: process.env.LOKET_SLOW ? 2000 : 200 },
    );
  });
});

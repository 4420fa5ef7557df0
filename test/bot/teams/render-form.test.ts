import { describe, expect, it } from 'vitest';
import type { AdaptiveCard, CardElement } from '../../../bot/teams/adaptive-card.js';
import { formDataToCommand, renderTeamsMessages } from '../../../bot/teams/render-card.js';
import type { Reply, ReplyForm } from '../../../handlers/core/reply.js';
import { parseMessage } from '../../../handlers/core/parse.js';
import { plainTokens } from '../../support/tokens.js';

const meetingForm: ReplyForm = {
  title: 'Logga ett möte',
  verb: 'meeting',
  submitLabel: 'Spara',
  fields: [
    { key: '_text', label: 'Rubrik', kind: 'text', required: true, placeholder: 'Styrgrupp vecka 11' },
    { key: 'date', label: 'Datum', kind: 'date', initial: '2026-03-12' },
    { key: 'cluster', label: 'Kluster', kind: 'select', options: [{ value: 'Rymd', label: 'Rymd' }, { value: 'Skog', label: 'Skog' }] },
    { key: 'decision', label: 'Beslut', kind: 'multiline' },
    { key: 'action', label: 'Åtgärder', kind: 'multiline' },
  ],
};

function formCard(reply: Reply): AdaptiveCard {
  const messages = renderTeamsMessages(reply);
  expect(messages).toHaveLength(1);
  return messages[0]!.attachments![0]!.content;
}

describe('a form as an Adaptive Card', () => {
  it('each field kind becomes the matching input, and the submit button names the verb', () => {
    const card = formCard({ visibility: 'private', blocks: [], form: meetingForm });
    const inputs = card.body.filter((e) => e.type.startsWith('Input.'));
    expect(inputs).toEqual([
      { type: 'Input.Text', id: '_text', label: 'Rubrik', isRequired: true, errorMessage: 'Fyll i ”Rubrik”.', placeholder: 'Styrgrupp vecka 11' },
      { type: 'Input.Date', id: 'date', label: 'Datum', value: '2026-03-12' },
      { type: 'Input.ChoiceSet', id: 'cluster', label: 'Kluster', style: 'compact', choices: [{ title: 'Rymd', value: 'Rymd' }, { title: 'Skog', value: 'Skog' }] },
      { type: 'Input.Text', id: 'decision', label: 'Beslut', isMultiline: true },
      { type: 'Input.Text', id: 'action', label: 'Åtgärder', isMultiline: true },
    ]);
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Spara', style: 'positive', data: { loketForm: 'meeting' } }]);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Logga ett möte', weight: 'Bolder' });
  });

  it('a text field with a maximum carries it as maxLength, so Teams stops typing there', () => {
    const form: ReplyForm = { ...meetingForm, fields: [{ key: '_text', label: 'Rubrik', kind: 'text', maxLength: 200 }, { key: 'done', label: 'Gjort', kind: 'multiline', maxLength: 3000 }] };
    const inputs = formCard({ visibility: 'private', blocks: [], form }).body.filter((e) => e.type.startsWith('Input.'));
    expect(inputs.map((e) => [e.id, e.maxLength])).toEqual([
      ['_text', 200],
      ['done', 3000],
    ]);
  });

  it('a required input tells the person what is missing in the form\'s language, whatever the reader\'s locale', () => {
    const english: ReplyForm = { ...meetingForm, language: 'en', fields: [{ key: '_text', label: 'Title', kind: 'text', required: true }, { key: 'date', label: 'Date', kind: 'date', required: true }] };
    const card = renderTeamsMessages({ visibility: 'private', blocks: [], form: english }, 'personal', 'sv')[0]!.attachments![0]!.content;
    expect(card.body.filter((e) => e.type.startsWith('Input.')).map((e) => [e.id, e.isRequired, e.errorMessage])).toEqual([
      ['_text', true, 'Please fill in “Title”.'],
      ['date', true, 'Please fill in “Date”.'],
    ]);
  });

  it('a date that is not YYYY-MM-DD is left out rather than breaking the date picker', () => {
    const form: ReplyForm = { ...meetingForm, fields: [{ key: 'date', label: 'Datum', kind: 'date', initial: 'idag' }] };
    const card = formCard({ visibility: 'private', blocks: [], form });
    expect(card.body.find((e) => e.type === 'Input.Date')).toEqual({ type: 'Input.Date', id: 'date', label: 'Datum' });
  });

  it('text and buttons of the reply are shown above the inputs in the same card', () => {
    const card = formCard({
      visibility: 'private',
      blocks: [{ type: 'text', text: 'Inga möten loggade ännu.' }],
      buttons: [{ label: 'Hjälp', command: 'help meeting' }],
      form: meetingForm,
    });
    const types = card.body.map((e: CardElement) => e.type);
    expect(types.indexOf('TextBlock')).toBeLessThan(types.indexOf('Input.Text'));
    expect(card.body.find((e) => e.type === 'ActionSet')?.actions).toEqual([{ type: 'Action.Submit', title: 'Hjälp', data: { loketCommand: 'help meeting' } }]);
  });
});

describe('formDataToCommand', () => {
  it('submitted meeting values round-trip through the parser: title, options and decision/action lines', () => {
    const data = {
      loketForm: 'meeting',
      _text: 'Styrgrupp "vecka 11"',
      date: '2026-03-12',
      cluster: 'Rymd',
      decision: 'Budget 2026 godkänd\r\n\r\nNästa möte i april',
      action: '@me boka lokal due:2026-03-20',
    };
    const command = formDataToCommand('meeting', data);
    expect(command).toBe(
      "meeting \"Styrgrupp 'vecka 11'\" date:\"2026-03-12\" cluster:\"Rymd\"\n" +
        'decision: Budget 2026 godkänd\ndecision: Nästa möte i april\naction: @me boka lokal due:2026-03-20',
    );
    const parsed = parseMessage(command);
    expect(plainTokens(parsed.tokens)).toEqual([
      { type: 'word', value: 'meeting' },
      { type: 'quoted', value: "Styrgrupp 'vecka 11'" },
      { type: 'option', key: 'date', value: '2026-03-12' },
      { type: 'option', key: 'cluster', value: 'Rymd' },
    ]);
    expect(parsed.lines.map((l) => [l.kind, l.text])).toEqual([
      ['decision', 'Budget 2026 godkänd'],
      ['decision', 'Nästa möte i april'],
      ['action', '@me boka lokal due:2026-03-20'],
    ]);
    expect(plainTokens(parsed.lines[2]!.tokens)).toContainEqual({ type: 'option', key: 'due', value: '2026-03-20' });
  });

  it('empty fields are left out and a multi-line option value stays on the command line', () => {
    const command = formDataToCommand('progress', { loketForm: 'progress', cluster: 'Skog', done: 'Workshop\nRapport', next: '', blockers: '  ' });
    expect(command).toBe('progress cluster:"Skog" done:"Workshop; Rapport"');
    expect(plainTokens(parseMessage(command).tokens)).toEqual([
      { type: 'word', value: 'progress' },
      { type: 'option', key: 'cluster', value: 'Skog' },
      { type: 'option', key: 'done', value: 'Workshop; Rapport' },
    ]);
  });

  it('keys that are not plain words and non-text values cannot inject anything into the command', () => {
    const command = formDataToCommand('meeting', { _text: 'Möte', 'date:"x" cluster': 'Rymd', evil: { a: 1 }, count: 3, 'x\nnote': 'hej' });
    expect(command).toBe('meeting "Möte" count:"3"');
  });

  it('a two-word verb and a title with line breaks still make one command line', () => {
    expect(formDataToCommand('cluster  add', { _text: 'Swedish\nSpace Cluster', sector: 'space' })).toBe('cluster add "Swedish; Space Cluster" sector:"space"');
  });
});

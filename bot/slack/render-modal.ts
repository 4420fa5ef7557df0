// ReplyForm → Slack modal, and the submitted modal → the text command the user could have typed. The core
// only ever sees text, so a form and its text form run the same code path.
import type { types, ViewStateValue } from '@slack/bolt';
import type { Language } from '../../handlers/core/incoming.js';
import type { ReplyForm, ReplyFormField } from '../../handlers/core/reply.js';
import { oneLine, truncate } from './mrkdwn.js';

export const FORM_CALLBACK_ID = 'loket_form';
/** Every input element uses this action id; the block id (the field key) says which value it is. */
export const FORM_ACTION_ID = 'value';

const MODAL = { title: 24, button: 24, label: 2000, placeholder: 150, initialValue: 3000, optionText: 75, optionValue: 150, options: 100, blocks: 100 } as const;
const CLOSE: Record<Language, string> = { sv: 'Avbryt', en: 'Cancel' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Keys whose multi-line values become following lines (`decision: …`) instead of a `key:"value"` option. */
const LINE_KEYS: ReadonlySet<string> = new Set(['decision', 'action', 'note']);
const POSITIONAL_KEY = '_text';

export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

export function renderModal(form: ReplyForm, language: Language, privateMetadata: string): types.ModalView {
  const seen = new Set<string>();
  // Slack rejects duplicate block ids; a form never needs the same key twice.
  const fields = form.fields.filter((f) => f.key && !seen.has(f.key) && seen.add(f.key)).slice(0, MODAL.blocks);
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title || form.verb, MODAL.title),
    submit: plain(form.submitLabel || 'OK', MODAL.button),
    close: plain(CLOSE[language], MODAL.button),
    private_metadata: privateMetadata,
    blocks: fields.map(inputBlock),
  };
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(oneLine(text), max) || '…', emoji: true };
}

function inputBlock(field: ReplyFormField): types.InputBlock {
  return {
    type: 'input',
    block_id: field.key.slice(0, 255),
    optional: !field.required,
    label: plain(field.label || field.key, MODAL.label),
    element: inputElement(field),
  };
}

function inputElement(field: ReplyFormField): types.InputBlockElement {
  const placeholder = field.placeholder?.trim() ? { placeholder: plain(field.placeholder, MODAL.placeholder) } : {};
  const options = (field.options ?? [])
    .filter((o) => o.value.length > 0 && o.value.length <= MODAL.optionValue)
    .slice(0, MODAL.options)
    .map((o) => ({ text: plain(o.label || o.value, MODAL.optionText), value: o.value }));
  if (field.kind === 'date') {
    const initial = field.initial && ISO_DATE.test(field.initial) ? { initial_date: field.initial } : {};
    return { type: 'datepicker', action_id: FORM_ACTION_ID, ...initial, ...placeholder };
  }
  // A select without options is invalid in Slack; a free-text input still lets the user answer.
  if (field.kind === 'select' && options.length > 0) {
    const initial = options.find((o) => o.value === field.initial);
    return { type: 'static_select', action_id: FORM_ACTION_ID, options, ...(initial ? { initial_option: initial } : {}), ...placeholder };
  }
  const initial = field.initial ? { initial_value: field.initial.slice(0, MODAL.initialValue) } : {};
  // Slack's plain_text_input takes a max_length of at most 3 000.
  const maxLength = field.maxLength ? { max_length: Math.min(field.maxLength, MODAL.initialValue) } : {};
  return { type: 'plain_text_input', action_id: FORM_ACTION_ID, multiline: field.kind === 'multiline', ...initial, ...placeholder, ...maxLength };
}

/**
 * Rebuilds `verb "title" key:"value" …` plus `decision: …` lines from `view.state.values`. Quote characters
 * are removed from values (the grammar has no escape for them, and phones type ” as well as ").
 */
export function formValuesToCommand(verb: string, values: ViewStateValues): string {
  let positional: string | undefined;
  const options: string[] = [];
  const lines: string[] = [];
  for (const [key, actions] of Object.entries(values)) {
    const raw = readValue(actions);
    if (raw === undefined) continue;
    if (LINE_KEYS.has(key) && /\S/.test(raw)) {
      for (const line of raw.split(/\r?\n|\r/)) {
        const text = cleanLine(line.replace(new RegExp(`^\\s*${key}\\s*:`, 'i'), ''));
        if (text) lines.push(`${key}: ${text}`);
      }
      continue;
    }
    const value = cleanValue(raw);
    if (!value) continue;
    if (key === POSITIONAL_KEY) positional = value;
    else options.push(`${key}:"${value}"`);
  }
  const first = [verb.trim(), ...(positional ? [`"${positional}"`] : []), ...options].join(' ');
  return [first, ...lines].join('\n');
}

function readValue(actions: Record<string, ViewStateValue>): string | undefined {
  const state = actions[FORM_ACTION_ID] ?? Object.values(actions)[0];
  if (!state) return undefined;
  return state.value ?? state.selected_date ?? state.selected_option?.value ?? state.selected_user ?? undefined;
}

const QUOTES = /["“”]/g;
// C0/C1 controls and every kind of whitespace (line breaks included) become one space.
const SPACES = /[\s\u0000-\u001F\u007F-\u009F]+/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The value as the parser will read it back: one line, no quotes, NFC, trimmed. */
export function cleanValue(value: string): string {
  return cleanLine(value.replace(QUOTES, ''));
}

/** A following line's text as the parser will read it back: one line, NFC, trimmed (quotes may stay). */
export function cleanLine(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(SPACES, ' ').trim().normalize('NFC');
}

// A Reply form ↔ an Adaptive Card with inputs. Submitting the card sends the input values back keyed by
// field key, next to `loketForm: <verb>`; formDataToCommand turns them into the text command a user could
// have typed, so a form submission runs through exactly the same parser and handler as typed text.
import type { Language } from '../../handlers/core/incoming.js';
import type { ReplyForm, ReplyFormField } from '../../handlers/core/reply.js';
import { t } from '../../handlers/i18n/index.js';
import { titleBlock, type CardElement } from './adaptive-card.js';

/** Field keys whose values become following lines (`decision: …`) rather than `key:"value"` options. */
const LINE_KEYS: ReadonlySet<string> = new Set(['decision', 'action', 'note']);
const POSITIONAL_KEY = '_text';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Keys LOKET puts in submit data itself; everything else in the data is a form value.
const RESERVED_KEY = /^loket/;
const KEY = /^[\p{L}_]+$/u;

/** `language` is the reader's, used when the form does not say which language it is written in. */
export function renderFormCard(form: ReplyForm, language: Language = 'sv'): { body: CardElement[]; actions: CardElement[] } {
  const body: CardElement[] = [titleBlock(form.title), ...form.fields.map((field) => formInput(field, form.language ?? language))];
  const submit: CardElement = {
    type: 'Action.Submit',
    title: form.submitLabel,
    style: 'positive',
    data: { loketForm: form.verb },
  };
  return { body, actions: [submit] };
}

function formInput(field: ReplyFormField, language: Language): CardElement {
  const common = {
    id: field.key,
    label: field.label,
    // Teams shows errorMessage under an empty required input when Submit is pressed; without it the
    // client shows nothing the person can read in their language.
    ...(field.required ? { isRequired: true, errorMessage: t(language, 'form.required', { label: field.label }) } : {}),
    ...(field.placeholder ? { placeholder: field.placeholder } : {}),
  };
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'Input.Text',
        ...common,
        ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.initial ? { value: field.initial } : {}),
      };
    case 'date':
      // Input.Date only accepts YYYY-MM-DD; anything else would render an empty, broken picker.
      return { type: 'Input.Date', ...common, ...(field.initial && ISO_DATE.test(field.initial) ? { value: field.initial } : {}) };
    case 'select':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...(field.initial ? { value: field.initial } : {}),
      };
  }
}

/**
 * Rebuilds `verb "title" key:"value" …` plus `decision: …` / `action: …` / `note: …` lines from submitted
 * card data. The grammar has no escape for quotes, so quote characters inside a value become apostrophes;
 * a line break inside an option value becomes "; " because the parser reads a new line as a new line.
 */
export function formDataToCommand(verb: string, data: Record<string, unknown>): string {
  const head: string[] = [verb.replace(/\s+/g, ' ').trim()];
  const lines: string[] = [];
  const title = valueOf(data[POSITIONAL_KEY]);
  if (title.trim()) head.push(quoted(oneLine(title)));
  for (const [key, raw] of Object.entries(data)) {
    if (key === POSITIONAL_KEY || RESERVED_KEY.test(key) || !KEY.test(key)) continue;
    const value = valueOf(raw);
    if (!value.trim()) continue;
    if (LINE_KEYS.has(key)) {
      for (const line of value.split(/\r?\n/)) if (line.trim()) lines.push(`${key}: ${line.trim()}`);
    } else {
      head.push(`${key}:${quoted(oneLine(value))}`);
    }
  }
  return [head.join(' '), ...lines].join('\n');
}

function valueOf(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return '';
}

function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');
}

function quoted(text: string): string {
  return `"${text.replace(/["“”]/g, "'")}"`;
}

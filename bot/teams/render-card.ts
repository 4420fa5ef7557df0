// Reply → Teams messages: plain markdown when the reply is only text, otherwise Adaptive Cards (schema 1.5),
// split into as many messages as the size limit needs. Rendering never fails on length.
import type { Language } from '../../handlers/core/incoming.js';
import { renderPlainText, withCommandSyntax, type Reply, type ReplyBlock } from '../../handlers/core/reply.js';
import {
  MESSAGE_BUDGET_BYTES,
  adaptiveCard,
  cardMessage,
  chunkText,
  textBlock,
  titleBlock,
  utf16Bytes,
  type AdaptiveCard,
  type CardElement,
  type TeamsMessage,
} from './adaptive-card.js';
import { renderFormCard } from './render-form.js';

export { formDataToCommand } from './render-form.js';
export type { AdaptiveCard, CardElement, TeamsMessage } from './adaptive-card.js';

// Teams clients show at most a handful of buttons side by side; more go in further rows.
const ACTIONS_PER_ROW = 5;
const SUMMARY_CHARS = 200;
// What a card message weighs before its elements: the attachment wrapper, an empty card with an actions
// array, and the longest summary (every character of which might be escaped in JSON).
const EMPTY_MESSAGE_BYTES = utf16Bytes(cardMessage(adaptiveCard([], [{ type: 'Action.Submit' }]), '\\'.repeat(SUMMARY_CHARS)));
const ELEMENT_BUDGET_BYTES = MESSAGE_BUDGET_BYTES - EMPTY_MESSAGE_BYTES - 64;

/** Where the reply is read: in a 1:1 chat a command is typed as it is, elsewhere after `@LOKET`. */
export type TeamsPlace = 'personal' | 'channel';

/** `language` is the reader's (the activity's locale), for the few texts Teams itself needs (form errors). */
export function renderTeamsMessages(original: Reply, place: TeamsPlace = 'channel', language: Language = 'sv'): TeamsMessage[] {
  const reply = withCommandSyntax(original, place === 'personal' ? 'teams-personal' : 'teams-channel');
  if (isTextOnly(reply)) return renderText(reply);
  const summary = summaryOf(reply);
  const content = [...(reply.title ? [titleBlock(reply.title)] : []), ...reply.blocks.flatMap(blockElements)];
  const rows = actionRows(reply);
  if (!reply.form) return packCards([...content, ...rows], undefined).map((card) => cardMessage(card, summary));
  const form = renderFormCard(reply.form, language);
  const tail = { body: [...form.body, ...rows], actions: form.actions };
  return packCards(content, tail).map((card) => cardMessage(card, summary));
}

function isTextOnly(reply: Reply): boolean {
  return !reply.form && !reply.buttons?.length && !reply.links?.length && reply.blocks.every((b) => b.type === 'text');
}

// Teams' markdown drops a single line break, so every line becomes a paragraph; long replies are split
// between paragraphs into several messages.
function renderText(reply: Reply): TeamsMessage[] {
  const lines = reply.title ? [`**${reply.title}**`] : [];
  for (const block of reply.blocks) if (block.type === 'text') lines.push(...block.text.split(/\r?\n/).filter((l) => l.trim()));
  const message = (text: string): TeamsMessage => ({ type: 'message', text, textFormat: 'markdown' });
  const fits = (text: string) => utf16Bytes(message(text)) <= MESSAGE_BUDGET_BYTES;
  // A piece's characters may each grow to two when escaped in JSON (quotes, backslashes), so one piece
  // alone is at most half the budget in characters; pieces are then joined as long as the message fits.
  const maxChars = Math.floor((MESSAGE_BUDGET_BYTES - utf16Bytes(message(''))) / 4);
  const texts: string[] = [];
  let current = '';
  for (const piece of lines.flatMap((line) => chunkText(line, maxChars))) {
    const joined = current ? `${current}\n\n${piece}` : piece;
    if (current && !fits(joined)) {
      texts.push(current);
      current = piece;
    } else {
      current = joined;
    }
  }
  texts.push(current);
  return texts.map(message);
}

function summaryOf(reply: Reply): string {
  const plain = reply.title ?? renderPlainText(reply).split('\n')[0] ?? '';
  return plain.length > SUMMARY_CHARS ? `${plain.slice(0, SUMMARY_CHARS - 1)}…` : plain;
}

// One TextBlock per line: hosts disagree on how a line break inside a TextBlock renders, and small blocks
// are also what lets a long reply be split between cards anywhere.
function blockElements(block: ReplyBlock): CardElement[] {
  switch (block.type) {
    case 'text':
      return linesAsBlocks(block.text.split(/\r?\n/));
    case 'fields':
      return block.fields.length ? [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: f.label, value: f.value })) }] : [];
    case 'list': {
      const title = block.title ? [textBlock(block.title, { weight: 'Bolder' })] : [];
      return [...title, ...linesAsBlocks(block.items.map((item) => `• ${item}`))];
    }
  }
}

function linesAsBlocks(lines: string[]): CardElement[] {
  const elements: CardElement[] = [];
  let gap = false;
  for (const line of lines) {
    if (!line.trim()) {
      gap = elements.length > 0;
      continue;
    }
    elements.push(textBlock(line, elements.length === 0 ? {} : { spacing: gap ? 'Medium' : 'None' }));
    gap = false;
  }
  return elements;
}

function actionRows(reply: Reply): CardElement[] {
  const actions: CardElement[] = [
    ...(reply.buttons ?? []).map((b) => ({
      type: 'Action.Submit',
      title: b.label,
      // Plain Action.Submit arrives as a `message` activity carrying `value`, the same route as typed text;
      // messageBack would also echo the command into the chat as if the user had typed it.
      data: { loketCommand: b.command, ...(b.once ? { loketOnce: b.once } : {}) },
      ...(b.style ? { style: b.style === 'primary' ? 'positive' : 'destructive' } : {}),
    })),
    ...(reply.links ?? []).map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
  ];
  const rows: CardElement[] = [];
  for (let i = 0; i < actions.length; i += ACTIONS_PER_ROW) rows.push({ type: 'ActionSet', actions: actions.slice(i, i + ACTIONS_PER_ROW) });
  return rows;
}

/** Greedy packing by measured size; `tail` (a form) must stay in one card, so it starts a new card if needed. */
function packCards(elements: CardElement[], tail: { body: CardElement[]; actions: CardElement[] } | undefined): AdaptiveCard[] {
  const cards: AdaptiveCard[] = [];
  let body: CardElement[] = [];
  let used = 0;
  const flush = () => {
    if (body.length) cards.push(adaptiveCard(body));
    body = [];
    used = 0;
  };
  for (const element of elements.flatMap(fitElement)) {
    const size = utf16Bytes(element) + 2;
    if (used + size > ELEMENT_BUDGET_BYTES) flush();
    body.push(element);
    used += size;
  }
  if (!tail) {
    flush();
    return cards.length ? cards : [adaptiveCard([])];
  }
  const tailSize = utf16Bytes(tail.body) + utf16Bytes(tail.actions);
  if (used + tailSize > ELEMENT_BUDGET_BYTES) flush();
  cards.push(adaptiveCard([...body, ...tail.body], tail.actions));
  return cards;
}

/** Splits one element that alone exceeds a card: long text into several blocks, big fact sets into several. */
function fitElement(element: CardElement): CardElement[] {
  if (utf16Bytes(element) <= ELEMENT_BUDGET_BYTES) return [element];
  if (element.type === 'TextBlock' && typeof element.text === 'string') {
    const text = element.text;
    const available = (ELEMENT_BUDGET_BYTES - utf16Bytes({ ...element, text: '' })) / 2;
    // Quotes, backslashes and control characters grow when escaped in JSON; size pieces by the real ratio.
    const escapeRatio = (JSON.stringify(text).length - 2) / Math.max(1, text.length);
    const maxChars = Math.max(1, Math.min(text.length - 1, Math.floor(available / escapeRatio) - 8));
    return chunkText(text, maxChars).flatMap((piece, i) => fitElement({ ...element, text: piece, ...(i ? { spacing: 'None' } : {}) }));
  }
  if (element.type === 'FactSet' && Array.isArray(element.facts)) {
    const facts = element.facts as { title: string; value: string }[];
    if (facts.length === 1) {
      const [fact] = facts as [{ title: string; value: string }];
      return [textBlock(fact.title, { weight: 'Bolder' }), ...fitElement(textBlock(fact.value))];
    }
    const half = Math.ceil(facts.length / 2);
    return [...fitElement({ ...element, facts: facts.slice(0, half) }), ...fitElement({ ...element, facts: facts.slice(half) })];
  }
  return [element];
}

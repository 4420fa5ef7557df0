// Reply → Block Kit. Slack refuses a whole message when one limit is exceeded, so everything here is cut or
// split to the documented limits and the renderer never throws on length.
import type { types } from '@slack/bolt';
import { renderPlainText, type Reply, type ReplyBlock, type ReplyButton, type ReplyField, type ReplyLink } from '../../handlers/core/reply.js';
import { escapeMrkdwn, mrkdwnLink, oneLine, packLines, safeCut, truncate, type WeightedLine } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  elementsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 3000,
} as const;

export const ACTION_ID_PREFIX = 'loket_run_';
/** `loket_run_2.once.<key>`: a button that shares a one-click key with its siblings (ReplyButton.once). */
export const ONCE_SEPARATOR = '.once.';

/** A block plus how many user-visible items it carries, so a cut message can say how many were left out. */
interface Piece {
  block: KnownBlock;
  items: number;
}

export function renderBlocks(reply: Reply): { text: string; blocks: KnownBlock[] } {
  const head = reply.title?.trim() ? [headerBlock(reply.title)] : [];
  const body = reply.blocks.flatMap(renderReplyBlock);
  const buttons = renderButtons(reply.buttons ?? []);
  const tail = [...buttons.pieces, ...linkPieces(reply.links ?? [])];
  return { text: fallbackText(reply), blocks: fit(head, body, tail, buttons.dropped) };
}

function fallbackText(reply: Reply): string {
  const text = escapeMrkdwn(renderPlainText(reply, 'slack'));
  if (text.length <= SLACK_LIMITS.fallbackText) return text || '…';
  return `${text.slice(0, safeCut(text, SLACK_LIMITS.fallbackText - 1))}…`;
}

/** Keeps the header and the buttons/links, fills the rest with body, and says how much was left out. */
function fit(head: KnownBlock[], body: Piece[], tail: Piece[], alreadyDropped: number): KnownBlock[] {
  const max = SLACK_LIMITS.blocksPerMessage;
  if (alreadyDropped === 0 && head.length + body.length + tail.length <= max) {
    return [...head, ...body.map((p) => p.block), ...tail.map((p) => p.block)];
  }
  const budget = max - head.length - 1;
  const keptTail = tail.slice(0, budget);
  const keptBody = body.slice(0, budget - keptTail.length);
  const dropped = [...body.slice(keptBody.length), ...tail.slice(keptTail.length)];
  // A dropped piece may hold only the tail of a split item; still, something was left out.
  const omitted = alreadyDropped + Math.max(dropped.reduce((sum, p) => sum + p.items, 0), dropped.length > 0 ? 1 : 0);
  const blocks = [...head, ...keptBody.map((p) => p.block), ...keptTail.map((p) => p.block)];
  if (omitted > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `… (+${omitted})` }] });
  return blocks;
}

function headerBlock(title: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(oneLine(title), SLACK_LIMITS.headerText), emoji: true } };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function sections(lines: WeightedLine[], itemsPerChunk?: number): Piece[] {
  return packLines(lines, SLACK_LIMITS.sectionText).map((c) => ({ block: section(c.text), items: itemsPerChunk ?? c.items }));
}

function renderReplyBlock(block: ReplyBlock): Piece[] {
  switch (block.type) {
    case 'text':
      return sections(escapeMrkdwn(block.text).split('\n').map((text) => ({ text, items: 0 })), 1);
    case 'list':
      return renderList(block.title, block.items);
    case 'fields':
      return renderFields(block.fields);
  }
}

function renderList(title: string | undefined, items: string[]): Piece[] {
  const lines: WeightedLine[] = title?.trim() ? [{ text: `*${escapeMrkdwn(oneLine(title))}*`, items: 0 }] : [];
  for (const item of items) {
    const [first = '', ...more] = escapeMrkdwn(item).split('\n');
    lines.push({ text: `• ${first}`, items: 1 }, ...more.map((text) => ({ text: `   ${text}`, items: 0 })));
  }
  return sections(lines);
}

function renderFields(fields: ReplyField[]): Piece[] {
  const texts = fields
    .filter((f) => f.label.trim() || f.value.trim())
    .map((f) => ({ label: escapeMrkdwn(oneLine(f.label)), value: escapeMrkdwn(f.value) }));
  const fitsAsFields = texts.every((f) => fieldText(f.label, f.value).length <= SLACK_LIMITS.fieldText);
  if (!fitsAsFields) {
    // Long values read better as a list than as two narrow columns, and a field holds only 2 000 characters.
    return sections(texts.map((f) => ({ text: f.label ? `*${f.label}:* ${f.value}` : f.value, items: 1 })));
  }
  const pieces: Piece[] = [];
  for (let i = 0; i < texts.length; i += SLACK_LIMITS.fieldsPerSection) {
    const group = texts.slice(i, i + SLACK_LIMITS.fieldsPerSection);
    pieces.push({
      block: { type: 'section', fields: group.map((f) => ({ type: 'mrkdwn', text: fieldText(f.label, f.value) })) },
      items: group.length,
    });
  }
  return pieces;
}

function fieldText(label: string, value: string): string {
  if (!label) return value;
  return value.trim() ? `*${label}*\n${value}` : `*${label}*`;
}

/** Buttons whose command is blank or does not fit in a button value cannot run, so they are counted as left out. */
function renderButtons(buttons: ReplyButton[]): { pieces: Piece[]; dropped: number } {
  const usable = buttons.filter((b) => b.command.trim().length > 0 && b.command.length <= SLACK_LIMITS.buttonValue);
  const pieces: Piece[] = [];
  for (let i = 0; i < usable.length; i += SLACK_LIMITS.elementsPerActions) {
    const group = usable.slice(i, i + SLACK_LIMITS.elementsPerActions);
    const elements = group.map((b, j) => buttonElement(b, i + j));
    pieces.push({ block: { type: 'actions', elements }, items: group.length });
  }
  return { pieces, dropped: buttons.length - usable.length };
}

function buttonElement(button: ReplyButton, index: number): types.Button {
  // Slack refuses a button with empty text; a command of only control characters can still be blank here.
  const label = oneLine(button.label) || oneLine(button.command) || '…';
  return {
    type: 'button',
    action_id: `${ACTION_ID_PREFIX}${index}${button.once ? `${ONCE_SEPARATOR}${button.once}` : ''}`,
    text: { type: 'plain_text', text: truncate(label, SLACK_LIMITS.buttonText), emoji: true },
    value: button.command,
    ...(button.style ? { style: button.style } : {}),
  };
}

function linkPieces(links: ReplyLink[]): Piece[] {
  return sections(links.map((l) => ({ text: mrkdwnLink(l.url, l.label), items: 1 })));
}

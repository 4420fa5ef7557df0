// Teams message HTML → the plain text the core parses: the one place Teams text is read (docs/architecture.md).
// Teams sends HTML-ish text: mentions as `<at>Name</at>` (resolved in `entities`), entities such as &nbsp;
// and &amp;, <p>/<div>/<br> for lines, links as <a href>, and emoji as <img itemtype=".../Emoji" alt="🍺">.
//
// The tags are read with a few regular expressions rather than an HTML parser: Teams' message HTML is a
// small, flat, machine-written subset (no scripts, no nesting that matters), and only five things in it
// carry meaning for a command (mentions, line breaks, emoji, links, entities). Entities are decoded by
// the `entities` package, which knows all of HTML's named entities.
import { decodeHTMLStrict } from 'entities/decode';

export interface MentionLike {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

/** The parts of an activity this module reads; recorded Teams payloads and SDK activities both fit. */
export interface TextActivityLike {
  text?: string;
  recipient?: { id?: string };
  entities?: unknown[];
  attachments?: unknown[];
}

// Private-use characters stand in for mentions while the rest of the text is cleaned; any the user typed
// are removed first, so a typed placeholder can never turn into a mention.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** One person as the text names them: several adjacent `<at>` tags of the same person are one mention. */
interface Mention {
  id: string;
  name: string;
  isBot: boolean;
  at: number;
  end: number;
}

/**
 * Removes the bot's own mention, rewrites other mentions to `<@id|Name>` (the form the core's parser reads),
 * turns block HTML into line breaks, emoji images into their character, links into what was typed, drops
 * other tags, decodes entities and trims.
 */
export function toCommandText(activity: TextActivityLike): string {
  const source = sourceText(activity);
  const replacements: string[] = [];
  let text = '';
  let from = 0;
  for (const mention of readMentions(source, activity)) {
    text += source.slice(from, mention.at);
    if (!mention.isBot) text += `${OPEN}${replacements.push(`<@${mention.id}|${mention.name}>`) - 1}${CLOSE}`;
    from = mention.end;
  }
  text += source.slice(from);
  text = htmlToText(text);
  // A `<@…` the user typed literally (Teams sent it as &lt;@…) is text, not a mention.
  text = text.replace(/<@/g, '< @');
  text = text.replace(PLACEHOLDER, (_, i: string) => replacements[Number(i)] ?? '');
  return text.trim();
}

/** `<@id>` → display name for the mentions (other than the bot) in the activity, multi-part names whole. */
export function mentionNames(activity: TextActivityLike): Record<string, string> {
  const names: Record<string, string> = {};
  for (const m of readMentions(sourceText(activity), activity)) if (!m.isBot && !names[m.id]) names[m.id] = m.name;
  return names;
}

/**
 * The message's HTML with typed placeholders removed. Teams keeps emoji out of `text` in some clients and
 * only in the `text/html` copy it attaches; when that copy has emoji and `text` has none, the copy is read
 * instead, its mention spans turned back into the `<at>` text of the entity they number.
 */
function sourceText(activity: TextActivityLike): string {
  const text = activity.text ?? '';
  const html = htmlAttachment(activity);
  const source = html !== undefined && EMOJI_IMG.test(html) && !EMOJI_IMG.test(text) ? mentionSpansToAt(html, activity) : text;
  return source.replace(/[\uE000\uE001]/g, '');
}

const EMOJI_IMG = /<img\b[^>]*schema\.skype\.com\/Emoji/i;

function htmlAttachment(activity: TextActivityLike): string | undefined {
  // A hostile or malformed activity may carry anything here.
  for (const a of Array.isArray(activity.attachments) ? activity.attachments : []) {
    const attachment = a as { contentType?: unknown; content?: unknown };
    if (attachment?.contentType === 'text/html' && typeof attachment.content === 'string') return attachment.content;
  }
  return undefined;
}

function mentionSpansToAt(html: string, activity: TextActivityLike): string {
  const entities = mentionEntities(activity);
  return html.replace(/<span\b([^>]*schema\.skype\.com\/Mention[^>]*)>([\s\S]*?)<\/span>/gi, (whole, attributes: string, inner: string) => {
    const index = /itemid\s*=\s*["']?(\d+)/i.exec(attributes)?.[1];
    const entity = index === undefined ? undefined : entities[Number(index)];
    return entity ? entity.text : inner;
  });
}

function mentionEntities(activity: TextActivityLike): { id: string; name: string; text: string }[] {
  const mentions: { id: string; name: string; text: string }[] = [];
  for (const entity of activity.entities ?? []) {
    const e = entity as MentionLike;
    if (e?.type !== 'mention' || typeof e.text !== 'string' || typeof e.mentioned?.id !== 'string') continue;
    mentions.push({ id: e.mentioned.id, name: e.mentioned.name ?? htmlToText(e.text), text: e.text });
  }
  return mentions;
}

// Between two parts of one split name Teams writes a space or &nbsp;.
const NAME_GAP = /^(?:\s|&nbsp;|&#160;|&#xa0;)*$/i;

/**
 * The mentions in `text`, in order, each found where its entity's `<at>` text stands. New Teams splits a
 * name over several adjacent `<at>` tags whose entities share the person's id and each carry one word
 * (`<at>Anna</at> <at>Berg</at>`); those become one mention named by the words together.
 */
function readMentions(text: string, activity: TextActivityLike): Mention[] {
  const botId = activity.recipient?.id;
  const found: (Mention & { parts: string[] })[] = [];
  let from = 0;
  for (const entity of mentionEntities(activity)) {
    const at = text.indexOf(entity.text, from);
    if (at < 0) continue;
    const end = at + entity.text.length;
    from = end;
    const previous = found[found.length - 1];
    if (previous && previous.id === entity.id && NAME_GAP.test(text.slice(previous.end, at))) {
      previous.end = end;
      previous.parts.push(entity.name);
      continue;
    }
    found.push({ id: entity.id, name: entity.name, isBot: entity.id === botId, at, end, parts: [entity.name] });
  }
  return found.map(({ parts, ...mention }) => ({ ...mention, name: safeName(wholeName(parts)) }));
}

// Each part names one word; an older client repeated the whole name on every part instead.
function wholeName(parts: string[]): string {
  const first = parts[0] ?? '';
  return parts.every((p) => p === first) ? first : parts.join(' ');
}

// The parser ends a mention at `>` and splits id from name at `|`; neither may appear inside the name.
function safeName(name: string): string {
  return name.replace(/[<>|\r\n]/g, ' ').replace(/\s+/g, ' ').trim();
}

const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-z][a-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ANCHOR = /<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/a\s*>/gi;

/** Message HTML → plain text: one line per paragraph or `<br>`, emoji as their character, entities decoded. */
function htmlToText(html: string): string {
  const withLinks = html.replace(ANCHOR, (_whole, attributes: string, inner: string) => linkText(attributeOf(attributes, 'href'), inner));
  const text = withLinks.replace(TAG, (whole, _close: string | undefined, name: string | undefined, attributes: string | undefined) => {
    if (!name) return '';
    const tag = name.toLowerCase();
    if (BLOCK_TAGS.has(tag)) return '\n';
    if (tag === 'img') return attributeOf(attributes ?? '', 'alt') ?? '';
    return '';
  });
  return decodeHTMLStrict(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .replace(/^\n+|\n+$/g, '');
}

/** A link as typed: a pasted URL is its text; a word the user linked keeps the address beside it. */
function linkText(href: string | undefined, inner: string): string {
  const label = htmlToText(inner).trim();
  if (!href) return inner;
  const address = decodeHTMLStrict(href);
  const same = (a: string) => a.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  if (!label || same(label) === same(address) || `mailto:${label}`.toLowerCase() === address.toLowerCase()) return label ? inner : href;
  return `${inner} (${href})`;
}

function attributeOf(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

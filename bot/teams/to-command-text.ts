// Teams message text → the text the core parses. Teams sends HTML-ish text: mentions as `<at>Name</at>`
// (resolved in `entities`), entities such as &nbsp; and &amp;, and <p>/<br> when the user formatted text.

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
}

// Private-use characters stand in for mentions while the rest of the text is cleaned; any the user typed
// are removed first, so a typed placeholder can never turn into a mention.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

// Teams writes &nbsp; where the user typed an ordinary space (typically right after a mention).
const NAMED_ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Removes the bot's own mention, rewrites other mentions to `<@id|Name>` (the form the core's parser reads),
 * turns block HTML into line breaks, drops other tags, decodes entities and trims.
 */
export function toCommandText(activity: TextActivityLike): string {
  const botId = activity.recipient?.id;
  const replacements: string[] = [];
  let text = (activity.text ?? '').replace(/[\uE000\uE001]/g, '');
  let from = 0;
  for (const mention of mentionsOf(activity)) {
    const at = text.indexOf(mention.text, from);
    if (at < 0) continue;
    const isBot = mention.id === botId;
    const token = isBot ? '' : `${OPEN}${replacements.push(`<@${mention.id}|${safeName(mention.name)}>`) - 1}${CLOSE}`;
    text = text.slice(0, at) + token + text.slice(at + mention.text.length);
    from = at + token.length;
  }
  text = decodeEntities(stripTags(text));
  // A `<@…` the user typed literally (Teams sent it as &lt;@…) is text, not a mention.
  text = text.replace(/<@/g, '< @');
  text = text.replace(PLACEHOLDER, (_, i: string) => replacements[Number(i)] ?? '');
  return text.replace(/[ \t]+\n/g, '\n').trim();
}

/** `<@id>` → display name for the mentions (other than the bot) in the activity. */
export function mentionNames(activity: TextActivityLike): Record<string, string> {
  const names: Record<string, string> = {};
  for (const m of mentionsOf(activity)) if (m.id !== activity.recipient?.id) names[m.id] = safeName(m.name);
  return names;
}

function mentionsOf(activity: TextActivityLike): { id: string; name: string; text: string }[] {
  const mentions: { id: string; name: string; text: string }[] = [];
  for (const entity of activity.entities ?? []) {
    const e = entity as MentionLike;
    if (e?.type !== 'mention' || typeof e.text !== 'string' || typeof e.mentioned?.id !== 'string') continue;
    const inner = decodeEntities(stripTags(e.text));
    mentions.push({ id: e.mentioned.id, name: e.mentioned.name ?? inner, text: e.text });
  }
  return mentions;
}

// The parser ends a mention at `>` and splits id from name at `|`; neither may appear inside the name.
function safeName(name: string): string {
  return name.replace(/[<>|\r\n]/g, ' ').replace(/\s+/g, ' ').trim();
}

function stripTags(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Slack mrkdwn helpers: escaping and splitting text to Block Kit's length limits without breaking what
// Slack parses (entities, mentions, surrogate pairs).

// A user mention stays live: handlers echo people as `<@U…>` and Slack should render them as names.
// `<!channel>`, `<!here>` and links are escaped like any other text, so stored user text cannot ping a channel.
const USER_MENTION = /<@[UW][A-Z0-9]{2,}(?:\|[^<>&\n]{0,80})?>/g;

/** Escapes `&`, `<` and `>`, the only control characters of mrkdwn; backticks and the rest stay as they are.
 *  The one way out for plain text (the way in is slack-text.ts `fromSlackText`); call it once, on plain text. */
export function escapeMrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(USER_MENTION)) {
    out += escapeAll(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeAll(text.slice(last));
}

function escapeAll(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<url|label>`; a `|` or `>` in the URL would end it early, so those are percent-encoded. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/\|/g, '%7C').replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E');
  const safeLabel = escapeAll(truncate(oneLine(label), 300)).replace(/\|/g, '¦');
  return safeLabel ? `<${safeUrl}|${safeLabel}>` : `<${safeUrl}>`;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts to at most `max` UTF-16 units, ending in `…` when something was cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1))}…`;
}

/** A cut position ≤ max that splits neither a surrogate pair, nor an `&amp;`-style entity, nor a `<@U…>` mention. */
export function safeCut(text: string, max: number): number {
  let cut = Math.min(max, text.length);
  if (cut <= 0) return 0;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && text.indexOf(';', amp) >= cut) cut = amp;
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && open > text.lastIndexOf('>', cut - 1) && open > cut - 100) cut = open;
  // A degenerate input (e.g. a 3 000-char mention) must still make progress.
  return cut > 0 ? cut : Math.min(max, text.length);
}

/** Splits one line into pieces ≤ max at spaces, or anywhere safe when a word is longer than max. */
export function splitLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const cut = space > 0 ? space : safeCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

export interface WeightedLine {
  text: string;
  /** How many user-visible items start on this line (list items, links), for the "… (+N)" count. */
  items: number;
}

export interface Chunk {
  text: string;
  items: number;
}

/** Packs lines into chunks of ≤ max characters, splitting at line breaks first and words second. */
export function packLines(lines: WeightedLine[], max: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  for (const line of lines) {
    splitLine(line.text, max).forEach((piece, index) => {
      const items = index === 0 ? line.items : 0;
      if (current && current.text.length + 1 + piece.length <= max) {
        current.text += `\n${piece}`;
        current.items += items;
      } else {
        if (current) chunks.push(current);
        current = { text: piece, items };
      }
    });
  }
  if (current) chunks.push(current);
  // Slack rejects a section whose text is empty or only whitespace.
  return chunks.map((c) => ({ text: c.text.trim(), items: c.items })).filter((c) => c.text.length > 0);
}

// Slack's message text → the plain text the core parses: the one place where Slack's escaping and its
// `<…>` sequences are undone (https://docs.slack.dev/messaging/formatting-message-text). Slack escapes
// exactly `&`, `<` and `>` in what a person typed, and writes links, channels, special mentions, user
// groups and dates as `<…>`. What comes out is what the person saw in Slack's composer, so it is stored,
// searched and shown back (escaped again by mrkdwn.ts `escapeMrkdwn`) as typed.
//
// Used for slash command text, @-mentions and DMs. Not for button values (LOKET's own text, returned
// verbatim) nor modal values (plain_text_input, selects and date pickers are not escaped).

// Inside Slack's escaped text a literal `<` or `>` is always `&lt;`/`&gt;`, so every `<…>` is Slack's own.
const SEQUENCE = /<([^<>]*)>/g;
const ENTITY = /&(amp|lt|gt);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/** `&amp;` `&lt;` `&gt;` → `& < >` in one pass, so a typed `&lt;` (sent as `&amp;lt;`) stays `&lt;`. */
export function unescapeSlack(text: string): string {
  return text.replace(ENTITY, (_, name: string) => ENTITIES[name]!);
}

/**
 * Plain text for the core:
 * - user mentions `<@U123>` / `<@U123|name>` stay, so the parser reads them as people;
 * - `<#C123|klusterledare>` → `#klusterledare`;
 * - `<!here>`, `<!channel>`, `<!everyone>` → `@here` …; `<!subteam^S123|@styrgrupp>` → `@styrgrupp`;
 *   `<!date^1392734382^{date}|Feb 18, 2014>` → its fallback text;
 * - links: `<https://www.esa.int>` → `https://www.esa.int`; a URL or address the person typed, which Slack
 *   rewrote (`<http://www.esa.int|www.esa.int>`, `<mailto:a@b.se|a@b.se>`) → what they typed; a link
 *   whose label is other words (`<https://esa.int|ESA>`) → `ESA (https://esa.int)`, so the address is kept;
 * - `&amp; &lt; &gt;` → `& < >`.
 */
export function fromSlackText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SEQUENCE)) {
    out += unescapeSlack(text.slice(last, match.index)) + sequence(match[1]!);
    last = match.index + match[0].length;
  }
  return out + unescapeSlack(text.slice(last));
}

function sequence(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? unescapeSlack(inner.slice(bar + 1)) : '';
  if (target.startsWith('@')) return `<${target}${bar >= 0 ? `|${label}` : ''}>`;
  if (target.startsWith('#')) return `#${label || target.slice(1)}`;
  if (target.startsWith('!')) return special(target.slice(1), label);
  const url = unescapeSlack(target);
  if (!label) return url;
  return typedAs(url, label) ? label : `${label} (${url})`;
}

function special(command: string, label: string): string {
  const [kind = '', id = ''] = command.split('^');
  if (kind === 'subteam') return label || `@${id}`;
  if (kind === 'date') return label;
  // here, channel, everyone (older clients wrote `<!here|here>`).
  return `@${kind}`;
}

/** Whether the label is the address itself as the person typed it: `www.esa.int`, `a@b.se`, the URL. */
function typedAs(url: string, label: string): boolean {
  const bare = (s: string) => s.toLowerCase().replace(/^(?:https?:\/\/|mailto:|tel:)/, '').replace(/\/$/, '');
  return bare(url) === bare(label);
}

import { t } from '../i18n/index.js';
import type { Language } from './incoming.js';
import { commandRef } from './reply.js';

// Free text (a note, a closing note, a search) is taken from the message as typed, not rebuilt from tokens:
// tokens lose line breaks, quote characters and anything that looks like a `key:` option.

const QUOTES = new Set(['"', '“', '”']);
const PREFIXES = new Set(['loket', '/loket']);

// Control characters other than tab and line feed (Postgres refuses NUL in text), and \r of \r\n.
const CONTROL = /\r(?=\n)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The raw text after the first `count` words (a quoted run counts as one word), any `loket` prefix
 *  skipped; line breaks in the rest are kept. */
export function textAfterWords(typed: string, count: number): string {
  const raw = typed.replace(CONTROL, '').normalize('NFC');
  let pos = skipSpace(raw, 0);
  const first = raw.slice(pos, wordEnd(raw, pos)).toLowerCase();
  if (PREFIXES.has(first)) pos = skipSpace(raw, wordEnd(raw, pos));
  for (let i = 0; i < count && pos < raw.length; i++) pos = skipSpace(raw, wordEnd(raw, pos));
  return raw.slice(pos).trim();
}

function skipSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && /\s/.test(s[i] as string)) i++;
  return i;
}

function wordEnd(s: string, from: number): number {
  if (QUOTES.has(s[from] as string)) {
    let i = from + 1;
    while (i < s.length && !QUOTES.has(s[i] as string)) i++;
    return Math.min(i + 1, s.length);
  }
  let i = from;
  while (i < s.length && !/\s/.test(s[i] as string)) i++;
  return i;
}

/** At most `max` characters, ending in `…` when cut, for one-line list items; the whole text stays stored
 *  and `show` prints it in full. */
export function shorten(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

/** `shorten`, and when it cut, where the whole text is: «… (hela texten: `/loket meeting show M12`)». A view
 *  that lists stored text uses it, so no digest line, card or list item grows with what was typed. */
export function shortenWithMore(text: string, max: number, language: Language, command: string): string {
  const short = shorten(text, max);
  return short.endsWith('…') && short.length < text.replace(/\s+/g, ' ').trim().length ? `${short}${t(language, 'view.more', { command: commandRef(command, language) })}` : short;
}

/** A name as a command argument: quoted when it has spaces (`progress show "Swedish Space Cluster"`). */
export function commandArg(name: string): string {
  return /\s/.test(name) ? `"${name.replace(/["“”]/g, '')}"` : name;
}

// Message text → tokens (docs/architecture.md "Command grammar"). A hand-written scanner rather than regexes,
// so every input is handled in linear time and nothing can throw. The scanner knows no command: every
// `letters:value` becomes an option token that keeps the text it came from, and the binder
// (handlers/core/bind.ts) decides, from the command's declared keys, whether it is a key or just text.
import type { LineKind, ParsedMessage, PersonRef, ShortIdKind, StructuredLine, Token } from './command.js';

/** A key is letters only (`datum`, `kluster`); `R&D-möte:`, `14:00` and `2026-03-02:` are text. */
const KEY = /^\p{L}+$/u;

const LINE_KINDS: ReadonlyMap<string, LineKind> = new Map([
  ['decision', 'decision'], ['beslut', 'decision'],
  ['action', 'action'], ['åtgärd', 'action'], ['atgard', 'action'],
  ['note', 'note'], ['anteckning', 'note'],
] as const);

const PREFIXES: ReadonlySet<string> = new Set(['loket', '/loket']);

// Phones and Swedish keyboards produce ”…” and “…”, and often mix them with ", so any of the three closes a quote.
const QUOTES: ReadonlySet<string> = new Set(['"', '“', '”']);

// JS \s lacks U+0085 (NEL), which Unicode counts as whitespace.
const SPACE = /[\s\u0085]/;
const isSpace = (ch: string | undefined): boolean => ch !== undefined && (ch === ' ' || SPACE.test(ch));

const MAX_SHORT_ID = 2 ** 31 - 1;
const SHORT_ID = /^([MANXGP])([1-9][0-9]{0,9})$/i;

export function parseShortId(word: string): { kind: ShortIdKind; number: number } | undefined {
  const match = SHORT_ID.exec(word);
  if (!match?.[1] || !match[2]) return undefined;
  const number = Number(match[2]);
  if (number > MAX_SHORT_ID) return undefined;
  return { kind: match[1].toUpperCase() as ShortIdKind, number };
}

/** A token plus the text it came from. */
interface Lexeme {
  token: Token;
  raw: string;
}

// On failure, `stop` is where scanning may resume: no mention can start before it.
type Mention = { ok: true; end: number; ref: PersonRef } | { ok: false; stop: number };

class Scanner {
  pos = 0;
  // Remembers that no '>' follows this index, so repeated unterminated mentions stay linear.
  private noCloseFrom = Infinity;

  constructor(readonly s: string) {}

  wordEnd(from: number): number {
    let i = from;
    while (i < this.s.length && !isSpace(this.s[i])) i++;
    return i;
  }

  /** End of a quoted run opened at `from`; an unterminated quote runs to the end of the line. */
  quotedEnd(from: number): { contentEnd: number; end: number } {
    // A value opened with a straight quote closes at the next straight one when there is one, so a title may
    // hold a phone's curly quotes (`"Styrgrupp “vår”"`); a curly quote closes at any quote, as phones pair
    // “…” and ”…” alike.
    const straight = this.s[from] === '"' && this.s.indexOf('"', from + 1) >= 0;
    let i = from + 1;
    while (i < this.s.length && !(straight ? this.s[i] === '"' : QUOTES.has(this.s[i] as string))) i++;
    return i < this.s.length ? { contentEnd: i, end: i + 1 } : { contentEnd: i, end: i };
  }

  /** `<@id>` or `<@id|name>` at `from`. Ids never hold whitespace on either platform; names may. */
  mention(from: number): Mention {
    let i = from + 2;
    while (i < this.s.length && !isSpace(this.s[i]) && this.s[i] !== '>' && this.s[i] !== '|') i++;
    const id = this.s.slice(from + 2, i);
    if (!id || i >= this.s.length || isSpace(this.s[i])) return { ok: false, stop: i };
    if (this.s[i] === '>') return { ok: true, end: i + 1, ref: { type: 'platform', id } };
    const close = this.closeAfter(i + 1);
    if (close < 0) return { ok: false, stop: i };
    const name = this.s.slice(i + 1, close);
    return { ok: true, end: close + 1, ref: name ? { type: 'platform', id, name } : { type: 'platform', id } };
  }

  private closeAfter(from: number): number {
    if (from >= this.noCloseFrom) return -1;
    const close = this.s.indexOf('>', from);
    if (close < 0) this.noCloseFrom = from;
    return close;
  }

  /** An option value ends at a space outside quotes and mentions: `with:<@29:1a|Anna Berg>` and
   *  `cluster:"Swedish Space Cluster",Norrskog` are one value each. */
  valueEnd(from: number): number {
    let i = from;
    while (i < this.s.length && !isSpace(this.s[i])) {
      if (QUOTES.has(this.s[i] as string)) i = this.quotedEnd(i).end;
      else if (this.s.startsWith('<@', i)) {
        const m = this.mention(i);
        i = m.ok ? m.end : m.stop;
      } else i++;
    }
    return i;
  }

  next(): Lexeme | undefined {
    while (isSpace(this.s[this.pos])) this.pos++;
    if (this.pos >= this.s.length) return undefined;
    const start = this.pos;
    const ch = this.s[start] as string;
    if (QUOTES.has(ch)) {
      const q = this.quotedEnd(start);
      const value = this.s.slice(start + 1, q.contentEnd);
      const raw = this.s.slice(start, q.end);
      return this.take(start, q.end, raw === `"${value}"` ? { type: 'quoted', value } : { type: 'quoted', value, raw });
    }
    if (this.s.startsWith('<@', start)) {
      const m = this.mention(start);
      if (m.ok) return this.take(start, m.end, { type: 'person', ref: m.ref, raw: this.s.slice(start, m.end) });
    }
    const end = this.wordEnd(start);
    const word = this.s.slice(start, end);
    if (ch === '@' && word.length > 1) {
      const name = word.slice(1);
      const ref: PersonRef = name.toLowerCase() === 'me' ? { type: 'me' } : { type: 'name', name };
      return this.take(start, end, { type: 'person', ref, raw: word });
    }
    return this.option(start, word) ?? this.take(start, end, { type: 'word', value: word });
  }

  private option(start: number, word: string): Lexeme | undefined {
    const colon = word.indexOf(':');
    if (colon <= 0) return undefined;
    const written = word.slice(0, colon);
    if (!KEY.test(written)) return undefined;
    const key = written.toLowerCase();
    const from = start + colon + 1;
    if (from >= this.s.length || isSpace(this.s[from])) {
      return this.take(start, from, { type: 'option', key, value: '', raw: this.s.slice(start, from), free: true });
    }
    const end = this.valueEnd(from);
    const value = this.s.slice(from, end);
    const raw = this.s.slice(start, end);
    // A value quoted whole (`cluster:"Swedish Space Cluster"`) loses its quotes; a list of quoted items
    // (`cluster:"Swedish Space Cluster",Norrskog`) keeps them for the list reader to split.
    const whole = QUOTES.has(value[0] as string) ? this.quotedEnd(from) : undefined;
    if (whole && whole.end === end) return this.take(start, end, { type: 'option', key, value: this.s.slice(from + 1, whole.contentEnd), raw, quoted: true });
    return this.take(start, end, { type: 'option', key, value, raw });
  }

  private take(start: number, end: number, token: Token): Lexeme {
    this.pos = end;
    return { token, raw: this.s.slice(start, end) };
  }
}

/** The text a token came from, as typed. */
export function rawOf(token: Token): string {
  if (token.type === 'option') return token.raw;
  if (token.type === 'person') return token.raw;
  if (token.type === 'quoted') return token.raw ?? `"${token.value}"`;
  return token.value;
}

/** `key: free text` takes the text of the following tokens up to the next token that `isKey` accepts;
 *  an option token that is not a key (`https://…`, `Obs:`) stays as it was. */
export function foldFreeText(tokens: Token[], isKey: (key: string) => boolean): Token[] {
  const folded: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type !== 'option' || !token.free || !isKey(token.key)) {
      folded.push(token);
      continue;
    }
    const parts: string[] = [];
    const raws: string[] = [token.raw];
    for (let next = tokens[i + 1]; next && !(next.type === 'option' && isKey(next.key)); next = tokens[i + 1]) {
      parts.push(rawOf(next));
      raws.push(rawOf(next));
      i++;
    }
    folded.push({ type: 'option', key: token.key, value: parts.join(' '), raw: raws.join(' '), folded: true });
  }
  return folded;
}

export function tokenize(line: string): Token[] {
  const scanner = new Scanner(line);
  const tokens: Token[] = [];
  for (let lexeme = scanner.next(); lexeme; lexeme = scanner.next()) tokens.push(lexeme.token);
  return tokens;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls except \t and \n; \r of \r\n is handled before.
const CONTROL = /[\u0000-\u0008\u000B-\u001F]/g;
// Every whitespace but the line break becomes a plain space, so a name typed with NBSP matches one typed without.
const OTHER_SPACE = /[^\S\n]|\u0085/g;

/** The text as every part of LOKET reads it: valid Unicode (NFC), `\n` line breaks, no control characters,
 *  one kind of space. A lone surrogate would make Postgres refuse the whole statement. */
export function normalizeText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n/g, '\n')
    .replace(CONTROL, '')
    .replace(OTHER_SPACE, ' ');
}

function structuredLine(line: string): StructuredLine | undefined {
  const colon = line.indexOf(':');
  const kind = colon > 0 ? LINE_KINDS.get(line.slice(0, colon).toLowerCase()) : undefined;
  if (!kind) return undefined;
  const text = line.slice(colon + 1).trim();
  return { kind, text, tokens: tokenize(text) };
}

function stripPrefix(tokens: Token[]): Token[] {
  const first = tokens[0];
  return first?.type === 'word' && PREFIXES.has(first.value.toLowerCase()) ? tokens.slice(1) : tokens;
}

export function parseMessage(text: string): ParsedMessage {
  const lines = normalizeText(typeof text === 'string' ? text : '').split('\n');
  const tokens: Token[] = [];
  const structured: StructuredLine[] = [];
  let seenFirst = false;
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (!line) continue;
    const asStructured = seenFirst ? structuredLine(line) : undefined;
    if (asStructured) structured.push(asStructured);
    // A loop, not push(...spread): a 100k-token line would overflow the argument limit.
    else for (const token of seenFirst ? tokenize(line) : stripPrefix(tokenize(line))) tokens.push(token);
    seenFirst = true;
  }
  return { tokens, lines: structured };
}

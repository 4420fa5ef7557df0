// The value types a command's arguments may have (handlers/core/spec.ts). Each reads one value strictly and
// says what was wrong; cluster and person names are checked against the programme by the handler, which
// can list what exists.
import type { MessageKey } from '../i18n/index.js';
import type { PersonRef, ShortIdKind } from './command.js';
import { parseDay } from './dates.js';
import type { Language } from './incoming.js';
import { LoketError } from './errors.js';
import { normaliseOrgNumber } from './org-number.js';
import { parseShortId, tokenize } from './parse.js';
import type { ArgType, Bilingual, GuestRef, ParticipantRef, Parsed, ValueProblem } from './spec.js';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const placeholder = (sv: string, en: string): Bilingual => ({ sv, en });

/** The longest value a text field takes, and what the refusal calls it («Titeln har 10 000 tecken; …»). */
export interface TextLimit {
  readonly max: number;
  readonly what: MessageKey;
}

/**
 * The documented maxima (README "Limits"), counted in characters (code points) as typed:
 * - a title, a topic, a sector, a search: 200 — one line in a list, a phone's width or two;
 * - a cluster's or an organisation's name: 120 — a name, shown in headings, buttons and CSV cells;
 * - a tag: 60;
 * - a body (a note, a decision, a weekly field, a learning, a reason, a comment): 4 000. Slack lets a person
 *   send 40 000 characters in a message but its modal text input holds 3 000 (so forms cap there, see
 *   `formMaxLength`); Teams holds about 28 KB. 4 000 is a page and a half of prose: every real note fits,
 *   and a reply quoting a few of them still fits one platform message.
 */
export const textLimits = {
  title: { max: 200, what: 'limit.title' },
  name: { max: 120, what: 'limit.name' },
  tag: { max: 60, what: 'limit.tag' },
  body: { max: 4000, what: 'limit.text' },
} as const satisfies Record<string, TextLimit>;

/** Slack's plain_text_input takes at most 3 000 characters; a form field carries the smaller of the two. */
export const formMaxLength = (limit: TextLimit): number => Math.min(limit.max, 3000);

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
export const characterCount = (value: string): number => [...value].length;

/** The refusal for a value over its limit; the binder formats the counts in the reader's language. */
export function tooLong(value: string, limit: TextLimit): ValueProblem | undefined {
  const length = characterCount(value);
  return length > limit.max ? { code: 'args.too_long', params: { what: limit.what }, counts: { length, max: limit.max } } : undefined;
}

/** A count as the reader writes numbers: «10 000» in Swedish, «10,000» in English. */
export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(language).format(n);
}

/** For text a handler reads itself (a meeting's `decision:` lines, a note as typed with its line breaks):
 *  the same refusal as the binder's, so nothing longer than the limit is stored. */
export function assertWithin(value: string, limit: TextLimit, language: Language, example: string): void {
  const problem = tooLong(value, limit);
  if (!problem) return;
  const counts = Object.fromEntries(Object.entries(problem.counts ?? {}).map(([name, n]) => [name, formatCount(n, language)]));
  throw new LoketError(problem.code, { ...problem.params, ...counts }, example);
}

/** Free text, kept exactly as typed (trimmed), at most `limit.max` characters (a body unless told); `null`
 *  only where the handler has its own, stricter rule and message (`search`: 30 words, 300 characters). */
export const text = (sv = 'text', en = 'text', limit: TextLimit | null = textLimits.body): ArgType<string> => ({
  name: 'text',
  placeholder: placeholder(sv, en),
  textLike: true,
  ...(limit ? { maxLength: limit.max } : {}),
  parse: (value) => {
    const trimmed = value.trim();
    const problem = limit ? tooLong(trimmed, limit) : undefined;
    return problem ? { ok: false, problem } : ok(trimmed);
  },
});

/** One word: a code, a topic word. */
export const word = (sv: string, en: string): ArgType<string> => ({
  name: 'word',
  placeholder: placeholder(sv, en),
  parse: (value) => ok(value.trim()),
});

/** A cluster's name; the handler looks it up and lists the programme's clusters when it is not found.
 *  Each name is held to the name limit — also each of `"Rymd, Skog"`, as the meeting form sends several. */
export const cluster = (): ArgType<string> => ({
  name: 'cluster',
  placeholder: placeholder('kluster', 'cluster'),
  textLike: true,
  maxLength: textLimits.name.max,
  parse: (value) => {
    const trimmed = value.trim();
    const longest = trimmed.split(',').reduce((a, b) => (characterCount(b.trim()) > characterCount(a) ? b.trim() : a), '');
    const problem = tooLong(longest, textLimits.name);
    return problem ? { ok: false, problem } : ok(trimmed);
  },
});

/** Quote marks a name cannot hold: LOKET's own replies quote names with them and a command naming the cluster
 *  (`gå-med "…"`) could not be typed back. An apostrophe (`Europa's`, `Europa’s`) is part of a name and stays. */
const NAME_QUOTES = /["“”«»`„]/gu;

/** A new name for a cluster (`cluster add`, `cluster rename`): the whole name within the name limit, without
 *  quote marks (quotes around the whole name are the grammar's and are gone by now). */
export const clusterName = (): ArgType<string> => ({
  ...cluster(),
  parse: (value) => {
    const trimmed = value.trim();
    const quotes = [...new Set(trimmed.match(NAME_QUOTES) ?? [])];
    if (quotes.length) return { ok: false, problem: { code: 'args.name_quotes', params: { quotes: quotes.join(' ') } } };
    const problem = tooLong(trimmed, textLimits.name);
    return problem ? { ok: false, problem } : ok(trimmed);
  },
});

/** A strict `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const date = (): ArgType<string> => ({
  name: 'date',
  placeholder: placeholder('ÅÅÅÅ-MM-DD', 'YYYY-MM-DD'),
  parse: (value) => {
    const day = parseDay(value);
    return day ? ok(day) : { ok: false, problem: { code: 'date.invalid', params: { value } } };
  },
});

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** `HH:MM` (or `HH.MM`, as Swedish keyboards write it), 00:00–23:59. */
export const time = (): ArgType<string> => ({
  name: 'time',
  placeholder: placeholder('TT:MM', 'HH:MM'),
  parse: (value) => {
    const match = TIME.exec(value.trim());
    return match ? ok(`${match[1]!.padStart(2, '0')}:${match[2]}`) : { ok: false, problem: { code: 'args.time_invalid', params: { value } } };
  },
});

/** A whole number in [min, max]. */
export const integer = (min: number, max: number, sv = 'tal', en = 'number'): ArgType<number> => ({
  name: 'integer',
  placeholder: placeholder(sv, en),
  parse: (value) => {
    const trimmed = value.trim();
    const number = /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
    return Number.isInteger(number) && number >= min && number <= max
      ? ok(number)
      : { ok: false, problem: { code: 'args.integer_invalid', params: { value: trimmed, min, max } } };
  },
});

/** Words of an enum: the canonical English value, its Swedish words, and other spellings. */
export type EnumWords<V extends string> = Record<V, { sv: readonly string[]; also?: readonly string[] }>;

const fold = (s: string) => s.trim().toLowerCase();

/** One of a fixed set; English and Swedish words are accepted whatever the reply language. */
export function enumOf<V extends string>(words: EnumWords<V>, sv: string, en: string): ArgType<V> {
  const lookup = new Map<string, V>();
  for (const [value, w] of Object.entries(words) as [V, EnumWords<V>[V]][]) {
    for (const spelling of [value, ...w.sv, ...(w.also ?? [])]) lookup.set(fold(spelling), value);
  }
  const choices = (language: Language) =>
    (Object.entries(words) as [V, EnumWords<V>[V]][]).map(([value, w]) => (language === 'sv' ? (w.sv[0] ?? value) : value));
  const wordIn = (value: string, language: Language) => {
    const found = lookup.get(fold(value));
    return found === undefined ? undefined : language === 'sv' ? (words[found].sv[0] ?? found) : found;
  };
  return {
    name: 'enum',
    placeholder: placeholder(sv, en),
    choices,
    wordIn,
    parse: (value) => {
      const found = lookup.get(fold(value));
      return found ? ok(found) : { ok: false, problem: { code: 'args.enum_invalid', params: { value: value.trim() } } };
    },
  };
}

/** Splits `a,"b c",d` at commas outside quotes; a single quoted value holding commas is split inside. */
export function splitList(value: string): { item: string; quoted: boolean }[] {
  const items: { item: string; quoted: boolean }[] = [];
  let current = '';
  let quoted = false;
  let inQuote = false;
  for (const ch of value) {
    if (ch === '"' || ch === '“' || ch === '”') {
      inQuote = !inQuote;
      quoted = true;
    } else if (ch === ',' && !inQuote) {
      items.push({ item: current.trim(), quoted });
      current = '';
      quoted = false;
    } else current += ch;
  }
  items.push({ item: current.trim(), quoted });
  const kept = items.filter((i) => i.item.length > 0);
  // `with:"@anna, Karin Ek (LTU)"`: the whole list in one pair of quotes, as the grammar has always allowed.
  if (kept.length === 1 && kept[0]!.quoted && /^\s*["“”]/.test(value) && kept[0]!.item.includes(',')) {
    return kept[0]!.item.split(',').map((item) => ({ item: item.trim(), quoted: false })).filter((i) => i.item.length > 0);
  }
  return kept;
}

/** A comma-separated list of values of one type. */
export function list<T>(of: ArgType<T>): ArgType<T[]> {
  return {
    name: of.name === 'cluster' ? 'clusters' : 'list',
    placeholder: { sv: `${of.placeholder.sv},…`, en: `${of.placeholder.en},…` },
    textLike: true,
    parse: (value, quoted) => {
      const values: T[] = [];
      for (const { item, quoted: itemQuoted } of quoted ? [{ item: value, quoted: true }] : splitList(value)) {
        const parsed = of.parse(item, itemQuoted);
        if (!parsed.ok) return parsed;
        values.push(parsed.value);
      }
      return ok(values);
    },
  };
}

export const clusters = (): ArgType<string[]> => list(cluster());

/** A person: `@me`, `@name` known to LOKET, or a platform mention. */
export const person = (): ArgType<PersonRef> => ({
  name: 'person',
  placeholder: placeholder('@person', '@person'),
  parse: (value) => {
    const tokens = tokenize(value.trim());
    const first = tokens[0];
    return tokens.length === 1 && first?.type === 'person' ? ok(first.ref) : { ok: false, problem: { code: 'args.person_invalid', params: { value: value.trim() } } };
  },
  parsePerson: (ref) => ok(ref),
});

/** One part of `with:`: `@anna`, `<@U123|Anna>`, `@Anna Berg` or a guest `Karin Ek (LTU)`. */
function participantsOf(part: string): ParticipantRef[] {
  const text = part.trim();
  const tokens = tokenize(text);
  if (tokens.length > 0 && tokens.every((t) => t.type === 'person')) return tokens.flatMap((t) => (t.type === 'person' ? [{ type: 'person' as const, ref: t.ref }] : []));
  // `@Anna Berg`: a display name with a space, as Slack's plain-text inputs send it.
  if (text.startsWith('@')) return [{ type: 'person', ref: { type: 'name', name: text.slice(1).trim() } }];
  const guest = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(text);
  const named: GuestRef = guest?.[1] ? { name: guest[1].trim(), ...(guest[2]?.trim() ? { organisation: guest[2].trim() } : {}) } : { name: text };
  return [{ type: 'guest', guest: named }];
}

/** People and named guests: `with:@anna,"Per Nilsson (Norrbotten Space AB)"`. */
export const participants = (): ArgType<ParticipantRef[]> => ({
  name: 'participants',
  placeholder: placeholder('@person,"Namn (Organisation)"', '@person,"Name (Organisation)"'),
  textLike: true,
  parse: (value) => ok(splitList(value).flatMap(({ item }) => participantsOf(item))),
  parsePerson: (ref) => ok([{ type: 'person', ref }]),
});

/** A Swedish organisation number, normalised to `NNNNNN-NNNN`. */
export const organisation = (): ArgType<string> => ({
  name: 'organisation',
  placeholder: placeholder('organisationsnummer', 'org number'),
  parse: (value) => {
    const number = normaliseOrgNumber(value.trim());
    return number ? ok(number) : { ok: false, problem: { code: 'org.number_invalid', params: { org: value.trim() } } };
  },
});

const idNames: Record<ShortIdKind, Bilingual> = {
  M: placeholder('mötes-id', 'meeting id'),
  A: placeholder('åtgärds-id', 'action id'),
  N: placeholder('antecknings-id', 'note id'),
  X: placeholder('utbytes-id', 'exchange id'),
  G: placeholder('brist-id', 'gap id'),
  P: placeholder('planåtgärds-id', 'plan action id'),
};

/** A short id such as `M12`, of the given kinds. */
export function id(...kinds: ShortIdKind[]): ArgType<{ kind: ShortIdKind; number: number; text: string }> {
  const names = kinds.map((k) => idNames[k]);
  return {
    name: 'id',
    placeholder: { sv: names.map((n) => n.sv).join('|'), en: names.map((n) => n.en).join('|') },
    parse: (value) => {
      const parsed = parseShortId(value.trim());
      if (parsed && kinds.includes(parsed.kind)) return ok({ ...parsed, text: `${parsed.kind}${parsed.number}` });
      return { ok: false, problem: { code: 'args.id_invalid', params: { value: value.trim(), kinds: kinds.map((k) => `${k}12`).join(', ') } } };
    },
  };
}

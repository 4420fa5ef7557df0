import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonRef, ShortIdKind, Token } from '../../../handlers/core/command.js';
import { foldFreeText, parseMessage as parseRaw, parseShortId, tokenize as tokenizeRaw } from '../../../handlers/core/parse.js';
import type { ParsedMessage } from '../../../handlers/core/command.js';

// The scanner knows no command: every `letters:` is an option token that keeps its text, and the binder
// decides from the command's keys. These tests read tokens as a command declaring the grammar's keys sees them.
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'date', 'cluster', 'due', 'kind', 'sector', 'type', 'org', 'orgs', 'with', 'from', 'to', 'format', 'lang',
  'gender', 'area', 'owner', 'day', 'time', 'weeks', 'learned', 'done', 'next', 'blockers', 'need', 'reason',
  'mood', 'tags', 'title', 'name', 'note',
]);
const asCommandSees = (ts: Token[]): Token[] =>
  foldFreeText(ts, (k) => KNOWN_KEYS.has(k)).map((t) =>
    t.type === 'option' ? (KNOWN_KEYS.has(t.key) ? ({ type: 'option', key: t.key, value: t.value } as Token) : /[\s\u0085]/.test(t.raw) ? { type: 'quoted', value: t.raw } : { type: 'word', value: t.raw }) : t,
  );
const tokenize = (text: string): Token[] => asCommandSees(tokenizeRaw(text));
const parseMessage = (text: string): ParsedMessage => {
  const parsed = parseRaw(text);
  return { tokens: asCommandSees(parsed.tokens), lines: parsed.lines.map((l) => ({ ...l, tokens: asCommandSees(l.tokens) })) };
};

const numRuns = process.env.LOKET_SLOW ? 10_000 : 1_000;

// Every Unicode White_Space character, plus U+FEFF which JavaScript also counts as whitespace.
const WHITESPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const QUOTE_MARKS = ['"', '“', '”'];
const C0 = /[\u0000-\u0008\u000B-\u001F]/;

/** Any UTF-16 code unit, so unpaired surrogates and control characters are included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

const fragment = fc.oneof(
  fc.constantFrom(
    '"', '“', '”', '<@', '<@U1', '<@29:1abc|Anna Berg>', '>', '|', '@', '@me', '@anna', ':', 'date:', 'time:14:00',
    'note:', 'note: ', 'with:@me,<@U1|a>', 'done:', 'next: x', 'decision:', 'beslut:', 'åtgärd:', 'atgard:',
    'anteckning:', '/loket', 'LOKET', '\r\n', '\n', '\r', '\u0000', '\u00a0', '\u200f', '\u202e', '\u200d',
    '👩‍👩‍👧', '\ud800', '\udc00', 'a\u030a', "'); DROP TABLE clusters;--", '**bold**', '`x`', '<script>', 'M12',
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: codeUnit, maxLength: 8 }),
);
const separator = fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\u00a0', '');
const grammarLike = fc
  .array(fc.tuple(fragment, separator), { maxLength: 40 })
  .map((parts) => parts.map(([f, s]) => f + s).join(''));

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: codeUnit }), grammarLike);

describe('parseMessage never throws', () => {
  it.each([
    ['ASCII strings', fc.string()],
    ['full Unicode strings', fc.string({ unit: 'binary' })],
    ['strings of arbitrary code units, unpaired surrogates included', fc.string({ unit: codeUnit })],
    ['grammar-like fragments joined by spaces and newlines', grammarLike],
  ])('for %s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        parseMessage(text);
      }),
      { numRuns },
    );
  });
});

function assertWellFormed(token: Token): void {
  switch (token.type) {
    case 'word':
      expect(token.value).not.toBe('');
      expect(token.value).not.toMatch(/[\s\u0085]/);
      break;
    case 'option':
      expect(KNOWN_KEYS.has(token.key)).toBe(true);
      expect(token.value).not.toContain('\n');
      break;
    case 'quoted':
      expect(token.value).not.toContain('\n');
      break;
    case 'person':
      expect(token.raw.length).toBeGreaterThan(1);
      expect(token.raw.startsWith('@') || token.raw.startsWith('<@')).toBe(true);
      break;
  }
  const text = token.type === 'person' ? token.raw : token.value;
  expect(text).not.toMatch(C0);
}

describe('every token is well formed', () => {
  it('words are non-empty, keys are known, people are mentions, and no control characters survive', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseMessage(text);
        parsed.tokens.forEach(assertWellFormed);
        for (const line of parsed.lines) {
          expect(['decision', 'action', 'note']).toContain(line.kind);
          expect(line.text).toBe(line.text.trim());
          line.tokens.forEach(assertWellFormed);
        }
      }),
      { numRuns },
    );
  });

  it('a quoted string of non-empty words is one non-empty quoted argument', () => {
    const plainWord = fc.string({ unit: fc.constantFrom(...'abcåäö019-_.,:@<>|'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(plainWord, { minLength: 1, maxLength: 5 }), fc.constantFrom(...QUOTE_MARKS), (words, q) => {
        expect(tokenize(`x ${q}${words.join(' ')}${q} y`)).toEqual([
          { type: 'word', value: 'x' },
          q === '"' ? { type: 'quoted', value: words.join(' ') } : { type: 'quoted', value: words.join(' '), raw: `${q}${words.join(' ')}${q}` },
          { type: 'word', value: 'y' },
        ]);
      }),
      { numRuns },
    );
  });
});

// Characters that need no escaping anywhere in the grammar; '@' is safe except at the start of a token.
const SAFE = [...'abcxyzABCXYZåäöÅÄÖé0129-_.,;!?()#&%+=*/\'`', '😀'];
const safeWord = fc
  .string({ unit: fc.constantFrom(...SAFE, '@'), minLength: 1, maxLength: 10 })
  .filter((w) => !w.startsWith('@') && !['loket', '/loket'].includes(w.toLowerCase()));
const mixedCase = (key: string) =>
  fc.array(fc.boolean(), { minLength: key.length, maxLength: key.length }).map((upper) =>
    [...key].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''),
  );
const key = fc.constantFrom(...KNOWN_KEYS).chain((k) => mixedCase(k).map((written) => ({ k, written })));

/** A token as the model expects it, and the text a user would type for it. */
interface Rendered {
  token: Token;
  text: string;
}

const wordArb = safeWord.map((value): Rendered => ({ token: { type: 'word', value }, text: value }));
const quotedArb = fc
  .tuple(fc.string({ unit: fc.constantFrom(...SAFE, ' ', ':', '@', '<', '>', '|'), maxLength: 20 }), fc.constantFrom(...QUOTE_MARKS))
  .map(([value, q]): Rendered => ({ token: q === '"' ? { type: 'quoted', value } : { type: 'quoted', value, raw: `${q}${value}${q}` }, text: `${q}${value}${q}` }));
const compactArb = fc
  .tuple(key, fc.string({ unit: fc.constantFrom(...SAFE, '@'), minLength: 1, maxLength: 12 }))
  .map(([{ k, written }, value]): Rendered => ({ token: { type: 'option', key: k, value } as Token, text: `${written}:${value}` }));
const freeTextArb = fc
  .tuple(key, fc.array(fc.oneof(safeWord, safeWord.map((w) => `@${w}`)), { maxLength: 5 }))
  .map(([{ k, written }, words]): Rendered => ({
    token: { type: 'option', key: k, value: words.join(' ') } as Token,
    text: `${written}: ${words.join(' ')}`,
  }));
const personName = fc.string({ unit: fc.constantFrom(...SAFE, ' ', '|', '"', ':'), minLength: 1, maxLength: 12 });
const platformId = fc.string({ unit: fc.constantFrom(...'UW0129:abcDEF-'), minLength: 1, maxLength: 12 });
const personArb = fc.oneof(
  fc.constantFrom('@me', '@ME').map((raw): Rendered => ({ token: { type: 'person', ref: { type: 'me' }, raw }, text: raw })),
  safeWord.map((name): Rendered => {
    const raw = `@${name}`;
    const ref: PersonRef = name.toLowerCase() === 'me' ? { type: 'me' } : { type: 'name', name };
    return { token: { type: 'person', ref, raw }, text: raw };
  }),
  fc.tuple(platformId, fc.option(personName, { nil: undefined })).map(([id, name]): Rendered => {
    const raw = name === undefined ? `<@${id}>` : `<@${id}|${name}>`;
    const ref: PersonRef = name === undefined ? { type: 'platform', id } : { type: 'platform', id, name };
    return { token: { type: 'person', ref, raw }, text: raw };
  }),
);

// Free text runs to the next option, so the model only places it before an option or at the end.
const group = fc.oneof(
  wordArb.map((r) => [r]),
  quotedArb.map((r) => [r]),
  compactArb.map((r) => [r]),
  personArb.map((r) => [r]),
  fc.tuple(freeTextArb, compactArb),
);
const command = fc
  .tuple(safeWord, fc.array(group, { maxLength: 8 }), fc.option(freeTextArb, { nil: undefined }))
  .map(([verb, groups, tail]): Rendered[] => [
    { token: { type: 'word', value: verb }, text: verb },
    ...groups.flat(),
    ...(tail ? [tail] : []),
  ]);
const gap = fc.string({ unit: fc.constantFrom(' ', '\t', '\u00a0', '\u3000'), minLength: 1, maxLength: 3 });

describe('round trip', () => {
  it('rendering words, options, quoted strings and people to text and parsing it gives the same tokens', () => {
    fc.assert(
      fc.property(command, fc.infiniteStream(gap), fc.boolean(), (rendered, gaps, prefixed) => {
        const body = rendered.map((r) => r.text + gaps.next().value).join('');
        const text = (prefixed ? '/loket ' : '') + body;
        expect(parseMessage(text)).toEqual({ tokens: rendered.map((r) => r.token), lines: [] });
      }),
      { numRuns },
    );
  });
});

describe('plain lines', () => {
  it('a line with no quotes, colons or @ tokenizes into exactly its whitespace-separated words', () => {
    const plainUnit = fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: codeUnit },
      { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE) },
    );
    const plainLine = fc
      .string({ unit: plainUnit, maxLength: 60 })
      .map((s) => s.replace(/["“”:@]/g, ''));
    fc.assert(
      fc.property(plainLine, (line) => {
        const words = line.split(new RegExp(`[${WHITESPACE}]+`)).filter((w) => w !== '');
        expect(tokenize(line)).toEqual(words.map((value) => ({ type: 'word', value })));
      }),
      { numRuns },
    );
  });
});

describe('short ids', () => {
  it('every kind letter and number from 1 to 2^31-1 round-trips in either case', () => {
    const kind = fc.constantFrom<ShortIdKind>('M', 'A', 'N', 'X', 'G', 'P');
    fc.assert(
      fc.property(kind, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (k, n, lower) => {
        const word = `${lower ? k.toLowerCase() : k}${n}`;
        expect(parseShortId(word)).toEqual({ kind: k, number: n });
      }),
      { numRuns },
    );
  });

  it('never throws and only accepts a known letter followed by a positive number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: codeUnit })), (word) => {
        const id = parseShortId(word);
        if (id) expect(`${id.kind}${id.number}`).toBe(word.toUpperCase());
      }),
      { numRuns },
    );
  });
});

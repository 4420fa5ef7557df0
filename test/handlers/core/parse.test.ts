import { describe, expect, it } from 'vitest';
import type { Token } from '../../../handlers/core/command.js';
import { foldFreeText, parseMessage as parseRaw, parseShortId, rawOf, tokenize as tokenizeRaw } from '../../../handlers/core/parse.js';
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
    t.type === 'option' ? (KNOWN_KEYS.has(t.key) ? ({ type: 'option', key: t.key, value: t.value } as Token) : { type: 'word', value: t.raw }) : t,
  );
const tokenize = (text: string): Token[] => asCommandSees(tokenizeRaw(text));
const parseMessage = (text: string): ParsedMessage => {
  const parsed = parseRaw(text);
  return { tokens: asCommandSees(parsed.tokens), lines: parsed.lines.map((l) => ({ ...l, tokens: asCommandSees(l.tokens) })) };
};

const word = (value: string): Token => ({ type: 'word', value });
const quoted = (value: string, raw?: string): Token => (raw === undefined ? { type: 'quoted', value } : { type: 'quoted', value, raw });
const opt = (key: string, value: string): Token => ({ type: 'option', key, value } as Token);
const tokens = (text: string): Token[] => parseMessage(text).tokens;

describe('the /loket prefix', () => {
  it('a leading /loket is stripped', () => {
    expect(parseMessage('/loket help')).toEqual({ tokens: [word('help')], lines: [] });
  });

  it('a leading loket is stripped whatever its case', () => {
    expect(tokens('LOKET hjälp')).toEqual([word('hjälp')]);
    expect(tokens('Loket hjälp')).toEqual([word('hjälp')]);
  });

  it('only one leading prefix word is stripped and later ones are kept', () => {
    expect(tokens('loket loket help')).toEqual([word('loket'), word('help')]);
    expect(tokens('help loket')).toEqual([word('help'), word('loket')]);
  });

  it('a word that merely starts with loket is not a prefix', () => {
    expect(tokens('/loketx help')).toEqual([word('/loketx'), word('help')]);
  });

  it('a quoted "loket" is an argument, not a prefix', () => {
    expect(tokens('"loket" help')).toEqual([quoted('loket'), word('help')]);
  });

  it('tokenize itself does not strip the prefix', () => {
    expect(tokenize('loket help')).toEqual([word('loket'), word('help')]);
  });

  it('an empty or blank message has no tokens', () => {
    expect(parseMessage('')).toEqual({ tokens: [], lines: [] });
    expect(parseMessage(' \n\t\n ')).toEqual({ tokens: [], lines: [] });
    expect(parseMessage('/loket')).toEqual({ tokens: [], lines: [] });
  });
});

describe('words and quoted arguments', () => {
  it('words are separated by any run of whitespace', () => {
    expect(tokens('  cluster   list\t\tall ')).toEqual([word('cluster'), word('list'), word('all')]);
  });

  it('a quoted cluster name with spaces is one argument', () => {
    expect(tokens('cluster add "Swedish Space Cluster" sector:space')).toEqual([
      word('cluster'),
      word('add'),
      quoted('Swedish Space Cluster'),
      opt('sector', 'space'),
    ]);
  });

  it('Swedish typographic quotes ”…” group words', () => {
    expect(tokens('cluster add ”Skog och trä” sector:forest')).toEqual([
      word('cluster'),
      word('add'),
      quoted('Skog och trä', '”Skog och trä”'),
      opt('sector', 'forest'),
    ]);
  });

  it('English typographic quotes “…” group words', () => {
    expect(tokens('cluster add “Skog och trä”')).toEqual([word('cluster'), word('add'), quoted('Skog och trä', '“Skog och trä”')]);
  });

  it('a quote opened with one kind of quote mark may be closed by another', () => {
    expect(tokens('add ”Skog och trä" x')).toEqual([word('add'), quoted('Skog och trä', '”Skog och trä"'), word('x')]);
  });

  it('an unterminated quote runs to the end of the line', () => {
    expect(parseMessage('cluster add "Swedish Space\ndate:2026-01-02')).toEqual({
      tokens: [word('cluster'), word('add'), quoted('Swedish Space', '"Swedish Space'), opt('date', '2026-01-02')],
      lines: [],
    });
  });

  it('a quoted token keeps the text it was typed as when that is not "value", so free text keeps it', () => {
    const [typed] = tokenizeRaw('“Vi ”');
    expect(typed).toEqual({ type: 'quoted', value: 'Vi ', raw: '“Vi ”' });
    expect(rawOf(typed!)).toBe('“Vi ”');
    expect(rawOf(tokenizeRaw('"Vi"')[0]!)).toBe('"Vi"');
  });

  it('inside quotes, options and people are not parsed', () => {
    expect(tokens('note "date:2026-01-01 @me <@U1> next: x"')).toEqual([
      word('note'),
      quoted('date:2026-01-01 @me <@U1> next: x'),
    ]);
  });

  it('inner whitespace of a quoted string is kept', () => {
    expect(tokens('add "a  b"')).toEqual([word('add'), quoted('a  b')]);
  });

  it('empty quotes are an empty quoted argument', () => {
    expect(tokens('rename ""')).toEqual([word('rename'), quoted('')]);
  });

  it('text right after a closing quote starts a new token', () => {
    expect(tokens('"a b"c')).toEqual([quoted('a b'), word('c')]);
  });

  it('a quote mark inside a word is part of the word', () => {
    expect(tokens('a 6" pipe')).toEqual([word('a'), word('6"'), word('pipe')]);
  });
});

describe('options', () => {
  it('key:value takes one word', () => {
    expect(tokens('meeting date:2026-01-02 x')).toEqual([word('meeting'), opt('date', '2026-01-02'), word('x')]);
  });

  it('key:"quoted words" takes one quoted string', () => {
    expect(tokens('cluster:"Swedish Space" x')).toEqual([opt('cluster', 'Swedish Space'), word('x')]);
    expect(tokens('cluster:”Skog och trä”')).toEqual([opt('cluster', 'Skog och trä')]);
  });

  it('keys are case-insensitive and returned lowercased', () => {
    expect(tokens('Date:2026-01-02 CLUSTER:Rymd')).toEqual([opt('date', '2026-01-02'), opt('cluster', 'Rymd')]);
  });

  it('the first colon separates the key, so time:14:00 has the value 14:00', () => {
    expect(tokens('time:14:00')).toEqual([opt('time', '14:00')]);
  });

  it('a later colon belongs to the value, so note:see: this has the value see:', () => {
    expect(tokens('note:see: this')).toEqual([opt('note', 'see:'), word('this')]);
  });

  it('a word whose part before the first colon is not a known key is a plain word', () => {
    expect(tokens('https://example.org 14:00 foo:bar :date')).toEqual([
      word('https://example.org'),
      word('14:00'),
      word('foo:bar'),
      word(':date'),
    ]);
  });

  it('key: free text takes the words up to the next option', () => {
    expect(tokens('progress done: a b c next: d e')).toEqual([
      word('progress'),
      opt('done', 'a b c'),
      opt('next', 'd e'),
    ]);
    expect(tokens('progress done: shipped the report next: call Anna')).toEqual([
      word('progress'),
      opt('done', 'shipped the report'),
      opt('next', 'call Anna'),
    ]);
  });

  it('free text is joined by single spaces', () => {
    expect(tokens('progress done:   a \t  b')).toEqual([word('progress'), opt('done', 'a b')]);
  });

  it('free text also stops at a key:value option', () => {
    expect(tokens('progress done: the report weeks:2 x')).toEqual([
      word('progress'),
      opt('done', 'the report'),
      opt('weeks', '2'),
      word('x'),
    ]);
  });

  it('a key: with nothing after it has the empty value', () => {
    expect(tokens('progress done:')).toEqual([word('progress'), opt('done', '')]);
    expect(tokens('progress done: next: x')).toEqual([word('progress'), opt('done', ''), opt('next', 'x')]);
  });

  it('free text keeps quoted parts and mentions as written and does not stop at keys inside quotes', () => {
    expect(tokens('done: told <@U1|Anna Berg> "next: week" ok next: x')).toEqual([
      opt('done', 'told <@U1|Anna Berg> "next: week" ok'),
      opt('next', 'x'),
    ]);
  });

  it('free text keeps people as their raw text', () => {
    expect(tokens('note: ask @me and @anna')).toEqual([opt('note', 'ask @me and @anna')]);
  });

  it('free text ends at the end of its line', () => {
    expect(tokens('progress done: a b\nweeks:2')).toEqual([word('progress'), opt('done', 'a b'), opt('weeks', '2')]);
  });

  it('option values keep a comma-separated list of people as a raw string', () => {
    expect(tokens('with:@me,<@U123|anna>,@bo')).toEqual([opt('with', '@me,<@U123|anna>,@bo')]);
  });

  it('a Teams mention with a space in its name stays whole inside an option value', () => {
    expect(tokens('with:<@29:1abc|Anna Berg>,@me x')).toEqual([opt('with', '<@29:1abc|Anna Berg>,@me'), word('x')]);
  });

  it('every known key is recognised', () => {
    for (const key of KNOWN_KEYS) expect(tokens(`${key}:v`)).toEqual([opt(key, 'v')]);
  });
});

describe('people', () => {
  it('@me is the sender, whatever its case', () => {
    expect(tokens('assign @me')).toEqual([word('assign'), { type: 'person', ref: { type: 'me' }, raw: '@me' }]);
    expect(tokens('@Me')).toEqual([{ type: 'person', ref: { type: 'me' }, raw: '@Me' }]);
  });

  it('a Slack mention <@U123> is a platform person', () => {
    expect(tokens('<@U123>')).toEqual([{ type: 'person', ref: { type: 'platform', id: 'U123' }, raw: '<@U123>' }]);
  });

  it('a Slack mention <@U123|name> carries the name', () => {
    expect(tokens('<@U123|anna>')).toEqual([
      { type: 'person', ref: { type: 'platform', id: 'U123', name: 'anna' }, raw: '<@U123|anna>' },
    ]);
  });

  it('a Teams id with a colon and a name with a space is one person', () => {
    expect(tokens('invite <@29:1abc|Anna Berg> now')).toEqual([
      word('invite'),
      { type: 'person', ref: { type: 'platform', id: '29:1abc', name: 'Anna Berg' }, raw: '<@29:1abc|Anna Berg>' },
      word('now'),
    ]);
  });

  it('@display-name is a person by name', () => {
    expect(tokens('@anna-karin')).toEqual([
      { type: 'person', ref: { type: 'name', name: 'anna-karin' }, raw: '@anna-karin' },
    ]);
  });

  it('an @ alone is a word', () => {
    expect(tokens('mail @ home')).toEqual([word('mail'), word('@'), word('home')]);
  });

  it('an e-mail address is a word', () => {
    expect(tokens('anna@example.org')).toEqual([word('anna@example.org')]);
  });

  it('a malformed or unterminated mention is plain words', () => {
    expect(tokens('<@> <@U1 <@|x>')).toEqual([word('<@>'), word('<@U1'), word('<@|x>')]);
    expect(tokens('<@U1|Anna Berg')).toEqual([word('<@U1|Anna'), word('Berg')]);
  });
});

describe('multi-line messages', () => {
  const meeting = [
    'meeting Styrgrupp date:2026-03-04 cluster:Rymd,Skog with:@me,<@U123|anna>',
    'decision: Budget approved',
    'action: @me sends the minutes due:2026-03-10',
    'note: Next meeting in April',
  ].join('\n');

  it('a meeting with decision, action and note lines', () => {
    expect(parseMessage(meeting)).toEqual({
      tokens: [
        word('meeting'),
        word('Styrgrupp'),
        opt('date', '2026-03-04'),
        opt('cluster', 'Rymd,Skog'),
        opt('with', '@me,<@U123|anna>'),
      ],
      lines: [
        { kind: 'decision', text: 'Budget approved', tokens: [word('Budget'), word('approved')] },
        {
          kind: 'action',
          text: '@me sends the minutes due:2026-03-10',
          tokens: [
            { type: 'person', ref: { type: 'me' }, raw: '@me' },
            word('sends'),
            word('the'),
            word('minutes'),
            opt('due', '2026-03-10'),
          ],
        },
        { kind: 'note', text: 'Next meeting in April', tokens: [word('Next'), word('meeting'), word('in'), word('April')] },
      ],
    });
  });

  it('Swedish line keywords beslut, åtgärd, atgard and anteckning are recognised', () => {
    const parsed = parseMessage('möte X\nbeslut: a\nåtgärd: b\natgard: c\nanteckning: d');
    expect(parsed.lines.map((l) => [l.kind, l.text])).toEqual([
      ['decision', 'a'],
      ['action', 'b'],
      ['action', 'c'],
      ['note', 'd'],
    ]);
  });

  it('line keywords are case-insensitive and the line is trimmed', () => {
    const parsed = parseMessage('meeting X\n   DECISION:go   \nÅtgärd:call');
    expect(parsed.lines).toEqual([
      { kind: 'decision', text: 'go', tokens: [word('go')] },
      { kind: 'action', text: 'call', tokens: [word('call')] },
    ]);
  });

  it('the text of a structured line keeps its inner spacing', () => {
    expect(parseMessage('m\nnote:  a  "b  c"  ').lines).toEqual([
      { kind: 'note', text: 'a  "b  c"', tokens: [word('a'), quoted('b  c')] },
    ]);
  });

  it('a structured line with nothing after the colon has empty text', () => {
    expect(parseMessage('m\ndecision:').lines).toEqual([{ kind: 'decision', text: '', tokens: [] }]);
  });

  it('other following lines append their tokens, so options may be on their own lines', () => {
    expect(parseMessage('meeting Styrgrupp\ndate:2026-03-04\ncluster:"Rymd och Skog" extra')).toEqual({
      tokens: [word('meeting'), word('Styrgrupp'), opt('date', '2026-03-04'), opt('cluster', 'Rymd och Skog'), word('extra')],
      lines: [],
    });
  });

  it('blank lines are ignored and \\r\\n is a line break', () => {
    expect(parseMessage('\r\n\r\nmeeting X\r\n\r\n  \r\ndecision: yes\r\n')).toEqual({
      tokens: [word('meeting'), word('X')],
      lines: [{ kind: 'decision', text: 'yes', tokens: [word('yes')] }],
    });
  });

  it('on the first line note: is an option, not a structured line', () => {
    expect(parseMessage('note: remember this')).toEqual({ tokens: [opt('note', 'remember this')], lines: [] });
  });

  it('decision: on the first line is a plain word', () => {
    expect(parseMessage('decision: x')).toEqual({ tokens: [word('decision:'), word('x')], lines: [] });
  });

  it('a line keyword needs its colon directly after it', () => {
    expect(parseMessage('m\ndecision : x\ndecisions: y')).toEqual({
      tokens: [word('m'), word('decision'), word(':'), word('x'), word('decisions:'), word('y')],
      lines: [],
    });
  });

  it('a /loket prefix alone on the first line leaves the verb on the next line', () => {
    expect(parseMessage('/loket\nhelp')).toEqual({ tokens: [word('help')], lines: [] });
  });

  it('the loket prefix is only stripped from the first line', () => {
    expect(tokens('help\nloket')).toEqual([word('help'), word('loket')]);
  });
});

describe('short ids', () => {
  it('M12 and m12 are meeting 12', () => {
    expect(parseShortId('M12')).toEqual({ kind: 'M', number: 12 });
    expect(parseShortId('m12')).toEqual({ kind: 'M', number: 12 });
  });

  it('every short id letter is accepted', () => {
    for (const kind of ['M', 'A', 'N', 'X', 'G', 'P'] as const) expect(parseShortId(`${kind}7`)).toEqual({ kind, number: 7 });
  });

  it('the largest 32-bit number is accepted and anything larger is rejected', () => {
    expect(parseShortId('X2147483647')).toEqual({ kind: 'X', number: 2147483647 });
    expect(parseShortId('X2147483648')).toBeUndefined();
    expect(parseShortId('X99999999999999999999')).toBeUndefined();
  });

  it('zero, a bare letter, an unknown letter, trailing text and surrounding space are rejected', () => {
    for (const bad of ['M0', 'M', 'Q3', 'M12a', '12', '', ' M12', 'M12 ', 'M-1', 'M1.5', 'M012', 'M١٢', 'Ｍ12'])
      expect(parseShortId(bad), bad).toBeUndefined();
  });
});

describe('normalisation and robustness', () => {
  it('non-breaking, ideographic and other Unicode spaces separate words', () => {
    expect(tokens('a\u00a0b\u3000c\u2003d\u0085e\u202fg')).toEqual(['a', 'b', 'c', 'd', 'e', 'g'].map(word));
  });

  it('a non-breaking space inside quotes becomes a plain space', () => {
    expect(tokens('"Swedish\u00a0Space"')).toEqual([quoted('Swedish Space')]);
  });

  it('C0 control characters and NUL are dropped', () => {
    expect(tokens('he\u0000lp\u0007 x\u001by')).toEqual([word('help'), word('xy')]);
  });

  it('a tab separates words', () => {
    expect(tokens('a\tb')).toEqual([word('a'), word('b')]);
  });

  it('text is normalised to NFC, so a decomposed å matches a composed one', () => {
    expect(tokens('a\u030Atgärd')).toEqual([word('åtgärd')]);
    expect(parseMessage('m\na\u030Atga\u0308rd: x').lines[0]?.kind).toBe('action');
  });

  it('an unpaired surrogate becomes the replacement character', () => {
    expect(tokens('a\ud800b \udc00')).toEqual([word('a\ufffdb'), word('\ufffd')]);
  });

  it('emoji, zero-width joiners and right-to-left marks stay inside words', () => {
    expect(tokens('👩‍👩‍👧 \u200fhelp \u202eabc')).toEqual([word('👩‍👩‍👧'), word('\u200fhelp'), word('\u202eabc')]);
  });

  it('SQL and markdown injection is just words', () => {
    expect(tokens("cluster add x'); DROP TABLE clusters;-- *bold* `code`")).toEqual(
      ['cluster', 'add', "x');", 'DROP', 'TABLE', 'clusters;--', '*bold*', '`code`'].map(word),
    );
  });

  it('a non-string input from untyped callers gives an empty message', () => {
    expect(parseMessage(undefined as unknown as string)).toEqual({ tokens: [], lines: [] });
  });

  it.each([
    ['many unterminated mentions with names', '<@a| '.repeat(20_000)],
    ['many unterminated mention starts', '<@'.repeat(50_000)],
    ['one long unterminated mention', '<@' + 'a'.repeat(100_000)],
    ['only quote marks', '"'.repeat(100_000)],
    ['repeated keys', 'date:'.repeat(20_000)],
    ['repeated free-text keys', 'note: '.repeat(16_000)],
    ['option values full of broken mentions', 'with:<@a|'.repeat(10_000)],
    ['many short words', 'x '.repeat(50_000)],
    ['many lines', 'm\n'.repeat(50_000)],
    ['many structured lines', 'decision: x\n'.repeat(8_000)],
    ['colons', ':'.repeat(100_000)],
  ])('a 100k-character input of %s is parsed quickly', (_name, input) => {
    const start = performance.now();
    expect(() => parseMessage(input)).not.toThrow();
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

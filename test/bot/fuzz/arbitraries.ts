// What users and platforms may send, as fast-check arbitraries shared by the fuzz tests: commands built
// from the real verb table with hostile arguments, and raw text of every kind.
import fc from 'fast-check';
import { commandRegistry } from '../../../handlers/registry.js';

/** 1 000 cases in `npm test`, 10 000 in `npm run test:slow` (issue 9). */
export const numRuns = process.env.LOKET_SLOW ? 10_000 : 1_000;

/** Generous: on a busy 2-core machine one case through the database can take most of a second. */
export const fuzzTimeout = numRuns * 900;

/** `LOKET_FUZZ_SEED=<seed>` replays the run fast-check reported for a failure. */
export const fuzzOptions = { numRuns, ...(process.env.LOKET_FUZZ_SEED ? { seed: Number(process.env.LOKET_FUZZ_SEED) } : {}) };

/** Any UTF-16 code unit, so unpaired surrogates and control characters are included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

export const hostileFragments = [
  '', ' ', '"', '“', '”', '\u0000', '\u0007', '\u001b[31m', '\r\n', '\n', '\t', '\\', '\u200f', '\u202e', '\u200e', '\u2066', '\u200d', '\ufeff',
  '👩‍👩‍👧', '🇸🇪', '\ud800', '\udc00', 'a\u030a', 'Å', 'ß', 'İ', '<@U0ANNA0001>', '<@U0ANNA0001|anna>', '<@W123|x>', '<!channel>', '<!here>',
  '<#C123|allmänt>', '@me', '@anna', '@', '<at>LOKET</at>', "'); DROP TABLE clusters;--", "' OR '1'='1", '$1', '%s', '${x}', '{{x}}',
  '*bold*', '_i_', '~s~', '```code```', '`x`', '> quote', '<script>alert(1)</script>', '[a](javascript:x)', '<https://x.example|klick>',
  'date:', 'date:2026-02-30', 'date:9999-99-99', 'due:', 'from:2026-01-01', 'to:1900-01-01', 'cluster:', 'cluster:"Rymd"', 'kind:x', 'with:@me,',
  'orgs:556677-8899', 'format:xml', 'lang:xx', 'weeks:-1', 'weeks:999999999999', 'area:x', 'owner:@nobody', 'learned:', 'mood:purple',
  'decision:', 'action:', 'note:', 'M0', 'M1', 'M999999999999', 'A1', 'N1', 'X1', 'G1', 'P1', 'm-1', 'Rymd', '"Swedish Space Cluster"',
  '2026-03-02', '14:00', '-1', '0', 'NaN', '1e309', 'null', 'undefined', '__proto__', 'constructor',
];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileFragments) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\t', '\u00a0', '');

export const hostileArgs = fc.array(fc.tuple(fragment, separator), { maxLength: 16 }).map((parts) => parts.map(([f, s]) => f + s).join(''));

/** Every verb and alias of the command registry, so verbs added later are fuzzed too. */
export const verbNames = commandRegistry.all.flatMap((v) => [v.verb, ...v.aliases]);

/** Text longer than any platform sends, to make sure nothing grows without bound. */
const huge = fc.tuple(fc.constantFrom(...verbNames), fc.constantFrom('a', 'å ', '👩‍👩‍👧', '"', '\n', 'decision: x\n'), fc.integer({ min: 5_000, max: 60_000 }))
  .map(([verb, unit, n]) => `${verb} ${unit.repeat(Math.ceil(n / unit.length))}`);

/** A command line as a user might type it: a real verb (sometimes prefixed like Slack/Teams do), then anything. */
export const commandText = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.constantFrom('', '', '/loket ', 'loket ', '<@U0LOKETBOT> '), fc.constantFrom(...verbNames), hostileArgs).map(([p, v, a]) => `${p}${v} ${a}`) },
  { weight: 3, arbitrary: hostileArgs },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: huge },
);

/** Values of any JSON type, for fields that should be strings. */
export const anyJsonValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...hostileFragments),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A JSON text or something that only looks like one. */
export function brokenJson(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    valid.map((v) => JSON.stringify(v) ?? ''),
    valid.chain((v) => {
      const text = JSON.stringify(v) ?? '';
      return fc.nat({ max: Math.max(0, text.length) }).map((cut) => text.slice(0, cut));
    }),
    fc.constantFrom('', '{', '}', '[]', 'null', '"x"', '{"a":', '{"type":"url_verification"}', '\u0000', '{"__proto__":{"x":1}}', 'payload='),
    fc.string({ maxLength: 60 }),
  );
}

// A greeting or a thanks typed to LOKET («hej!», «tack så mycket», "thank you") is no mistyped command: it gets
// a short friendly answer that points to `hjälp`, never a «Menade du …?» of a command the person did not mean.
import type { ParsedMessage } from './command.js';

export type SmallTalk = 'greeting' | 'thanks';

const PHRASES: ReadonlyMap<string, SmallTalk> = new Map([
  ...['hej', 'hejsan', 'hej hej', 'hallå', 'halla', 'tjena', 'tja', 'tjabba', 'god morgon', 'godmorgon', 'goddag', 'god dag', 'god kväll'].map((p) => [p, 'greeting'] as const),
  ...['hello', 'hi', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'howdy'].map((p) => [p, 'greeting'] as const),
  ...['tack', 'tackar', 'tack tack', 'tack så mycket', 'tack så hemskt mycket', 'tusen tack', 'stort tack', 'tack ska du ha', 'tack för hjälpen', 'toppen tack', 'tack snälla'].map((p) => [p, 'thanks'] as const),
  ...['thanks', 'thank you', 'thank you very much', 'thanks a lot', 'many thanks', 'thanks so much', 'thank you so much', 'thx', 'cheers'].map((p) => [p, 'thanks'] as const),
]);

/** Punctuation and emoji around a word: `hej!`, `tack :)`, `thanks 🙏`. */
const TRIM = /^[\p{P}\p{S}\p{Extended_Pictographic}\uFE0F\u200D]+|[\p{P}\p{S}\p{Extended_Pictographic}\uFE0F\u200D]+$/gu;

/** The greeting or thanks a message is, when it is nothing else: only words, no lines, at most a few of them,
 *  optionally naming LOKET (`hej loket`). */
export function smallTalkOf(parsed: ParsedMessage): SmallTalk | undefined {
  if (parsed.lines.length > 0 || parsed.tokens.length === 0 || parsed.tokens.length > 6) return undefined;
  const words: string[] = [];
  for (const token of parsed.tokens) {
    if (token.type !== 'word') return undefined;
    const word = token.value.toLowerCase().replace(TRIM, '');
    if (word) words.push(word);
  }
  if (words.at(-1) === 'loket') words.pop();
  return PHRASES.get(words.join(' '));
}

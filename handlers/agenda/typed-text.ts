// A meeting's title or an agenda topic as it was typed. The command's words are rebuilt from tokens, which
// turns “typographic” quotes into ", keeps a backslash typed before a quote (`\"`) and splits the text at
// it, and closes a quote that was never closed. Here the text is read again from the message: a quote
// escaped with a backslash is a quote character of the text, «…», “…” and ”…” are kept as typed inside
// it, and one pair of quotes around the whole text is dropped, as the binder does for `"…"`.
// Used only where it reads the same words as the binder (quotes, backslashes and spacing aside), so a
// mention or option keeps its meaning; otherwise the binder's text stands.

const OPENERS = new Set(['"', '“', '”', '«', '»']);
const CLOSERS: Record<string, ReadonlySet<string>> = {
  '«': new Set(['»']),
  '»': new Set(['»', '«']),
  '"': new Set(['"', '“', '”']),
  '“': new Set(['"', '“', '”']),
  '”': new Set(['"', '“', '”']),
};
const PREFIXES = new Set(['loket', '/loket']);
/** `date:…`, `kluster:…`: an option, where a title's words end. */
const OPTION = /^\p{L}+:\S/u;

interface Word {
  /** The word's characters, escapes resolved, its quotes kept. */
  text: string;
  /** A whole quoted run: its content. */
  quoted?: string;
  /** A quote opened here that nothing closes. */
  unclosed?: boolean;
  option?: boolean;
  mention?: boolean;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);

/** The words of a line: a quoted run is one word, `\"` a literal quote, an unclosed quote just a character. */
function words(line: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (isSpace(line[i])) i++;
    if (i >= line.length) break;
    const open = line[i] as string;
    if (OPENERS.has(open)) {
      const closers = CLOSERS[open]!;
      let j = i + 1;
      let content = '';
      while (j < line.length && !closers.has(line[j] as string)) {
        if (line[j] === '\\' && OPENERS.has(line[j + 1] as string)) j++;
        content += line[j];
        j++;
      }
      if (j < line.length && (j + 1 >= line.length || isSpace(line[j + 1]))) {
        out.push({ text: `${open}${content}${line[j]}`, quoted: content });
        i = j + 1;
        continue;
      }
    }
    // Not a quoted run: the quote is a character of the word; «unclosed» when nothing after it closes it.
    const unclosed = OPENERS.has(open) && ![...line.slice(i + 1)].some((ch) => CLOSERS[open]!.has(ch));
    let text = '';
    while (i < line.length && !isSpace(line[i])) {
      if (line[i] === '\\' && OPENERS.has(line[i + 1] as string)) i++;
      text += line[i];
      i++;
    }
    out.push({ text, ...(unclosed ? { unclosed } : {}), ...(OPTION.test(text) ? { option: true } : {}), ...(/^(?:@\S|<@)/u.test(text) ? { mention: true } : {}) });
  }
  return out;
}

const bare = (text: string) => text.replace(/[\s"“”«»\\]/gu, '');

export type TypedText = { text: string } | { unclosedBefore: string };

/**
 * The text after the command's first `skip` words (its verb, and an id), up to the first option or mention
 * when the command has any (`options`). `bound` is what the binder read for it. Returns the typed text when
 * it holds the same words; or, when an unclosed quote made the binder take the options that follow into
 * the text, the word the quote opened.
 */
export function typedText(raw: string, skip: number, bound: string, options = true): TypedText {
  const line = raw.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  const all = words(line);
  let from = PREFIXES.has(all[0]?.text.toLowerCase() ?? '') ? 1 : 0;
  from += skip;
  const mine: Word[] = [];
  let after: Word[] = [];
  for (let i = from; i < all.length; i++) {
    const word = all[i]!;
    if (options && (word.option || word.mention)) {
      after = all.slice(i);
      break;
    }
    mine.push(word);
  }
  const whole = mine.length === 1 && mine[0]!.quoted !== undefined;
  const text = whole ? mine[0]!.quoted!.trim() : mine.map((w) => w.text).join(' ');
  if (bare(text) === bare(bound)) return { text: text || bound };
  const opened = mine.find((w) => w.unclosed);
  if (opened && after.some((w) => w.option && bound.includes(w.text))) return { unclosedBefore: opened.text };
  return { text: bound };
}

// The parsed form of a message (docs/architecture.md "Command grammar"). parse.ts produces ParsedMessage; the dispatch
// table turns its first words into a verb and hands the rest to the handler as a Command.

export type PersonRef =
  /** `@me` */
  | { type: 'me' }
  /** A platform mention: Slack `<@U123>` / `<@U123|name>`; Teams mentions are rewritten to this form by the adapter. */
  | { type: 'platform'; id: string; name?: string }
  /** `@display-name` known to LOKET */
  | { type: 'name'; name: string };

export type Token =
  | { type: 'word'; value: string }
  /** `raw`: the text as typed, when it is not `"value"` (curly quotes “…”, an unterminated quote), so free
   *  text keeps the person's own quote characters. */
  | { type: 'quoted'; value: string; raw?: string }
  /** `letters:value` as typed; whether it is a key is the command's to say (handlers/core/bind.ts).
   *  `free`: written `key: ` with a space, so the value is the following words (folded by the binder);
   *  `quoted`: the whole value was quoted; `folded`: the value was gathered from the following words. */
  | { type: 'option'; key: string; value: string; raw: string; free?: boolean; quoted?: boolean; folded?: boolean }
  | { type: 'person'; ref: PersonRef; raw: string };

export type LineKind = 'decision' | 'action' | 'note';

/** A following line that starts with `decision:`, `action:` or `note:` (Swedish: beslut, åtgärd, anteckning). */
export interface StructuredLine {
  kind: LineKind;
  text: string;
  tokens: Token[];
}

export interface ParsedMessage {
  tokens: Token[];
  lines: StructuredLine[];
}

export interface Command {
  /** Canonical English verb, possibly two words: `cluster add`, `programme invite`. */
  verb: string;
  /** Tokens after the verb words, in order. */
  args: Token[];
  lines: StructuredLine[];
  /** The text as the user sent it, after any `/loket` prefix. */
  raw: string;
}

export type ShortIdKind = 'M' | 'A' | 'N' | 'X' | 'G' | 'P';

export function positional(command: Command): string[] {
  return command.args.flatMap((t) => (t.type === 'word' || t.type === 'quoted' ? [t.value] : []));
}

export function option(command: Command, key: string): string | undefined {
  for (const t of command.args) if (t.type === 'option' && t.key === key) return t.value;
  return undefined;
}

export function people(command: Command): PersonRef[] {
  return command.args.flatMap((t) => (t.type === 'person' ? [t.ref] : []));
}

// Reads a command's words against its declaration (handlers/core/spec.ts) before any handler runs, so a
// handler gets typed values and bad input is refused with what was not understood and the command's
// example — never stored, never glued onto a name. docs/architecture.md "Command grammar" has the rules.
import { distance } from 'fastest-levenshtein';
import type { MessageKey } from '../i18n/index.js';
import type { Command, PersonRef, StructuredLine, Token } from './command.js';
import { formatCount } from './arg-types.js';
import { LoketError } from './errors.js';
import type { Language } from './incoming.js';
import { foldFreeText, rawOf } from './parse.js';
import type { ArgType, CommandSpec, OptionSlot, PositionalSlot, Slot, ValueProblem } from './spec.js';
import { exampleIn, exampleInWords, verbIn } from './spec.js';

/** Keys that `action:` lines of a meeting take, in both languages. */
const LINE_KEYS: ReadonlyMap<string, string> = new Map([
  ['due', 'due'],
  ['senast', 'due'],
  ['förfaller', 'due'],
]);

export interface Bound {
  args: Record<string, unknown>;
  /** The command with option keys in English and free-text values gathered, for code that reads tokens. */
  command: Command;
}

type OptionEntry = { name: string; slot: OptionSlot };

/** The key words a spec declares (English and Swedish), each to its slot. */
export function declaredKeys(spec: CommandSpec): Map<string, OptionEntry> {
  const keys = new Map<string, OptionEntry>();
  for (const [name, slot] of Object.entries(spec.args)) {
    if (slot.kind !== 'option') continue;
    for (const key of [slot.keys.en, ...slot.keys.sv]) keys.set(key.toLowerCase(), { name, slot });
  }
  return keys;
}

/** Binds `command` to `spec`, or throws a LoketError that says what did not fit (with the spec's example). */
export function bind(spec: CommandSpec, command: Command, language: Language): Bound {
  return new Binder(spec, command, language).run();
}

class Binder {
  private readonly keys: Map<string, OptionEntry>;
  private readonly positionals: [string, PositionalSlot][];
  private readonly mentionsName: string | undefined;
  private readonly args: Record<string, unknown> = {};
  /** How each option's key was written, so a second spelling of it (`gjort:` then `klart:`) is named as such. */
  private readonly keysWritten: Record<string, string> = {};
  private readonly canonical: Token[] = [];
  private readonly leftovers: string[] = [];
  private suggestion: string | undefined;
  private next = 0;
  private collecting: { name: string; slot: PositionalSlot; tokens: Token[] } | undefined;
  private lastOneWordOption: { key: string; value: string; textLike: boolean; followedBy: string[] } | undefined;

  constructor(
    private readonly spec: CommandSpec,
    private readonly command: Command,
    private readonly language: Language,
  ) {
    this.keys = declaredKeys(spec);
    this.positionals = Object.entries(spec.args).filter((e): e is [string, PositionalSlot] => e[1].kind === 'positional');
    this.mentionsName = Object.entries(spec.args).find(([, s]) => s.kind === 'mentions')?.[0];
  }

  private get example(): string {
    return exampleIn(this.spec, this.language);
  }

  private fail(code: MessageKey, params: Record<string, string | number>): never {
    throw new LoketError(code, params, this.example);
  }

  run(): Bound {
    this.checkLines();
    // A mistyped key is caught even inside free text (`gjort: Workshop humr:grön`), where it would
    // otherwise be stored as part of the text.
    for (const token of this.command.args) if (token.type === 'option' && !this.keys.has(token.key)) this.refuseNearKey(token);
    const tokens = foldFreeText(this.command.args, (key) => this.keys.has(key));
    for (const token of tokens) this.take(token);
    this.closeRun();
    if (this.leftovers.length) {
      const words = this.leftovers.map((w) => `”${w}”`).join(', ');
      const leftover = new LoketError('args.leftover', { words, verb: verbIn(this.spec, this.language) }, this.example);
      throw this.suggestion ? leftover.withHint('args.key_suggestion', { suggestion: this.suggestion }) : leftover;
    }
    for (const [name, slot] of Object.entries(this.spec.args)) {
      if (slot.kind === 'mentions') this.args[name] ??= [];
      else if (slot.required && this.args[name] === undefined) this.fail('args.missing', { what: this.what(slot) });
    }
    return { args: this.args, command: { ...this.command, args: this.canonical, lines: this.command.lines.map(canonicalLine) } };
  }

  private what(slot: PositionalSlot | OptionSlot): string {
    if (slot.what) return slot.what;
    const placeholder = slot.type.placeholder[this.language];
    if (slot.kind === 'positional') return `<${placeholder}>`;
    return `\`${this.keyIn(slot)}:<${placeholder}>\``;
  }

  private keyIn(slot: OptionSlot): string {
    return this.language === 'sv' ? (slot.keys.sv[0] ?? slot.keys.en) : slot.keys.en;
  }

  private checkLines() {
    const accepted = this.spec.lines ?? [];
    const stray = this.command.lines.find((line) => !accepted.includes(line.kind));
    if (stray) this.fail('args.lines_not_expected', { line: `${stray.kind}: ${stray.text}`.slice(0, 80), verb: verbIn(this.spec, this.language) });
  }

  private take(token: Token) {
    if (token.type === 'option') {
      const entry = this.keys.get(token.key);
      if (entry) return this.takeOption(token, entry);
      this.refuseUnknownKey(token);
      // Not a key of this command: text as typed (a URL, `Obs:`), if the command takes free text.
      return this.takePositional({ type: 'word', value: token.raw });
    }
    if (token.type === 'person') return this.takePerson(token);
    return this.takePositional(token);
  }

  private refuseNearKey(token: Extract<Token, { type: 'option' }>) {
    if (token.value.startsWith('/')) return;
    const near = nearestKey(token.key, [...this.keys.keys()]);
    if (!near) return;
    const { slot } = this.keys.get(near)!;
    const value = token.quoted ? `"${token.value}"` : (slot.type.wordIn?.(token.value, this.language) ?? token.value);
    const suggestion = `${this.keyIn(slot)}:${value}`;
    throw new LoketError('args.unknown_key', { key: `${token.key}:`, verb: verbIn(this.spec, this.language), keys: this.keyList() }, this.example).withHint('args.key_suggestion', { suggestion });
  }

  /** A key the command does not declare is text only where the command takes free text. */
  private refuseUnknownKey(token: Extract<Token, { type: 'option' }>) {
    if (!this.positionals.some(([, slot]) => slot.rest)) {
      this.fail('args.unknown_key', { key: `${token.key}:`, verb: verbIn(this.spec, this.language), keys: this.keyList() });
    }
  }

  private keyList(): string {
    const options = Object.values(this.spec.args).filter((s): s is OptionSlot => s.kind === 'option');
    return options.length ? options.map((s) => `\`${this.keyIn(s)}:\``).join(', ') : '–';
  }

  private takeOption(token: Extract<Token, { type: 'option' }>, { name, slot }: OptionEntry) {
    this.closeRun();
    if (this.args[name] !== undefined) {
      const first = this.keysWritten[name];
      if (first && first.toLowerCase() !== token.key.toLowerCase()) this.fail('args.duplicate_key_spelled', { first: `${first}:`, key: `${token.key}:` });
      this.fail('args.duplicate_key', { key: `${token.key}:` });
    }
    this.keysWritten[name] = token.key;
    if (!token.value.trim()) this.fail('args.missing', { what: this.what(slot) });
    // A refused value names its key in the reader's words (`datum:` to a Swedish reader who typed `date:`).
    this.args[name] = this.parse(slot.type, token.value, token.quoted === true, this.keyIn(slot));
    this.canonical.push({ type: 'option', key: slot.keys.en, value: token.value, raw: token.raw, ...(token.quoted ? { quoted: true } : {}) });
    this.lastOneWordOption = !token.quoted && !token.folded ? { key: token.key, value: token.value, textLike: slot.type.textLike === true, followedBy: [] } : undefined;
  }

  private takePerson(token: Extract<Token, { type: 'person' }>) {
    const slot = this.positionals[this.next];
    if (!this.collecting && slot && slot[1].type.parsePerson) {
      this.args[slot[0]] = this.parsePerson(slot[1].type, token.ref);
      this.next++;
      this.canonical.push(token);
      return;
    }
    if (this.mentionsName) {
      const mentioned = (this.args[this.mentionsName] ??= []) as PersonRef[];
      mentioned.push(token.ref);
      this.canonical.push(token);
      return;
    }
    this.takePositional(token);
  }

  private takePositional(token: Token) {
    if (this.collecting) {
      this.collecting.tokens.push(token);
      return;
    }
    // Free words fit nowhere once every slot has its value: a rest slot closed at the option that followed
    // it (`sector:vehicle testing`, `date:2026-03-02 mars`).
    const slot = this.positionals[this.next];
    if (!slot) return this.leftover(token);
    const [name, spec] = slot;
    this.next++;
    if (spec.rest) {
      this.collecting = { name, slot: spec, tokens: [token] };
      this.lastOneWordOption = undefined;
      return;
    }
    this.args[name] = this.parse(spec.type, token.type === 'quoted' ? token.value : rawOf(token), token.type === 'quoted', `<${spec.type.placeholder[this.language]}>`);
    this.canonical.push(token.type === 'person' || token.type === 'quoted' ? token : { type: 'word', value: rawOf(token) });
  }

  private leftover(token: Token) {
    const raw = rawOf(token);
    this.leftovers.push(raw);
    const last = this.lastOneWordOption;
    if (last) {
      last.followedBy.push(raw);
      const key = this.keys.get(last.key);
      if (last.textLike && key) this.suggestion = `${this.keyIn(key.slot)}:"${[last.value, ...last.followedBy].join(' ')}"`;
    }
  }

  /** Ends a rest slot's words: the next free word cannot join it. */
  private closeRun() {
    const run = this.collecting;
    if (!run) return;
    this.collecting = undefined;
    const only = run.tokens.length === 1 ? run.tokens[0] : undefined;
    const value = only?.type === 'quoted' ? only.value : run.tokens.map(rawOf).join(' ');
    this.args[run.name] = this.parse(run.slot.type, value, only?.type === 'quoted', `<${run.slot.type.placeholder[this.language]}>`);
    for (const token of run.tokens) this.canonical.push(token.type === 'option' ? { type: 'word', value: token.raw } : token);
  }

  private parse<T>(type: ArgType<T>, value: string, quoted: boolean, key: string): T {
    const parsed = type.parse(value, quoted);
    if (parsed.ok) return parsed.value;
    return this.refuseValue(parsed.problem, type, key);
  }

  private parsePerson<T>(type: ArgType<T>, ref: PersonRef): T {
    const parsed = type.parsePerson!(ref);
    if (parsed.ok) return parsed.value;
    return this.refuseValue(parsed.problem, type, '@');
  }

  private refuseValue(problem: ValueProblem, type: ArgType<unknown>, key: string): never {
    const words = type.choices?.(this.language);
    const choices = words?.map((c) => `\`${c}\``).join(', ');
    const counts = Object.fromEntries(Object.entries(problem.counts ?? {}).map(([name, n]) => [name, formatCount(n, this.language)]));
    // A value given by position has no key to name (`<ÅÅÅÅ-MM-DD>:` read as one): the catalog leaves it out.
    const keyShown = key.startsWith('<') && problem.code === 'date.invalid' ? 'positional' : key;
    const refusal = new LoketError(problem.code, { key: keyShown, ...(choices ? { choices, count: words!.length } : {}), ...problem.params, ...counts }, this.example);
    const withId = problem.code === 'args.id_invalid' ? this.withPrefix(String(problem.params?.value ?? ''), String(problem.params?.kinds ?? '')) : undefined;
    if (!withId) throw refusal;
    // The suggestion names the command, so the example under it is in the same (the reader's) words.
    const named = new LoketError(refusal.code, refusal.params, exampleInWords(this.spec, this.language));
    throw named.withHint('args.key_suggestion', { suggestion: withId });
  }

  /** `möte visa 5`: short ids are typed with their letter everywhere, so a bare number is refused with the
   *  command as typed, in the reader's words, and the letter added («Menade du `möte visa M5`?» also for
   *  `meeting show 5`), when only one kind of id fits. */
  private withPrefix(value: string, kinds: string): string | undefined {
    const kind = /^([A-Z])12$/.exec(kinds)?.[1];
    if (!kind || !/^\d{1,9}$/.test(value)) return undefined;
    let fixed = false;
    const written = commandInWords(this.spec, this.command.args, this.language, (token) => {
      if (fixed || token.type !== 'word' || token.value !== value) return undefined;
      fixed = true;
      return `${kind}${Number(value)}`;
    });
    return fixed ? written : undefined;
  }
}

/**
 * A command as typed, written in the reader's words (docs/architecture.md "Command grammar"): the verb, the
 * declared keys and the enum words of options in the reader's language, other values as typed. `replace`
 * may rewrite a token.
 */
export function commandInWords(spec: CommandSpec, tokens: readonly Token[], language: Language, replace: (token: Token) => string | undefined = () => undefined): string {
  const keys = declaredKeys(spec);
  const positionals = Object.values(spec.args).filter((s): s is PositionalSlot => s.kind === 'positional');
  const hasMentions = Object.values(spec.args).some((s) => s.kind === 'mentions');
  // Free words fill the positional slots in order, as the binder reads them: an enum word given by position
  // (`kluster lista alla`, `åtgärder mina`) is written in the reader's words too; a rest slot (a title, a
  // text) takes every word up to the next option, as typed.
  let next = 0;
  let inRest = false;
  const positionalWord = (token: Token): string => {
    if (inRest) return rawOf(token);
    const slot = positionals[next];
    if (!slot) return rawOf(token);
    next++;
    if (slot.rest) {
      inRest = true;
      return rawOf(token);
    }
    return token.type === 'word' ? (slot.type.wordIn?.(token.value, language) ?? rawOf(token)) : rawOf(token);
  };
  const words = tokens.map((token) => {
    const replaced = replace(token);
    if (token.type === 'option') inRest = false;
    if (replaced !== undefined) {
      if (token.type !== 'option') positionalWord(token);
      return replaced;
    }
    if (token.type === 'person') {
      const slot = positionals[next];
      if (!inRest && slot?.type.parsePerson) next++;
      else if (!hasMentions) positionalWord(token);
      return rawOf(token);
    }
    if (token.type !== 'option') return positionalWord(token);
    const slot = keys.get(token.key.toLowerCase())?.slot;
    if (!slot) return rawOf(token);
    const key = language === 'sv' ? (slot.keys.sv[0] ?? slot.keys.en) : slot.keys.en;
    const word = token.quoted || token.free ? undefined : slot.type.wordIn?.(token.value, language);
    return word === undefined ? `${key}${token.raw.slice(token.raw.indexOf(':'))}` : `${key}:${word}`;
  });
  return [verbIn(spec, language), ...words].join(' ');
}

/**
 * What a mistyped sub-command (`möte vsia 5`) is most likely meant as, in the reader's words: the command
 * with the words typed after it when they fit it (a bare number given its letter: `möte visa M5`), else its
 * name alone. `fits` says whether the words typed fit the command (the registry reads a text command's
 * second word as a sub-command only then).
 */
export function suggestedCommand(spec: CommandSpec, command: Command, language: Language): { text: string; fits: boolean } {
  try {
    bind(spec, command, language);
    return { text: commandInWords(spec, command.args, language), fits: true };
  } catch (error) {
    if (!(error instanceof LoketError)) throw error;
    const withId = error.code === 'args.id_invalid' && error.hint?.code === 'args.key_suggestion' ? error.hint.params.suggestion : undefined;
    return typeof withId === 'string' ? { text: withId, fits: true } : { text: verbIn(spec, language), fits: false };
  }
}

/** The declared key a mistyped one most likely meant: one edit for short keys, two for longer ones. */
export function nearestKey(typed: string, keys: string[]): string | undefined {
  if (typed.length < 3) return undefined;
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: { key: string; d: number } | undefined;
  for (const key of keys) {
    if (key.length < 3) continue;
    const d = distance(typed, key);
    if (d <= allowed && (!best || d < best.d)) best = { key, d };
  }
  return best?.key;
}

function canonicalLine(line: StructuredLine): StructuredLine {
  const isKey = (key: string) => LINE_KEYS.has(key);
  const tokens = foldFreeText(line.tokens, isKey).map((t) => (t.type === 'option' && isKey(t.key) ? { ...t, key: LINE_KEYS.get(t.key)! } : t));
  return { ...line, tokens };
}

export type { Slot };

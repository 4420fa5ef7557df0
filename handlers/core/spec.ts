// A command is declared once, as data (docs/architecture.md "Commands"): verb, Swedish and English aliases,
// typed arguments with their Swedish and English key names and enum words, who may run it, a summary, one
// example and the handler. Dispatch, the role check, `help`, "did you mean", the Slack manifest's hint and
// the Teams command list are all derived from these declarations (handlers/registry.ts joins them).
import type { MessageKey } from '../i18n/index.js';
import type { Role } from './access.js';
import type { Command, LineKind, ParsedMessage, PersonRef } from './command.js';
import type { Logger } from 'pino';
import type { Repositories } from '../../db/repositories.js';
import type { Actor } from './actor.js';
import type { IncomingMessage } from './incoming.js';
import type { Clock, CoreSettings } from './settings.js';
import type { Language } from './incoming.js';
import type { Reply } from './reply.js';

export interface HandlerContext<A = Record<string, unknown>> {
  /** The command's arguments, read and checked against its declaration before the handler runs. */
  args: A;
  command: Command;
  /** Every command LOKET knows (help and suggestions read it). */
  registry: Registry;
  actor: Actor;
  message: IncomingMessage;
  repos: Repositories;
  clock: Clock;
  settings: CoreSettings;
  logger: Logger;
}

export type Handler = (context: HandlerContext) => Promise<Reply>;

/** What a read-only view run for a person without a message (App Home, the Teams welcome) gets. */
export type ViewContext = Omit<HandlerContext, 'args' | 'registry'>;
export type ViewHandler = (context: ViewContext) => Promise<Reply>;

/** What `programme join` has before its workspace belongs to a programme. */
export interface WorkspaceContext<A = Record<string, unknown>> {
  args: A;
  workspace: { id: string; platform: string; externalId: string; programmeId: string | null };
  language: Language;
  repos: Repositories;
  clock: Clock;
}

/** Every command LOKET knows, as the core and `help` read it (built by createRegistry in registry.ts). */
export interface Registry {
  readonly all: readonly CommandSpec[];
  /** A verb or alias, one or two words, in any case. */
  find(name: string): CommandSpec | undefined;
  resolve(parsed: ParsedMessage, raw: string): Resolution;
  /** The commands whose verb or alias is nearest to `typed`, best first. */
  nearest(typed: string, count: number): CommandSpec[];
  /** The roles that may run a command. */
  rolesFor(spec: CommandSpec): readonly Role[];
  mayRun(spec: CommandSpec, actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>): boolean;
}

export type Resolution =
  /** `nearMiss`: the second word is near a sub-command but could be the name of a cluster (`plan gpa`); the core
   *  answers with the sub-command unless the programme has a cluster by that name (handlers/core/run-command.ts). */
  | { kind: 'verb'; spec: CommandSpec; command: Command; nearMiss?: { typed: string; suggestion: CommandSpec; command: Command; cluster: string } }
  /** `command`: the words typed after a mistyped sub-command, read as the suggested one's. */
  | { kind: 'unknown'; typed: string; suggestion?: CommandSpec; command?: Command }
  | { kind: 'empty' };

/** Text written in both reply languages. */
export interface Bilingual {
  sv: string;
  en: string;
}

/** Why a value was refused: a catalog key and its parameters (the binder adds the example). */
export interface ValueProblem {
  code: MessageKey;
  params?: Record<string, string | number>;
  /** Numbers the binder writes in the reader's language («10 000», «10,000»). */
  counts?: Record<string, number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ValueProblem };

/** A guest at a meeting, named in `with:` as `Karin Ek (LTU)`. */
export interface GuestRef {
  name: string;
  organisation?: string;
}

export type ParticipantRef = { type: 'person'; ref: PersonRef } | { type: 'guest'; guest: GuestRef };

/** How one value is read. `name` shows in usage lines (`<date>`); `choices` lists an enum's words. */
export interface ArgType<T> {
  readonly name: 'text' | 'word' | 'date' | 'time' | 'integer' | 'enum' | 'list' | 'cluster' | 'clusters' | 'person' | 'participants' | 'organisation' | 'id';
  readonly placeholder: Bilingual;
  /** Reads a value that is not a person token. `quoted` is true when the user quoted the whole value. */
  parse(value: string, quoted: boolean): Parsed<T>;
  /** Reads a person token (`@anna`, `<@U123>`): only person and participant types accept one. */
  parsePerson?(ref: PersonRef): Parsed<T>;
  /** Enum words in each language, for help and the refusal that lists them. */
  choices?(language: Language): string[];
  /** An enum word typed in either language, in the reader's (for a suggestion); undefined when it is none. */
  wordIn?(value: string, language: Language): string | undefined;
  /** Text-like values may swallow a leftover word («Menade du `sector:"vehicle testing"`?»). */
  readonly textLike?: boolean;
  /** The most characters a text value takes (`textLimits` in arg-types.ts); longer is refused. */
  readonly maxLength?: number;
}

interface SlotBase<T> {
  readonly type: ArgType<T>;
  readonly required: boolean;
  /** What is missing, in the reader's language, when a required slot is empty. */
  readonly what?: MessageKey;
}

/** A value given by position: the first free words after the verb. */
export interface PositionalSlot<T = unknown> extends SlotBase<T> {
  readonly kind: 'positional';
  /** Takes every free word up to the next option (a title, a note's text). */
  readonly rest: boolean;
}

/** A value given as `key:value`, or `key: free text` up to the next key. */
export interface OptionSlot<T = unknown> extends SlotBase<T> {
  readonly kind: 'option';
  /** The English key first, then Swedish (and other) words for it; all are accepted in any language. */
  readonly keys: { en: string; sv: readonly string[] };
}

/** Every person mentioned outside an option (`meeting Workshop @anna @per`). */
export interface MentionsSlot {
  readonly kind: 'mentions';
  readonly required: false;
}

export type Slot = PositionalSlot | OptionSlot | MentionsSlot;
export type Slots = Record<string, Slot>;

type ValueOf<S> = S extends PositionalSlot<infer T> | OptionSlot<infer T> ? T : S extends MentionsSlot ? PersonRef[] : never;
/** The typed values a handler receives: required slots are always there, optional ones may be undefined. */
export type ArgsOf<A extends Slots> = {
  [K in keyof A]: A[K] extends MentionsSlot ? PersonRef[] : A[K] extends { required: true } ? ValueOf<A[K]> : ValueOf<A[K]> | undefined;
};

/** The groups of `help`, by what people do. */
export const helpGroups = ['start', 'meetings', 'weekly', 'exchange', 'plans', 'continuity', 'privacy', 'admin'] as const;
export type HelpGroup = (typeof helpGroups)[number];

interface SpecBase<A extends Slots> {
  /** Canonical English verb, one or two words: `cluster add`. */
  readonly verb: string;
  /** Other ways to say it, Swedish first: `kluster ny`. Matched like the verb. */
  readonly aliases: readonly string[];
  readonly group: HelpGroup;
  readonly summary: Bilingual;
  readonly args: A;
  /** Which following lines (`decision:`, `action:`, `note:`) the command reads; others are refused. */
  readonly lines?: readonly LineKind[];
  /** `everyone`, or the roles that may run it (the handler may narrow it to one cluster). */
  readonly roles: 'everyone' | readonly Role[];
  /** Who may run it, in words, where the handler narrows `roles` to fewer people than any role names
   *  (`evaluate`: the meeting's author or a project manager); help shows it instead of the roles. */
  readonly who?: Bilingual;
  /** One correct command, shown in help and in every refusal. */
  readonly example: string | Bilingual;
  /** Shown in Teams' command menu (at most ten) and in Slack's usage hint. */
  readonly menu?: boolean;
}

export interface ProgrammeCommandSpec<A extends Slots = Slots> extends SpecBase<A> {
  readonly handler: (context: HandlerContext<ArgsOf<A>>) => Promise<Reply>;
}

/** Runs before the workspace belongs to a programme (`programme join <code>`). */
export interface WorkspaceCommandSpec<A extends Slots = Slots> extends SpecBase<A> {
  readonly workspaceHandler: (context: WorkspaceContext<ArgsOf<A>>) => Promise<Reply>;
}

export type CommandSpec<A extends Slots = Slots> = ProgrammeCommandSpec<A> | WorkspaceCommandSpec<A>;

/** Declares a command; the generic keeps the handler's `args` typed by the declared slots. */
export function defineCommand<A extends Slots>(spec: ProgrammeCommandSpec<A> | WorkspaceCommandSpec<A>): CommandSpec {
  return spec as unknown as CommandSpec;
}

export function exampleIn(spec: Pick<SpecBase<Slots>, 'example'>, language: Language): string {
  return typeof spec.example === 'string' ? spec.example : spec.example[language];
}

/** The command's name in the reader's words: the English verb, or the first alias, which is the Swedish one. */
export function verbIn(spec: Pick<SpecBase<Slots>, 'verb' | 'aliases'>, language: Language): string {
  return language === 'sv' ? (spec.aliases[0] ?? spec.verb) : spec.verb;
}

/** The example with its command words in the reader's words (`kluster lista alla`, not `cluster list alla`),
 *  for a reply that suggests a command: the suggestion and the example under it are in one language. */
export function exampleInWords(spec: Pick<SpecBase<Slots>, 'verb' | 'aliases' | 'example'>, language: Language): string {
  const example = exampleIn(spec, language);
  const lower = example.toLowerCase();
  const typed = [spec.verb, ...spec.aliases]
    .map((name) => name.toLowerCase())
    .sort((a, b) => b.length - a.length)
    .find((name) => lower === name || lower.startsWith(`${name} `));
  return typed === undefined ? example : `${verbIn(spec, language)}${example.slice(typed.length)}`;
}

export function rolesOfSpec(spec: Pick<SpecBase<Slots>, 'roles'>, all: readonly Role[]): readonly Role[] {
  return spec.roles === 'everyone' ? all : spec.roles;
}

// ---- Slot builders ---------------------------------------------------------------------------------------

type SlotOptions = { what?: MessageKey };

export const positional = {
  required<T>(type: ArgType<T>, options: SlotOptions = {}): PositionalSlot<T> & { required: true } {
    return { kind: 'positional', type, required: true, rest: false, ...options };
  },
  optional<T>(type: ArgType<T>, options: SlotOptions = {}): PositionalSlot<T> & { required: false } {
    return { kind: 'positional', type, required: false, rest: false, ...options };
  },
  /** The rest of the free words as one value (a title, a text, a cluster name typed without quotes). */
  rest<T>(type: ArgType<T>, options: SlotOptions = {}): PositionalSlot<T> & { required: true } {
    return { kind: 'positional', type, rest: true, required: true, ...options };
  },
  optionalRest<T>(type: ArgType<T>, options: SlotOptions = {}): PositionalSlot<T> & { required: false } {
    return { kind: 'positional', type, rest: true, required: false, ...options };
  },
};

export function option<T>(en: string, sv: readonly string[], type: ArgType<T>, options: SlotOptions & { required: true }): OptionSlot<T> & { required: true };
export function option<T>(en: string, sv: readonly string[], type: ArgType<T>, options?: SlotOptions & { required?: false }): OptionSlot<T> & { required: false };
export function option<T>(en: string, sv: readonly string[], type: ArgType<T>, options: SlotOptions & { required?: boolean } = {}): OptionSlot<T> {
  return { kind: 'option', keys: { en, sv }, type, ...options, required: options.required ?? false };
}

export const mentions = (): MentionsSlot => ({ kind: 'mentions', required: false });

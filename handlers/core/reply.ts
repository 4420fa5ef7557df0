// The one type every handler returns and every adapter renders (docs/architecture.md "Reply").
// Text is plain with `backticks` for commands; adapters add bold titles and platform markup.

export type Visibility = 'private' | 'channel';

export type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: ReplyField[] }
  | { type: 'list'; title?: string; items: string[] };

export interface ReplyField {
  label: string;
  value: string;
}

/** A button runs `command` (a text command, as if the user had typed it) when pressed. */
export interface ReplyButton {
  label: string;
  command: string;
  style?: 'primary' | 'danger';
  /**
   * Buttons that answer one question share a key: the first click on any of them runs, later clicks (a
   * double click, or a second choice) act as a redelivery and do nothing. Adapters carry it back as the
   * click's delivery key (`choice` source); plain buttons are keyed by the platform's own click id.
   */
  once?: string;
}

/** The delivery key a click on a `once` button is known by, whichever adapter carried it. */
export const CHOICE_DELIVERY_SOURCE = 'choice';

export interface ReplyFormField {
  /** The `key:` the value is sent as, e.g. `date`; `_text` is the positional text (a title). */
  key: string;
  label: string;
  kind: 'text' | 'multiline' | 'date' | 'select';
  required?: boolean;
  initial?: string;
  options?: { value: string; label: string }[];
  placeholder?: string;
  /** The most characters the input takes (`formMaxLength` in arg-types.ts); the platform stops typing there. */
  maxLength?: number;
}

/** Rendered as a Slack modal or a Teams Adaptive Card; the console accepts the text form. */
export interface ReplyForm {
  title: string;
  /** The verb the submitted values are sent to, e.g. `meeting`. */
  verb: string;
  submitLabel: string;
  fields: ReplyFormField[];
  /** The language the form is written in, for texts the platform adds (a required field's error). */
  language?: 'sv' | 'en';
  /** The command and each field's key as the reader types them (`möte`, `datum`, `beslut`), for the
   *  console, which shows the typed form; set by the core. */
  typed?: { verb: string; keys: Record<string, string> };
}

export interface ReplyLink {
  label: string;
  url: string;
}

export interface Reply {
  title?: string;
  blocks: ReplyBlock[];
  buttons?: ReplyButton[];
  form?: ReplyForm;
  links?: ReplyLink[];
  visibility: Visibility;
  /** Set on expected failures (bad input, not allowed …); the dotted code says which. */
  error?: { code: string };
}

/** Writes a command in the reader's words (the registry's, set once by handlers/registry.ts, which knows
 *  every command: the core cannot import it). Unset, a command is shown as written. */
let commandWording: ((command: string, language: 'sv' | 'en') => string) | undefined;

export function setCommandWording(wording: (command: string, language: 'sv' | 'en') => string): void {
  commandWording = wording;
}

/** A command LOKET shows as a reference in reply text, written in the reader's words whichever language the
 *  feature wrote it in (`meeting show M1` → `möte visa M1` for a Swedish reader). It is put in words here,
 *  where LOKET writes it, so no text a person wrote is ever rewritten. Each adapter shows it in its
 *  platform's own syntax (Slack `/loket x`, Teams `@LOKET x` in a channel and `x` in a 1:1 chat, the
 *  console `x`). */
export function commandRef(command: string, language: 'sv' | 'en'): string {
  // A meeting's example has following lines (`beslut: …`): each its own span, as no code span may cross a
  // line break in Slack or Teams.
  const [first, ...lines] = (commandWording ? commandWording(command, language) : command).split('\n');
  return [`\`/loket ${first}\``, ...lines.filter((line) => line.trim()).map((line) => `\`${line.trim()}\``)].join('\n');
}

/** How the person reading types a command where they read it. */
export type CommandSyntax = 'slack' | 'teams-channel' | 'teams-personal' | 'plain';

const COMMAND_REF = /`\/loket(?: ([^`]*))?`/g;

/** Rewrites the command references of reply text into the reader's syntax (see commandRef). */
export function renderCommandRefs(text: string, syntax: CommandSyntax): string {
  if (syntax === 'slack') return text;
  return text.replace(COMMAND_REF, (_whole, command: string | undefined) => {
    if (syntax === 'teams-channel') return command ? `\`@LOKET ${command}\`` : '`@LOKET`';
    return command ? `\`${command}\`` : 'LOKET';
  });
}

/** The reply with every command reference in the reader's syntax (titles, texts, fields and lists). */
export function withCommandSyntax(reply: Reply, syntax: CommandSyntax): Reply {
  if (syntax === 'slack') return reply;
  const r = (text: string) => renderCommandRefs(text, syntax);
  const blocks = reply.blocks.map((block): ReplyBlock => {
    if (block.type === 'text') return { ...block, text: r(block.text) };
    if (block.type === 'fields') return { ...block, fields: block.fields.map((f) => ({ label: r(f.label), value: r(f.value) })) };
    return { ...block, ...(block.title ? { title: r(block.title) } : {}), items: block.items.map(r) };
  });
  return { ...reply, ...(reply.title ? { title: r(reply.title) } : {}), blocks };
}

export function textReply(text: string, extra: Partial<Reply> = {}): Reply {
  return { visibility: 'private', blocks: [{ type: 'text', text }], ...extra };
}

/** Plain-text rendering, shared by the console and by adapters as a notification fallback. */
export function renderPlainText(reply: Reply, syntax: CommandSyntax = 'plain'): string {
  return renderCommandRefs(plainText(reply), syntax);
}

function plainText(reply: Reply): string {
  const parts: string[] = [];
  if (reply.title) parts.push(reply.title);
  for (const block of reply.blocks) {
    if (block.type === 'text') parts.push(block.text);
    if (block.type === 'fields') parts.push(block.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
    if (block.type === 'list') {
      const items = block.items.map((item) => `  • ${item}`).join('\n');
      parts.push(block.title ? `${block.title}\n${items}` : items);
    }
  }
  if (reply.buttons?.length) parts.push(reply.buttons.map((b) => `[${b.label}: ${b.command}]`).join('  '));
  if (reply.links?.length) parts.push(reply.links.map((l) => `${l.label}: ${l.url}`).join('\n'));
  return parts.join('\n\n');
}

// Every command a reader is shown — in refusal examples, hints, help and on buttons — is written in the
// reader's words (docs/architecture.md "Command grammar"): the English verb, or the command's first alias,
// which is the Swedish one, with declared keys and enum words in that language, other values as typed.
// Catalog text writes its commands in its own language (a test checks each catalog). What a feature builds
// at run time it marks with commandRef (`/loket x`), in either language; this rewrites those references and
// the buttons' commands once for each reply the core sends. A span in backticks without `/loket` is left as
// it is: it is a catalog's, already in the reader's words, or text a person wrote (a note that says «kör
// `cluster list`» is shown as written).
import { commandInWords } from './bind.js';
import type { Language } from './incoming.js';
import { parseMessage } from './parse.js';
import type { Reply, ReplyBlock } from './reply.js';
import type { Registry } from './spec.js';

/** A command reference in reply text, as commandRef writes it. */
const COMMAND_REF = /`\/loket ([^`\n]+)`/g;

/** One command's text in the reader's words; a text that names no known command stays as it is. Only the
 *  first line is rewritten: following `decision:`/`action:` lines are free text. */
export function commandTextInWords(registry: Registry, command: string, language: Language): string {
  const [first = '', ...rest] = command.split('\n');
  const leading = /^\s*/.exec(first)![0];
  const resolution = registry.resolve(parseMessage(first), first);
  if (resolution.kind !== 'verb') return command;
  const written = commandInWords(resolution.spec, resolution.command.args, language);
  return [`${leading}${written}`, ...rest].join('\n');
}

/** Reply text with each command reference it shows (commandRef's `/loket x`) in the reader's words; a
 *  reference that names no command stays as it is. */
export function textInWords(registry: Registry, text: string, language: Language): string {
  return text.replace(COMMAND_REF, (_whole, command: string) => `\`/loket ${commandTextInWords(registry, command, language)}\``);
}

/** The reply with every command it shows — references in its title, texts, fields and lists, and its
 *  buttons' commands — in the reader's words. A button's command in Swedish runs as the English one. */
export function replyInWords(registry: Registry, reply: Reply, language: Language): Reply {
  const r = (text: string) => textInWords(registry, text, language);
  const blocks = reply.blocks.map((block): ReplyBlock => {
    if (block.type === 'text') return { ...block, text: r(block.text) };
    if (block.type === 'fields') return { ...block, fields: block.fields.map((f) => ({ label: r(f.label), value: r(f.value) })) };
    return { ...block, ...(block.title ? { title: r(block.title) } : {}), items: block.items.map(r) };
  });
  return {
    ...reply,
    ...(reply.title ? { title: r(reply.title) } : {}),
    blocks,
    ...(reply.buttons ? { buttons: reply.buttons.map((b) => ({ ...b, label: r(b.label), command: commandTextInWords(registry, b.command, language) })) } : {}),
  };
}

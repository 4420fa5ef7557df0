// Every command a reader is shown — in refusal examples, hints, help and on buttons — is written in the
// reader's words (docs/architecture.md "Command grammar"): the English verb, or the command's first alias,
// which is the Swedish one, with declared keys and enum words in that language, other values as typed.
// Catalog text writes its commands in its own language (a test checks each catalog); a command built at run
// time is put in the reader's words where it is written (commandRef), and a button's command when the core
// sends the reply. Text in a reply is never rewritten afterwards, so what a person wrote — a note that says
// «kör `/loket cluster list`» — is shown as written.
import { commandInWords, declaredKeys } from './bind.js';
import type { Language } from './incoming.js';
import { parseMessage } from './parse.js';
import type { Reply, ReplyForm } from './reply.js';
import { verbIn, type Registry } from './spec.js';

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

/** The reply with each button's command in the reader's words (a button's label is the feature's own text,
 *  in the reader's language), and its form's command and keys as the reader types them. A button's command
 *  in Swedish runs as the English one. */
export function replyInWords(registry: Registry, reply: Reply, language: Language): Reply {
  return {
    ...reply,
    ...(reply.buttons ? { buttons: reply.buttons.map((b) => ({ ...b, command: commandTextInWords(registry, b.command, language) })) } : {}),
    ...(reply.form ? { form: formInWords(registry, reply.form, language) } : {}),
  };
}

/** The following lines a meeting reads, as each language writes them. */
const LINE_KEYS: Record<Language, Record<string, string>> = {
  sv: { decision: 'beslut', action: 'åtgärd', note: 'anteckning' },
  en: { decision: 'decision', action: 'action', note: 'note' },
};

function formInWords(registry: Registry, form: ReplyForm, language: Language): ReplyForm {
  const spec = registry.find(form.verb);
  if (!spec) return form;
  const keys = declaredKeys(spec);
  const typedKey = (key: string): string => {
    const slot = keys.get(key.toLowerCase())?.slot;
    if (slot) return language === 'sv' ? (slot.keys.sv[0] ?? slot.keys.en) : slot.keys.en;
    return LINE_KEYS[language][key] ?? key;
  };
  return { ...form, typed: { verb: verbIn(spec, language), keys: Object.fromEntries(form.fields.map((f) => [f.key, typedKey(f.key)])) } };
}

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { IncomingMessage, ProcessIncoming } from '../../handlers/core/incoming.js';
import { renderPlainText, type ReplyForm } from '../../handlers/core/reply.js';

export interface ConsoleChatOptions {
  core: ProcessIncoming;
  input: Readable;
  output: Writable;
  /** The person at the keyboard: the local programme's project manager. */
  user: { userId: string; displayName: string };
  /** Prompt and greeting only on a terminal, so piped output holds nothing but replies. */
  interactive: boolean;
}

// `as @anna meeting …` runs one command as another local person (created on first use).
const AS_PERSON = /^as\s+@(\S+)\s+([\s\S]*)$/i;

/**
 * The local chat: one message per line, a line ending in `\` continues on the next, replies on the
 * output stream. Messages run one after another, in order; the promise resolves at end of input.
 */
export async function runConsoleChat({ core, input, output, user, interactive }: ConsoleChatOptions): Promise<void> {
  const lines = createInterface({ input, terminal: interactive, crlfDelay: Infinity });
  const prompt = () => interactive && output.write('loket> ');
  let pending = '';
  prompt();
  for await (const line of lines) {
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)}\n`;
      if (interactive) output.write('...> ');
      continue;
    }
    const text = (pending + line).trim();
    pending = '';
    if (text) output.write(`${await answer(core, text, user)}\n\n`);
    prompt();
  }
  if (pending.trim()) output.write(`${await answer(core, pending.trim(), user)}\n\n`);
}

async function answer(core: ProcessIncoming, text: string, user: ConsoleChatOptions['user']): Promise<string> {
  const as = AS_PERSON.exec(text);
  const person = as ? { userId: as[1]!, displayName: as[1]! } : user;
  const message: IncomingMessage = { platform: 'console', workspaceId: 'local', ...person, text: as ? as[2]! : text };
  const outcome = await core(message);
  if (outcome.kind !== 'reply') return '';
  const rendered = renderPlainText(outcome.reply);
  return outcome.reply.form ? `${rendered}\n\n${renderFormHint(outcome.reply.form)}`.trim() : rendered;
}

/** The console has no modal: it shows the fields of the text form instead, in the reader's words
 *  (`möte`, `datum:…`, `beslut:…` for a Swedish reader). */
function renderFormHint(form: ReplyForm): string {
  const keyOf = (key: string) => form.typed?.keys[key] ?? key;
  const fields = form.fields.map((f) => `  ${f.key === '_text' ? '"…"' : `${keyOf(f.key)}:…`}  ${f.label}${f.required ? ' *' : ''}`);
  return `${form.title}\n${form.typed?.verb ?? form.verb}\n${fields.join('\n')}`;
}

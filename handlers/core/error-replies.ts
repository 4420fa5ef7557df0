import { t, type MessageKey } from '../i18n/index.js';
import type { Role } from './access.js';
import type { LoketError } from './errors.js';
import type { Command, ParsedMessage } from './command.js';
import { suggestedCommand } from './bind.js';
import type { Language } from './incoming.js';
import { commandRef, type Reply } from './reply.js';
import { exampleInWords, verbIn, type CommandSpec } from './spec.js';
import { catalogs } from '../i18n/index.js';

/** What went wrong and a correct example: the shape of every refusal. */
export function errorReply(error: LoketError, language: Language, fallbackExample: string): Reply {
  // Parameters may themselves be catalog keys (e.g. what is missing), translated in the user's language.
  const params = Object.fromEntries(
    Object.entries(error.params).map(([k, v]) => [k, typeof v === 'string' && Object.hasOwn(catalogs.sv, v) ? t(language, v as MessageKey) : v]),
  );
  const example = error.example ?? fallbackExample;
  return {
    visibility: 'private',
    error: { code: error.code },
    blocks: [{ type: 'text', text: [t(language, error.code, params), ...(error.hint ? [t(language, error.hint.code, error.hint.params)] : []), t(language, 'error.example', { example: commandRef(example, language) })].join('\n') }],
  };
}

/** An unknown verb, with the command most likely meant in the reader's words and its example in the same
 *  words; after a mistyped sub-command (`möte vsia 5`) the words typed after it are kept when they fit. */
export function unknownVerbReply(typed: string, suggestion: CommandSpec | undefined, language: Language, command?: Command, example?: string): Reply {
  const lines = [t(language, 'verb.unknown', { verb: typed })];
  if (suggestion) {
    const meant = command ? suggestedCommand(suggestion, command, language).text : verbIn(suggestion, language);
    lines.push(t(language, 'verb.suggestion', { verb: commandRef(meant, language), example: commandRef(example ?? exampleInWords(suggestion, language), language) }));
  }
  lines.push(t(language, 'verb.help_hint'));
  return { visibility: 'private', error: { code: 'verb.unknown' }, blocks: [{ type: 'text', text: lines.join('\n') }] };
}

export function permissionReply(verb: string, allowed: readonly Role[], language: Language): Reply {
  const roles = allowed.map((role) => t(language, `role.${role}`)).join(', ');
  return { visibility: 'private', error: { code: 'permission.denied' }, blocks: [{ type: 'text', text: t(language, 'permission.denied', { verb, roles }) }] };
}

export function notConnectedReply(language: Language): Reply {
  return { visibility: 'private', error: { code: 'workspace.not_connected' }, blocks: [{ type: 'text', text: t(language, 'workspace.not_connected') }] };
}

/** A `decision:`/`action:`/`note:` line sent on its own: in the console each line is a message unless the
 *  previous one ends in `\`, and in chat a line break may have been lost. */
export function isStrayLine(parsed: ParsedMessage): boolean {
  const first = parsed.tokens[0];
  if (first?.type === 'option') return /^(decision|action|note|beslut|åtgärd|atgard|anteckning)$/.test(first.key);
  return first?.type === 'word' && /^(decision|action|note|beslut|åtgärd|atgard|anteckning):/i.test(first.value);
}

export function strayLineReply(language: Language): Reply {
  return { visibility: 'private', error: { code: 'verb.stray_line' }, blocks: [{ type: 'text', text: t(language, 'verb.stray_line') }] };
}

import type { MessageKey } from '../i18n/index.js';
import type { ShortIdKind } from './command.js';
import { LoketError } from './errors.js';
import { parseShortId } from './parse.js';

const what: Partial<Record<ShortIdKind, MessageKey>> = { M: 'id.meeting_what', A: 'id.action_what', N: 'id.note_what' };

export function shortId(kind: ShortIdKind, number: number): string {
  return `${kind}${number}`;
}

/** The number in a typed short id of the expected kind (`m12` and `M12` both work). Another kind's id, or
 *  no id at all, is refused with an example. */
export function requireShortId(word: string | undefined, kind: ShortIdKind, example: string): number {
  if (!word) throw new LoketError('args.missing', { what: what[kind] ?? 'id.meeting_what' }, example);
  const parsed = parseShortId(word);
  if (!parsed || parsed.kind !== kind) throw new LoketError('id.invalid', { id: word, expected: `${kind}12` }, example);
  return parsed.number;
}

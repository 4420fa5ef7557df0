// Reading the figures of a reply as numbers, for the totals tests: the field is found by its catalog label,
// so a changed wording or layout of the value does not break the comparison of numbers.
import type { Outcome } from '../../../handlers/core/incoming.js';
import type { ReplyField } from '../../../handlers/core/reply.js';
import { t, type MessageKey } from '../../../handlers/i18n/index.js';

/** The numbers in a reply's field, in order («2 öppna, 1 försenade» → [2, 1]). */
export function figuresOf(outcome: Outcome, label: MessageKey): number[] {
  if (outcome.kind !== 'reply') throw new Error('no reply');
  const fields: ReplyField[] = outcome.reply.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : []));
  // Read in the reply's own language: a reader of either language sees the same figures.
  const field = fields.find((f) => f.label === t(outcome.language, label));
  if (!field) throw new Error(`no field ${label} in ${JSON.stringify(outcome.reply.blocks)}`);
  return (field.value.match(/\d+/g) ?? []).map(Number);
}

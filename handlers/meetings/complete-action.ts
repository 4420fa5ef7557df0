import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { shorten, textAfterWords } from '../core/free-text.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { parseShortId } from '../core/parse.js';
import type { Token } from '../core/command.js';
import { id } from '../core/arg-types.js';
import type { ArgType } from '../core/spec.js';
import { t } from '../i18n/index.js';

const examples = { sv: 'done A34 Lokalen är bokad', en: 'done A34 The room is booked' } as const;

type ActionIds = { number: number; text: string; more: number[] };

/** `done`'s first value: an action id, or several joined by commas (`A3,A6`, `A3,` before ` A6`). */
export function actionIds(): ArgType<ActionIds> {
  const one = id('A');
  return {
    name: one.name,
    placeholder: one.placeholder,
    parse: (value, quoted) => {
      const parts = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
      const read = (parts.length ? parts : [value]).map((part) => one.parse(part, quoted));
      const ids: { number: number; text: string }[] = [];
      for (const parsed of read) {
        if (!parsed.ok) return parsed;
        ids.push(parsed.value);
      }
      return { ok: true, value: { number: ids[0]!.number, text: ids[0]!.text, more: ids.slice(1).map((i) => i.number) } };
    },
  };
}

/** `done <action id> [more ids] [note]`: closes open action items; the note is kept with each and searchable.
 *  Several ids (`klar A3 A6`) close together or not at all: an id that does not exist or that the person may
 *  not close refuses them all, saying none was closed; one already closed is named and does not stop the rest. */
export async function completeAction(ctx: HandlerContext<{ id: ActionIds; comment: string | undefined }>): Promise<Reply> {
  const { args, command, actor, repos, clock, settings } = ctx;
  const more = moreIds(command.args.slice(1));
  if (more.words > 0 || args.id.more.length > 0) return completeSeveral(ctx, [...new Set([args.id.number, ...args.id.more, ...more.numbers])], textAfterWords(command.raw, 2 + more.words) || null);
  const { number } = args.id;
  const id = shortId('A', number);
  const { action } = await repos.actionItems.findByNumber(actor.programmeId, number);
  if (!action) throw new LoketError('action.not_found', { id }, actor.language === 'sv' ? 'åtgärder alla' : 'actions all');
  if (!(await mayClose(ctx, action))) throw new LoketError('action.not_allowed', { id }, examples[actor.language]);
  if (action.doneAt) return textReply(t(actor.language, 'action.already_done', { id, date: dayIn(settings.timezone, action.doneAt) }));
  // The comment as typed, line breaks included (the binder's value joins words with spaces).
  const note = args.comment ? textAfterWords(command.raw, 2) || args.comment : null;
  const { action: closed } = await repos.actionItems.complete({ programmeId: actor.programmeId, id: action.id, by: actor.personId, note, at: clock.now() });
  if (!closed) return textReply(t(actor.language, 'action.already_done', { id, date: dayIn(settings.timezone, clock.now()) }));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'action.done', subjectType: 'action_item', subjectId: action.id, detail: { ref: id }, at: clock.now() });
  return textReply(t(actor.language, 'action.done_ok', { id, text: shorten(action.text) }));
}

/** The action ids typed after the first (`A6`, `A7,` or `och A8`), and how many words they took. */
function moreIds(tokens: readonly Token[]): { numbers: number[]; words: number } {
  const numbers: number[] = [];
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'word') break;
    const joiner = /^(och|and|&)$/i.test(token.value) && i + 1 < tokens.length ? 1 : 0;
    const next = tokens[i + joiner]!;
    if (next.type !== 'word') break;
    const ids = next.value.split(',').filter((part) => part !== '').map((part) => parseShortId(part));
    if (ids.length === 0 || ids.some((parsed) => parsed?.kind !== 'A')) break;
    numbers.push(...ids.map((parsed) => parsed!.number));
    i += joiner;
    words = i + 1;
  }
  return { numbers, words };
}

/** Closes every listed item in the command's one transaction, or refuses them all. */
async function completeSeveral(ctx: HandlerContext, numbers: number[], note: string | null): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const language = actor.language;
  const items = [];
  for (const number of numbers) {
    const id = shortId('A', number);
    const { action } = await repos.actionItems.findByNumber(actor.programmeId, number);
    if (!action) throw new LoketError('action.not_found', { id }, language === 'sv' ? 'åtgärder alla' : 'actions all').withHint('action.none_closed', {});
    if (!(await mayClose(ctx, action))) throw new LoketError('action.not_allowed', { id }, examples[language]).withHint('action.none_closed', {});
    items.push({ id, action });
  }
  const closedLines: string[] = [];
  const earlierLines: string[] = [];
  for (const { id, action } of items) {
    const { action: closed } = action.doneAt ? { action: undefined } : await repos.actionItems.complete({ programmeId: actor.programmeId, id: action.id, by: actor.personId, note, at: clock.now() });
    if (!closed) {
      earlierLines.push(t(language, 'action.already_done_item', { id, date: dayIn(settings.timezone, action.doneAt ?? clock.now()) }));
      continue;
    }
    await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'action.done', subjectType: 'action_item', subjectId: action.id, detail: { ref: id }, at: clock.now() });
    closedLines.push(t(language, 'action.done_many_item', { id, text: shorten(action.text) }));
  }
  const blocks: Reply['blocks'] = [];
  if (closedLines.length) blocks.push({ type: 'text', text: t(language, 'action.done_many', { count: closedLines.length }) }, { type: 'list', items: closedLines });
  blocks.push({ type: 'text', text: [...earlierLines, ...(closedLines.length ? [] : [t(language, 'action.nothing_changed')])].join('\n') });
  return { visibility: 'private', blocks: blocks.filter((b) => b.type !== 'text' || b.text !== '') };
}

/** The owner, the meeting's author, a leader or deputy of one of the meeting's clusters, or a manager:
 *  the people who would know that the item is done. */
async function mayClose(ctx: HandlerContext, action: { ownerId: string; meetingAuthorId: string; meetingId: string }): Promise<boolean> {
  const { actor } = ctx;
  if (action.ownerId === actor.personId || action.meetingAuthorId === actor.personId) return true;
  if (actor.programmeRoles.includes('manager')) return true;
  const { clusters } = await ctx.repos.meetings.clustersOf(actor.programmeId, action.meetingId);
  return actor.clusterRoles.some((m) => (m.role === 'leader' || m.role === 'deputy') && clusters.some((c) => c.id === m.clusterId));
}

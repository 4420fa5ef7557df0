import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { shorten, textAfterWords } from '../core/free-text.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';

const example = 'done A34 Lokalen är bokad';

/** `done <action id> [note]`: closes an open action item; the note is kept with it and searchable. */
export async function completeAction(ctx: HandlerContext<{ id: { number: number; text: string }; comment: string | undefined }>): Promise<Reply> {
  const { args, command, actor, repos, clock, settings } = ctx;
  const { number } = args.id;
  const id = shortId('A', number);
  const { action } = await repos.actionItems.findByNumber(actor.programmeId, number);
  if (!action) throw new LoketError('action.not_found', { id }, actor.language === 'sv' ? 'åtgärder alla' : 'actions all');
  if (!(await mayClose(ctx, action))) throw new LoketError('action.not_allowed', { id }, example);
  if (action.doneAt) return textReply(t(actor.language, 'action.already_done', { id, date: dayIn(settings.timezone, action.doneAt) }));
  // The comment as typed, line breaks included (the binder's value joins words with spaces).
  const note = args.comment ? textAfterWords(command.raw, 2) || args.comment : null;
  const { action: closed } = await repos.actionItems.complete({ programmeId: actor.programmeId, id: action.id, by: actor.personId, note, at: clock.now() });
  if (!closed) return textReply(t(actor.language, 'action.already_done', { id, date: dayIn(settings.timezone, clock.now()) }));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'action.done', subjectType: 'action_item', subjectId: action.id, detail: { ref: id }, at: clock.now() });
  return textReply(t(actor.language, 'action.done_ok', { id, text: shorten(action.text) }));
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

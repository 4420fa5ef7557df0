import type { HandlerContext } from '../core/context.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { requireAuthorOrManager, requireMeeting } from './meeting-lookup.js';
import { t } from '../i18n/index.js';

const example = 'meeting delete M12';

/**
 * `meeting delete <id>`, by the author or a project manager. A soft delete: public-sector records must not
 * vanish silently, so the rows stay and the audit log says who deleted what and when; lists, search and
 * action items no longer show it.
 */
export async function deleteMeeting(ctx: HandlerContext<{ id: { number: number; text: string } }>): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const meeting = await requireMeeting(ctx, ctx.args.id.text, example);
  requireAuthorOrManager(actor, meeting, example);
  const now = clock.now();
  await repos.meetings.softDelete(actor.programmeId, meeting.id, actor.personId, now);
  await repos.audit.record({
    programmeId: actor.programmeId,
    actorId: actor.personId,
    action: 'meeting.delete',
    subjectType: 'meeting',
    subjectId: meeting.id,
    detail: { number: meeting.number, title: meeting.title, heldOn: meeting.heldOn, authorId: meeting.authorId },
    at: now,
  });
  return textReply(t(actor.language, 'meeting.deleted', { id: shortId('M', meeting.number), title: meeting.title }));
}

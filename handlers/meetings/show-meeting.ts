import { evaluationBlocks } from '../assessment/evaluation-views.js';
import type { HandlerContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { requireMeeting } from './meeting-lookup.js';
import { meetingBlocks, shareButtons } from './meeting-views.js';

const example = 'meeting show M12';
/** Items per list (decisions, action items, notes) before a large meeting is shortened: with the header,
 *  participants and evaluation a reply stays within about 25 lines. */
const SHOWN_PER_LIST = 4;

/** `meeting show <id> [all]`: everything logged at a meeting, texts in full (the adapters split long replies).
 *  A large meeting fits a phone's screen: each list shows its first items and «… och N till» with
 *  `meeting show <id> all`, which shows every one. */
export async function showMeeting(ctx: HandlerContext<{ id: { number: number; text: string }; all: 'all' | undefined }>): Promise<Reply> {
  const { actor, repos } = ctx;
  const meeting = await requireMeeting(ctx, ctx.args.id.text, example);
  const details = await repos.meetings.details(actor.programmeId, meeting.id);
  const { person: author } = await repos.people.findById(actor.programmeId, meeting.authorId);
  return {
    visibility: 'private',
    title: meeting.title,
    // Participants' evaluation (issue 23): count, average and comments, without names.
    blocks: [...meetingBlocks(ctx, meeting, details, { full: true, authorName: author?.displayName, ...(ctx.args.all ? {} : { shortened: SHOWN_PER_LIST }) }), ...(await evaluationBlocks(ctx, meeting.id))],
    buttons: shareButtons(actor.language, meeting),
  };
}

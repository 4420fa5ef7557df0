import type { HandlerContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { requireMeeting } from './meeting-lookup.js';
import { meetingBlocks } from './meeting-views.js';

const example = 'meeting share M12';

/** `meeting share <id>` (the button under a logged meeting): its decisions and action items, posted in the
 *  channel for everyone who was not there. Participants and notes stay out of the channel. */
export async function shareMeeting(ctx: HandlerContext<{ id: { number: number; text: string } }>): Promise<Reply> {
  const { actor, repos } = ctx;
  const meeting = await requireMeeting(ctx, ctx.args.id.text, example);
  const details = await repos.meetings.details(actor.programmeId, meeting.id);
  return { visibility: 'channel', title: meeting.title, blocks: meetingBlocks(ctx, meeting, details, { full: false }) };
}

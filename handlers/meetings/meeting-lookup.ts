import type { Meeting } from '../../db/meetings.repository.js';
import type { Actor } from '../core/actor.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireShortId, shortId } from '../core/short-ids.js';

/** A live meeting of the asker's programme by its short id; deleted meetings and other programmes' ids
 *  are "not found" alike, so an id never reveals what another programme holds. */
export async function requireMeeting(ctx: HandlerContext, word: string | undefined, example: string): Promise<Meeting> {
  const number = requireShortId(word, 'M', example);
  const { meeting } = await ctx.repos.meetings.findByNumber(ctx.actor.programmeId, number);
  if (!meeting) {
    // A planned meeting has its id before it is held (issue 22): say so, rather than that it does not exist.
    const { planned } = await ctx.repos.plannedMeetings.findByNumber(ctx.actor.programmeId, number);
    const id = shortId('M', number);
    if (planned?.status === 'planned') throw new LoketError('meeting.is_planned', { id }, `agenda ${id}`);
    if (planned?.status === 'cancelled') throw new LoketError('plan.cancelled', { id, title: planned.title }, 'meetings upcoming');
    throw new LoketError('meeting.not_found', { id }, ctx.actor.language === 'sv' ? 'möten' : 'meetings');
  }
  return meeting;
}

/** Editing and deleting a meeting is for its author and the project managers (docs/architecture.md "Commands"). */
export function requireAuthorOrManager(actor: Actor, meeting: Meeting, example: string): void {
  if (meeting.authorId === actor.personId || actor.programmeRoles.includes('manager')) return;
  throw new LoketError('meeting.not_author', { id: shortId('M', meeting.number) }, example);
}

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
  if (!meeting) throw new LoketError('meeting.not_found', { id: shortId('M', number) }, 'meetings');
  return meeting;
}

/** Editing and deleting a meeting is for its author and the project managers (docs/architecture.md "Commands"). */
export function requireAuthorOrManager(actor: Actor, meeting: Meeting, example: string): void {
  if (meeting.authorId === actor.personId || actor.programmeRoles.includes('manager')) return;
  throw new LoketError('meeting.not_author', { id: shortId('M', meeting.number) }, example);
}

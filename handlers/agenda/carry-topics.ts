// Topics carried forward ("bordlagda") move to the next planned meeting of the same clusters and kind:
// at once when that meeting is already planned, or when it is planned later. Each topic is carried once.
import type { MeetingKind } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';

type Ctx = Pick<HandlerContext, 'actor' | 'repos' | 'clock'>;

/** The series a meeting belongs to: its clusters (sorted, as the repository compares them) and its kind. */
export const clusterKey = (clusterIds: readonly string[]): string => [...clusterIds].sort().join(',');

/** Copies the series' waiting carried topics onto a newly planned meeting; returns how many. */
export async function carryWaitingTopics(ctx: Ctx, input: { plannedMeetingId: string; kind: MeetingKind; clusterIds: string[] }): Promise<number> {
  const { actor, repos, clock } = ctx;
  const { topics } = await repos.agenda.waitingToCarry({ programmeId: actor.programmeId, kind: input.kind, clusterKey: clusterKey(input.clusterIds) });
  for (const topic of topics) {
    await repos.agenda.add({ programmeId: actor.programmeId, plannedMeetingId: input.plannedMeetingId, text: topic.text, addedBy: topic.addedBy, at: clock.now(), carriedFromId: topic.id });
  }
  return topics.length;
}

/** After a meeting is logged: its carried topics go onto the next planned meeting of the series, if there
 *  is one; otherwise they wait. Returns that meeting's number, or undefined when they wait. */
export async function carryToNext(ctx: Ctx, input: { fromId: string; kind: MeetingKind; clusterIds: string[]; after: Date; topicIds: string[] }): Promise<number | undefined> {
  const { actor, repos, clock } = ctx;
  if (input.topicIds.length === 0) return undefined;
  const { plannedMeetingId } = await repos.plannedMeetings.nextOfSameSeries({ programmeId: actor.programmeId, kind: input.kind, clusterIds: input.clusterIds, after: input.after, excludeId: input.fromId });
  if (!plannedMeetingId) return undefined;
  await carryWaitingTopics(ctx, { plannedMeetingId, kind: input.kind, clusterIds: input.clusterIds });
  const { planned } = await repos.plannedMeetings.findById(actor.programmeId, plannedMeetingId);
  return planned?.number;
}

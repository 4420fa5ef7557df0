// Finding a planned meeting by its short id and deciding who may change it.
import type { PlannedMeeting } from '../../db/planned-meetings.repository.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { shortId } from '../core/short-ids.js';

export type Planned = PlannedMeeting & { ref: string; clusters: { id: string; name: string }[] };

/** A planned meeting that is still ahead (not cancelled, not logged); anything else is refused by name. */
export async function requirePlanned(ctx: Pick<HandlerContext, 'actor' | 'repos'>, number: number, example: string): Promise<Planned> {
  const planned = await findPlanned(ctx, number, example);
  if (planned.status === 'cancelled') throw new LoketError('plan.cancelled', { id: planned.ref, title: planned.title }, ctx.actor.language === 'sv' ? 'möten kommande' : 'meetings upcoming');
  if (planned.status === 'held') throw new LoketError('plan.already_logged', { id: planned.ref, title: planned.title }, `${ctx.actor.language === 'sv' ? 'möte visa' : 'meeting show'} ${planned.ref}`);
  return planned;
}

export async function findPlanned(ctx: Pick<HandlerContext, 'actor' | 'repos'>, number: number, example: string): Promise<Planned> {
  const { actor, repos } = ctx;
  const { planned } = await repos.plannedMeetings.findByNumber(actor.programmeId, number);
  if (!planned) throw new LoketError('plan.not_found', { id: shortId('M', number) }, example);
  const { clusters } = await repos.plannedMeetings.clustersOf(actor.programmeId, planned.id);
  return { ...planned, ref: shortId('M', planned.number), clusters };
}

/** Whoever planned it, a project manager, or a leader or deputy of one of its clusters (as for logging). */
export function mayManage(actor: HandlerContext['actor'], planned: Planned): boolean {
  if (actor.programmeRoles.includes('manager') || planned.authorId === actor.personId) return true;
  return actor.clusterRoles.some((r) => (r.role === 'leader' || r.role === 'deputy') && planned.clusters.some((c) => c.id === r.clusterId));
}

export function requireManage(actor: HandlerContext['actor'], planned: Planned, example: string): void {
  if (!mayManage(actor, planned)) throw new LoketError('plan.not_yours', { id: planned.ref }, example);
}

/** Agenda topics: any member of one of its clusters and the project manager; a programme-wide meeting
 *  (no cluster) takes topics from anyone with a role in the programme or one of its clusters. */
export function mayAddTopic(actor: HandlerContext['actor'], planned: Planned): boolean {
  if (actor.programmeRoles.includes('manager') || planned.authorId === actor.personId) return true;
  if (planned.clusters.length === 0) return actor.clusterRoles.length > 0 || actor.programmeRoles.length > 0;
  return actor.clusterRoles.some((r) => planned.clusters.some((c) => c.id === r.clusterId));
}

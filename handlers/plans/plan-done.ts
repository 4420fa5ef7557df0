import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { mayEditPlan } from '../core/plan-access.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';

const example = 'plan done P9';

/** `plan done <action id>`: the owner, or whoever may edit the cluster's plan, closes a plan action. */
export async function planDone(ctx: HandlerContext<{ action: { number: number } }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const { number } = args.action;
  const id = shortId('P', number);
  const { action } = await repos.plans.findAction(actor.programmeId, number);
  if (!action) throw new LoketError('plan.action_not_found', { id }, example);
  if (action.ownerId !== actor.personId && !mayEditPlan(actor, action.clusterId)) throw new LoketError('plan.not_allowed', { cluster: id }, example);
  if (action.doneAt) return textReply(t(actor.language, 'plan.already_done', { id, date: dayIn(settings.timezone, action.doneAt) }));
  const now = clock.now();
  const { action: closed } = await repos.plans.completeAction({ programmeId: actor.programmeId, id: action.id, by: actor.personId, at: now });
  if (!closed) return textReply(t(actor.language, 'plan.already_done', { id, date: dayIn(settings.timezone, now) }));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'plan.done', subjectType: 'plan_action', subjectId: action.id, detail: { ref: id, clusterId: action.clusterId }, at: now });
  return textReply(t(actor.language, 'plan.done_ok', { id }));
}

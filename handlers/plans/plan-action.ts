import type { Person } from '../../db/people.repository.js';
import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { addDays, dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { resolvePerson } from '../core/lookups.js';
import { mayEditPlan } from '../core/plan-access.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';

const planActionExamples = { sv: 'plan action G3 Ansök om Vinnova-medel owner:@anna due:2026-06-30', en: 'plan action G3 Apply for Vinnova funding owner:@anna due:2026-06-30' } as const;

type PlanActionArgs = { gap: { number: number }; text: string; owner?: PersonRef; due: string; people: PersonRef[] };

/** `plan action <gap id> <text> owner:@x due:YYYY-MM-DD`: an action that closes a gap. */
export async function planAction(ctx: HandlerContext<PlanActionArgs>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const { number } = args.gap;
  const now = clock.now();
  const today = dayIn(settings.timezone, now);
  // The example names the gap typed and a due date ahead, so it can be typed as it stands; a gap that does
  // not exist points to the plan, which lists the gaps there are.
  const example = planActionExamples[actor.language].replace('G3', shortId('G', number)).replace('2026-06-30', addDays(today, 30));
  const { gap } = await repos.plans.findGap(actor.programmeId, number);
  if (!gap) throw new LoketError('plan.gap_not_found', { id: shortId('G', number) }, 'plan');
  if (!mayEditPlan(actor, gap.clusterId)) throw new LoketError('plan.not_allowed', { cluster: shortId('G', number) }, example);
  const { text, due: dueOn } = args;
  const owner = await readOwner(ctx, example);
  if (dueOn < today) throw new LoketError('plan.due_past', { due: dueOn, today }, example);
  const { action } = await repos.plans.addAction({ programmeId: actor.programmeId, gap, ownerId: owner.id, text, dueOn, at: now });
  const id = shortId('P', action.number);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'plan.action', subjectType: 'plan_action', subjectId: action.id, detail: { ref: id, gap: shortId('G', gap.number), clusterId: gap.clusterId }, at: now });
  return textReply(t(actor.language, 'plan.action_added', { id, gap: shortId('G', gap.number), owner: owner.displayName, due: dueOn }));
}

/** `owner:@anna`, `owner:<@U123>`, or a mention anywhere in the message. A plain word is not a person
 *  (the binder refuses `owner:anna`). */
function readOwner(ctx: HandlerContext<PlanActionArgs>, example: string): Promise<Person> {
  return resolvePerson(ctx, ctx.args.owner ?? ctx.args.people[0], example);
}

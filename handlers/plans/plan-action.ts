import type { Person } from '../../db/people.repository.js';
import { option, people as mentioned, positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { resolvePerson } from '../core/lookups.js';
import { mayEditPlan } from '../core/plan-access.js';
import { textReply, type Reply } from '../core/reply.js';
import { requireShortId, shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { readDay } from '../meetings/meeting-input.js';
import { parseWithPart } from '../meetings/meeting-participants.js';

export const planActionExample = 'plan action G3 Ansök om Vinnova-medel owner:@anna due:2026-06-30';

/** `plan action <gap id> <text> owner:@x due:YYYY-MM-DD`: an action that closes a gap. */
export async function planAction(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock, settings } = ctx;
  const [gapWord, ...words] = positional(command);
  const number = requireShortId(gapWord, 'G', planActionExample);
  const { gap } = await repos.plans.findGap(actor.programmeId, number);
  if (!gap) throw new LoketError('plan.gap_not_found', { id: shortId('G', number) }, planActionExample);
  if (!mayEditPlan(actor, gap.clusterId)) throw new LoketError('plan.not_allowed', { cluster: shortId('G', number) }, planActionExample);
  const text = words.join(' ').trim();
  if (!text) throw new LoketError('args.missing', { what: 'plan.action_text_what' }, planActionExample);
  const owner = await readOwner(ctx);
  const dueOn = readDay(option(command, 'due'), 'due', planActionExample);
  if (!dueOn) throw new LoketError('args.missing', { what: 'plan.due_what' }, planActionExample);
  const now = clock.now();
  const today = dayIn(settings.timezone, now);
  if (dueOn < today) throw new LoketError('plan.due_past', { due: dueOn, today }, planActionExample);
  const { action } = await repos.plans.addAction({ programmeId: actor.programmeId, gap, ownerId: owner.id, text, dueOn, at: now });
  const id = shortId('P', action.number);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'plan.action', subjectType: 'plan_action', subjectId: action.id, detail: { gap: shortId('G', gap.number) }, at: now });
  return textReply(t(actor.language, 'plan.action_added', { id, gap: shortId('G', gap.number), owner: owner.displayName, due: dueOn }));
}

/** `owner:@anna`, `owner:<@U123>`, or a mention anywhere in the message. A plain word is not a person. */
async function readOwner(ctx: HandlerContext): Promise<Person> {
  const typed = option(ctx.command, 'owner');
  if (typed === undefined) return resolvePerson(ctx, mentioned(ctx.command)[0], planActionExample);
  const part = parseWithPart(typed);
  if (part?.type !== 'people') throw new LoketError('plan.owner_invalid', { owner: typed }, planActionExample);
  return resolvePerson(ctx, part.refs[0], planActionExample);
}

import type { IndicatorName } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

/** `target <indicator> <value>`: the programme's target for one indicator; `status` shows figures against it. */
export async function target(ctx: HandlerContext<{ indicator: IndicatorName; value: number }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const { indicator, value } = args;
  const now = clock.now();
  await repos.targets.set({ programmeId: actor.programmeId, indicator, value, setBy: actor.personId, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'target.set', subjectType: 'programme', subjectId: actor.programmeId, detail: { indicator, value }, at: now });
  return textReply(t(actor.language, 'target.set', { indicator: t(actor.language, `indicator.${indicator}`), value }));
}

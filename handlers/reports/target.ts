import { indicatorNames, type IndicatorName } from '../../db/schema/index.js';
import { positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'target companies 40';

/** `target <indicator> <value>`: the programme's target for one indicator; `status` shows figures against it. */
export async function target(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  const [typed, rawValue] = positional(command);
  const indicator = typed?.toLowerCase() as IndicatorName | undefined;
  if (!indicator || !indicatorNames.includes(indicator)) throw new LoketError('target.indicator_invalid', { indicator: typed ?? '', indicators: indicatorNames.join(', ') }, example);
  const value = Number(rawValue);
  if (!rawValue || !Number.isInteger(value) || value < 0 || value > 1_000_000) throw new LoketError('target.value_invalid', { value: rawValue ?? '' }, example);
  const now = clock.now();
  await repos.targets.set({ programmeId: actor.programmeId, indicator, value, setBy: actor.personId, at: now });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'target.set', subjectType: 'programme', subjectId: actor.programmeId, detail: { indicator, value }, at: now });
  return textReply(t(actor.language, 'target.set', { indicator: t(actor.language, `indicator.${indicator}`), value }));
}

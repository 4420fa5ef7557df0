import { addWeeks } from 'date-fns';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

/** `exchange pause <weeks>`: not proposed to anyone for that long (1–52 weeks). */
export async function exchangePause(ctx: HandlerContext<{ weeks: number }>): Promise<Reply> {
  const { weeks } = ctx.args;
  const until = addWeeks(ctx.clock.now(), weeks);
  await ctx.repos.exchanges.pause(ctx.actor.programmeId, ctx.actor.personId, until);
  return textReply(t(ctx.actor.language, 'exchange.paused', { until: dayIn(ctx.settings.timezone, until) }));
}

/** `exchange resume`: proposed again from now on. */
export async function exchangeResume(ctx: HandlerContext): Promise<Reply> {
  const { wasPaused } = await ctx.repos.exchanges.resume(ctx.actor.programmeId, ctx.actor.personId);
  return textReply(t(ctx.actor.language, wasPaused ? 'exchange.resumed' : 'exchange.not_paused'));
}

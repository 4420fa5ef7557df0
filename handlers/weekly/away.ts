import type { HandlerContext } from '../core/context.js';
import { dayIn, daysBetween } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'away 2026-07-06 2026-08-07';
// A longer absence is more likely a typo (2027 for 2026) than a plan; leave and handover cover the rest.
const MAX_DAYS = 366;

/** `away <from> <to>`: no reminders on those days, and the weeks do not count as silent. */
export async function away(ctx: HandlerContext<{ from: string; to?: string }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const { from } = args;
  const to = args.to ?? from;
  if (daysBetween(from, to) < 0) throw new LoketError('away.order', { from, to }, example);
  if (daysBetween(from, to) > MAX_DAYS) throw new LoketError('away.too_long', { days: MAX_DAYS }, example);
  if (daysBetween(dayIn(settings.timezone, clock.now()), to) < 0) throw new LoketError('away.past', { to }, example);
  await repos.progress.addAbsence({ programmeId: actor.programmeId, personId: actor.personId, fromDate: from, toDate: to, at: clock.now() });
  // One day reads as that day, not as a range from the day to itself.
  return textReply(from === to ? t(actor.language, 'away.saved_day', { day: from }) : t(actor.language, 'away.saved', { from, to }));
}

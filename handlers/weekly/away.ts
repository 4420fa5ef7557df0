import { positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn, daysBetween, parseDay } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'away 2026-07-06 2026-08-07';
// A longer absence is more likely a typo (2027 for 2026) than a plan; leave and handover cover the rest.
const MAX_DAYS = 366;

/** `away <from> <to>`: no reminders on those days, and the weeks do not count as silent. */
export async function away(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock, settings } = ctx;
  const [fromText, toText] = positional(command);
  const from = parseDay(fromText);
  const to = parseDay(toText ?? fromText);
  if (!fromText) throw new LoketError('args.missing', { what: 'away.dates_what' }, example);
  if (!from || !to) throw new LoketError('away.date_invalid', { date: (!from ? fromText : toText) ?? '' }, example);
  if (daysBetween(from, to) < 0) throw new LoketError('away.order', { from, to }, example);
  if (daysBetween(from, to) > MAX_DAYS) throw new LoketError('away.too_long', { days: MAX_DAYS }, example);
  if (daysBetween(dayIn(settings.timezone, clock.now()), to) < 0) throw new LoketError('away.past', { to }, example);
  await repos.progress.addAbsence({ programmeId: actor.programmeId, personId: actor.personId, fromDate: from, toDate: to, at: clock.now() });
  return textReply(t(actor.language, 'away.saved', { from, to }));
}

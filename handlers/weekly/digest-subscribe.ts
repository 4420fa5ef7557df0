import { option } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { toLanguage } from '../i18n/index.js';
import { textReply, type Reply } from '../core/reply.js';
import { parseTime, parseWeekday, WEEKDAYS } from '../core/weeks.js';
import { buildDigest } from './digest-content.js';
import { t } from '../i18n/index.js';

export const digestExample = 'digest here day:fri time:14:00 lang:sv';
export const DIGEST_DEFAULT = { weekday: 5, time: '14:00' };

/** Subscribes the conversation the command was typed in: being able to type there is the proof of membership. */
export async function digestHere(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock, message, settings } = ctx;
  const channelId = message.channelId;
  if (!channelId || message.platform === 'console') throw new LoketError('digest.no_channel', {}, digestExample);
  if (message.conversation?.type === 'personal') throw new LoketError('digest.personal', {}, digestExample);
  const reachable = (await settings.channels?.botIsMember({ platform: message.platform, workspaceId: message.workspaceId, channelId })) ?? true;
  if (!reachable) throw new LoketError('digest.bot_not_member', {}, '/invite @LOKET');
  const dayText = option(command, 'day');
  const weekday = dayText === undefined ? DIGEST_DEFAULT.weekday : parseWeekday(dayText);
  if (!weekday) throw new LoketError('digest.day_invalid', { day: dayText ?? '', days: WEEKDAYS.join(', ') }, digestExample);
  const timeText = option(command, 'time');
  const time = timeText === undefined ? DIGEST_DEFAULT.time : parseTime(timeText);
  if (!time) throw new LoketError('digest.time_invalid', { time: timeText ?? '' }, digestExample);
  const langText = option(command, 'lang');
  const language = langText === undefined ? actor.language : toLanguage(langText);
  if (!language) throw new LoketError('digest.lang_invalid', { lang: langText ?? '' }, digestExample);
  await repos.digests.subscribe({
    programmeId: actor.programmeId, platform: message.platform, workspaceExternalId: message.workspaceId, channelId, weekday, time, language, createdBy: actor.personId, at: clock.now(),
  });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'digest.subscribe', subjectType: 'channel', subjectId: channelId, detail: { platform: message.platform, weekday, time }, at: clock.now() });
  return textReply(t(actor.language, 'digest.subscribed', { day: t(actor.language, `digest.day_${WEEKDAYS[weekday - 1]!}`), time }));
}

export async function digestOff(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock, message } = ctx;
  const { subscription } = message.channelId && message.platform !== 'console' ? await repos.digests.find(actor.programmeId, message.platform, message.channelId) : { subscription: undefined };
  if (!subscription?.active) return textReply(t(actor.language, 'digest.not_subscribed'));
  await repos.digests.deactivate(actor.programmeId, subscription.id, 'off', clock.now());
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'digest.off', subjectType: 'channel', subjectId: subscription.channelId, at: clock.now() });
  return textReply(t(actor.language, 'digest.unsubscribed'));
}

/** What would be posted now, shown only to the asker. */
export async function digestPreview(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const reply = await buildDigest({ repos, programmeId: actor.programmeId, now: clock.now(), timezone: settings.timezone, language: actor.language });
  return { ...reply, visibility: 'private' };
}

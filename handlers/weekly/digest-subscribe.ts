import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { renderPlainText, textReply, type Reply } from '../core/reply.js';
import { WEEKDAYS } from '../core/weeks.js';
import type { Language } from '../core/incoming.js';
import { buildDigest, buildDigestSummary } from './digest-content.js';
import { t } from '../i18n/index.js';

export const digestExample = 'digest here day:fri time:14:00 lang:sv';
export const DIGEST_DEFAULT = { weekday: 5, time: '14:00' };

/** Subscribes the conversation the command was typed in: being able to type there is the proof of membership. */
export async function digestHere(ctx: HandlerContext<{ day?: (typeof WEEKDAYS)[number]; time?: string; lang?: Language }>): Promise<Reply> {
  const { args, actor, repos, clock, message, settings } = ctx;
  const channelId = message.channelId;
  if (!channelId || message.platform === 'console') throw new LoketError('digest.no_channel', {}, digestExample);
  if (message.conversation?.type === 'personal') throw new LoketError('digest.personal', {}, digestExample);
  const reachable = (await settings.channels?.botIsMember({ platform: message.platform, workspaceId: message.workspaceId, channelId })) ?? true;
  if (!reachable) throw new LoketError('digest.bot_not_member', {}, '/invite @LOKET');
  const weekday = args.day === undefined ? DIGEST_DEFAULT.weekday : WEEKDAYS.indexOf(args.day) + 1;
  const time = args.time ?? DIGEST_DEFAULT.time;
  const language = args.lang ?? actor.language;
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

/** A preview longer than this shows the digest's summary instead, with the whole digest one click away. */
const PREVIEW_LINES = 25;
const FULL_PREVIEW = { sv: 'sammanfattning visa alla', en: 'digest preview all' } as const;

/** What would be posted now, shown only to the asker: the whole digest when it fits a phone screen (or the
 *  asker typed `all`), otherwise its figures and one line per cluster with a button for the whole digest. */
export async function digestPreview(ctx: HandlerContext<{ all?: 'all' }>): Promise<Reply> {
  const { actor, repos, clock, settings, args } = ctx;
  const input = { repos, programmeId: actor.programmeId, now: clock.now(), timezone: settings.timezone, language: actor.language };
  const reply = { ...(await buildDigest(input)), visibility: 'private' as const };
  if (args.all || renderPlainText(reply).split('\n').length <= PREVIEW_LINES) return reply;
  return buildDigestSummary(input, FULL_PREVIEW[actor.language]);
}

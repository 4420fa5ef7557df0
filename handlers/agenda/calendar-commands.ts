// `meeting invite <id>`: the planned meeting as an iCalendar file – a signed link on a server, a file on
// disk in the console. `calendar` / `calendar revoke`: a person's private, revocable feed URL.
import { randomBytes } from 'node:crypto';
import type { HandlerContext } from '../core/context.js';
import { publishFiles } from '../core/publish-files.js';
import type { Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { renderCalendar } from './calendar-ics.js';
import { hashFeedToken, meetingEntry } from './calendar-serve.js';
import { requirePlanned } from './planned-lookup.js';
import { endOf } from './planned-time.js';

// An invitation link lives until a month after the meeting: long enough to be opened late, never forever.
const INVITATION_GRACE_MS = 30 * 86_400_000;

export async function inviteMeeting(ctx: HandlerContext<{ id: { number: number; text: string } }>): Promise<Reply> {
  const { args, actor, repos, settings } = ctx;
  const lang = actor.language;
  const planned = await requirePlanned(ctx, args.id.number, `${lang === 'sv' ? 'möte inbjudan' : 'meeting invite'} ${args.id.text.toUpperCase()}`);
  const title = t(lang, 'invite.title', { id: planned.ref });
  if (settings.calendar) {
    const expiresAt = new Date(endOf(planned.startsAt, planned.durationMinutes).getTime() + INVITATION_GRACE_MS);
    const url = settings.calendar.invitationUrl({ programmeId: actor.programmeId, plannedMeetingId: planned.id, sequence: planned.sequence, language: lang, expiresAt });
    return { visibility: 'private', title, blocks: [{ type: 'text', text: t(lang, 'invite.link') }], links: [{ label: `${planned.ref}.ics`, url }] };
  }
  const content = renderCalendar({ name: planned.title, zone: settings.timezone, entries: [await meetingEntry(repos, lang, planned)] });
  const { links, paths } = await publishFiles(ctx, [{ name: `${planned.ref}.ics`, contentType: 'text/calendar; charset=utf-8', content }]);
  const text = paths.length ? t(lang, 'invite.file', { path: paths.join(', ') }) : t(lang, 'invite.link');
  return { visibility: 'private', title, blocks: [{ type: 'text', text }], ...(links.length ? { links } : {}) };
}

export async function subscribeCalendar(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const lang = actor.language;
  if (!settings.calendar) return { visibility: 'private', blocks: [{ type: 'text', text: t(lang, 'calendar.unavailable') }] };
  // 256 random bits: the URL is the only secret a calendar app can hold.
  const token = randomBytes(32).toString('base64url');
  await repos.calendarFeeds.replace({ programmeId: actor.programmeId, personId: actor.personId, tokenHash: hashFeedToken(token), at: clock.now() });
  const url = settings.calendar.feedUrl(token);
  return { visibility: 'private', title: t(lang, 'calendar.title'), blocks: [{ type: 'text', text: `${t(lang, 'calendar.url')}\n${url}\n${t(lang, 'calendar.private')}` }], links: [{ label: 'loket.ics', url }] };
}

export async function revokeCalendar(ctx: HandlerContext): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const { revoked } = await repos.calendarFeeds.revoke(actor.programmeId, actor.personId, clock.now());
  return { visibility: 'private', blocks: [{ type: 'text', text: t(actor.language, revoked ? 'calendar.revoked' : 'calendar.none') }] };
}

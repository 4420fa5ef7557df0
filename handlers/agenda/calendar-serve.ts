// What the calendar routes serve (bot/calendar/calendar-route.ts): a planned meeting's invitation behind a
// signed link, and a person's feed behind their random token. Read from Postgres on every request, so any
// instance serves any link and a feed is as fresh as the database.
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { PlannedMeeting } from '../../db/planned-meetings.repository.js';
import { createRepositories } from '../../db/repositories.js';
import type { Clock } from '../core/context.js';
import type { InvitationClaims } from '../core/calendar-port.js';
import type { Language } from '../core/incoming.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { agendaLines } from './agenda.js';
import { renderCalendar, type CalendarEntry } from './calendar-ics.js';
import { endOf } from './planned-time.js';

export type CalendarResponse = { status: 200; body: string; filename: string } | { status: 404 | 410; text: string };

export interface CalendarServeDeps {
  db: Database;
  clock: Clock;
  timezone: string;
}

/** Only a hash of a feed token is stored (db/schema/planned-meetings.ts). */
export const hashFeedToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const FEED_MEETINGS = 200;
const FEED_ACTIONS = 200;
// A feed shows what is coming and the recent past, so today's meeting stays visible after it started.
const FEED_PAST_DAYS = 7;

export async function meetingEntry(repos: ReturnType<typeof createRepositories>, language: Language, planned: PlannedMeeting): Promise<CalendarEntry> {
  const agenda = await agendaLines(language, repos, planned.programmeId, planned);
  const ref = shortId('M', planned.number);
  const description = [`${ref} · LOKET`, ...(agenda.length ? ['', t(language, 'plan.label_agenda'), ...agenda] : []), ...(planned.onlineUrl ? ['', planned.onlineUrl] : [])].join('\n');
  return {
    uid: `${planned.id}@loket`,
    sequence: planned.sequence,
    summary: planned.title,
    description,
    ...(planned.place || planned.onlineUrl ? { location: planned.place ?? planned.onlineUrl! } : {}),
    ...(planned.onlineUrl ? { url: planned.onlineUrl } : {}),
    cancelled: planned.status === 'cancelled',
    start: planned.startsAt,
    end: endOf(planned.startsAt, planned.durationMinutes),
    stamp: planned.updatedAt,
  };
}

export async function invitationResponse(deps: CalendarServeDeps, claims: Omit<InvitationClaims, 'expiresAt'>): Promise<CalendarResponse> {
  const repos = createRepositories(deps.db);
  const { planned } = await repos.plannedMeetings.findById(claims.programmeId, claims.plannedMeetingId);
  if (!planned || planned.status === 'held') return { status: 404, text: t(claims.language, 'invite.gone') };
  const ref = shortId('M', planned.number);
  // Moved or cancelled since the link was made: say so rather than hand out the old time.
  if (planned.sequence !== claims.sequence) return { status: 410, text: t(claims.language, 'invite.outdated', { id: ref }) };
  const body = renderCalendar({ name: planned.title, zone: deps.timezone, entries: [await meetingEntry(repos, claims.language, planned)] });
  return { status: 200, body, filename: `${ref}.ics` };
}

export async function feedResponse(deps: CalendarServeDeps, token: string): Promise<CalendarResponse | undefined> {
  const repos = createRepositories(deps.db);
  const { feed } = await repos.calendarFeeds.findLive(hashFeedToken(token));
  if (!feed) return undefined;
  const { person } = await repos.people.findById(feed.programmeId, feed.personId);
  if (!person) return undefined;
  const language: Language = person.language ?? 'sv';
  const now = deps.clock.now();
  const { planned } = await repos.plannedMeetings.forFeed({ programmeId: feed.programmeId, personId: feed.personId, from: new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000), limit: FEED_MEETINGS });
  const entries: CalendarEntry[] = [];
  for (const meeting of planned) entries.push(await meetingEntry(repos, language, meeting));
  const { actions } = await repos.actionItems.listOpen({ programmeId: feed.programmeId, ownerId: feed.personId, limit: FEED_ACTIONS });
  for (const action of actions) {
    if (!action.dueOn) continue;
    entries.push({ uid: `${action.id}@loket`, sequence: 0, summary: t(language, 'calendar.action_due', { id: shortId('A', action.number), text: action.text }), day: action.dueOn, stamp: action.createdAt });
  }
  return { status: 200, body: renderCalendar({ name: t(language, 'calendar.feed_name', { name: person.displayName }), zone: deps.timezone, entries }), filename: 'loket.ics' };
}

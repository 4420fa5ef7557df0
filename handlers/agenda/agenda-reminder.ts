// The day before a planned meeting, from 09:00 in the programme's zone: its agenda goes to the people
// concerned (invitees and the members of its clusters, 1:1, unless away that day or the next) and to the programme's digest channels (no
// cluster has a channel of its own in the schema; the digest channel is where its people read LOKET).
// Each message is claimed as (job, target, meeting day) before it is sent, like the weekly digest, so two
// instances never send it twice and a moved meeting is announced again for its new day.
import { addDays, dayIn } from '../core/dates.js';
import { personTarget } from '../core/person-target.js';
import type { Language } from '../core/incoming.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { programmesOf, sendOnce, settleStaleClaims, type WeeklyDeps } from '../weekly/weekly-rhythm.js';
import type { PlannedMeeting } from '../../db/planned-meetings.repository.js';
import { agendaLines } from './agenda.js';
import { instantOf } from './planned-time.js';
import { whenText } from './planned-views.js';

export const AGENDA_REMINDER_JOB = 'agenda-reminder';
export const AGENDA_REMINDER_TIME = '09:00';
const TOPICS_SHOWN = 15;

export async function runAgendaReminders(deps: WeeklyDeps): Promise<{ sent: number }> {
  const { timezone } = deps.rhythm;
  const now = deps.clock.now();
  const today = dayIn(timezone, now);
  if (now < instantOf(today, AGENDA_REMINDER_TIME, timezone, '')) return { sent: 0 };
  const tomorrow = addDays(today, 1);
  const { planned } = await deps.repos.plannedMeetings.startingBetween(instantOf(tomorrow, '00:00', timezone, ''), instantOf(addDays(tomorrow, 1), '00:00', timezone, ''));
  // Most ticks find no meeting tomorrow: one small read, nothing written.
  if (planned.length === 0) return { sent: 0 };
  await settleStaleClaims(deps, AGENDA_REMINDER_JOB);
  const programmes = new Set(await programmesOf(deps));
  let sent = 0;
  for (const meeting of planned) {
    if (programmes.has(meeting.programmeId)) sent += await remindOf(deps, meeting, tomorrow);
  }
  return { sent };
}

async function remindOf(deps: WeeklyDeps, meeting: PlannedMeeting, day: string): Promise<number> {
  const { repos, notifier, rhythm } = deps;
  const period = `${shortId('M', meeting.number)}@${day}`;
  let sent = 0;
  const { personIds } = await repos.plannedMeetings.audienceOf(meeting.programmeId, meeting.id);
  // No reminders to someone away (`away`), as with every other reminder: away today, when it goes out, or on
  // the meeting's day, when they will not be there.
  const { absences } = await repos.progress.absencesOverlapping(meeting.programmeId, personIds, addDays(day, -1), day);
  const away = new Set(absences.map((a) => a.personId));
  for (const personId of personIds) {
    if (away.has(personId)) continue;
    const { person } = await repos.people.findById(meeting.programmeId, personId);
    if (!person || !notifier.handles(person.platform)) continue;
    const target = await personTarget(repos, meeting.programmeId, person);
    if (!target) continue;
    const reply = await reminderReply(deps, meeting, person.language ?? rhythm.defaultLanguage);
    const key = { job: AGENDA_REMINDER_JOB, target: `person:${personId}:${meeting.id}`, period };
    if ((await sendOnce(deps, key, () => notifier.sendDirect(target, reply))) === 'sent') sent += 1;
  }
  const { subscriptions } = await repos.digests.listActive(meeting.programmeId);
  for (const channel of subscriptions) {
    if (!notifier.handles(channel.platform)) continue;
    const { conversation } = await repos.conversations.find(meeting.programmeId, channel.platform, channel.channelId);
    const target = { platform: channel.platform, workspaceId: channel.workspaceExternalId, channelId: channel.channelId, ...(conversation ? { reference: conversation.reference } : {}) };
    const reply = await reminderReply(deps, meeting, channel.language);
    const key = { job: AGENDA_REMINDER_JOB, target: `channel:${channel.platform}:${channel.channelId}:${meeting.id}`, period };
    if ((await sendOnce(deps, key, () => notifier.postToChannel(target, { ...reply, visibility: 'channel' }))) === 'sent') sent += 1;
  }
  return sent;
}

async function reminderReply(deps: WeeklyDeps, meeting: PlannedMeeting, language: Language): Promise<Reply> {
  const ref = shortId('M', meeting.number);
  const lines = await agendaLines(language, deps.repos, meeting.programmeId, meeting);
  const where = meeting.place ? ` · ${meeting.place}` : meeting.onlineUrl ? ` · ${meeting.onlineUrl}` : '';
  const shown = lines.slice(0, TOPICS_SHOWN);
  if (lines.length > shown.length) shown.push(t(language, 'upcoming.more', { count: lines.length - shown.length, command: `\`${language === 'sv' ? 'dagordning' : 'agenda'} ${ref}\`` }));
  return {
    visibility: 'private',
    title: t(language, 'reminder.title', { id: ref, title: meeting.title }),
    blocks: [
      { type: 'text', text: t(language, 'reminder.intro', { when: whenText(language, meeting, deps.rhythm.timezone), where }) },
      shown.length ? { type: 'list', items: shown } : { type: 'text', text: t(language, 'reminder.empty', { id: ref }) },
    ],
    buttons: [{ label: t(language, 'plan.agenda_button'), command: `agenda ${ref}` }, { label: t(language, 'plan.invite_button'), command: `meeting invite ${ref}` }],
  };
}

// Planned meetings, the shared agenda and calendars (issue 22; docs/architecture.md "Commands").
import { clusters, cluster, date, id, integer, list, organisation, participants, text, textLimits, time } from '../core/arg-types.js';
import { defineCommand, mentions, option, positional } from '../core/spec.js';
import { meetingKind } from '../meetings/meeting-kinds.js';
import { agenda } from './agenda.js';
import { inviteMeeting, revokeCalendar, subscribeCalendar } from './calendar-commands.js';
import { listUpcoming } from './list-upcoming.js';
import { logPlanned } from './log-planned.js';
import { cancelMeeting, moveMeeting } from './move-meeting.js';
import { planMeeting } from './plan-meeting.js';
import { duration, meetingUrl } from './planned-time.js';

// Planning, moving, cancelling and logging are for those who log meetings (leaders, deputies, managers);
// the handlers narrow move/cancel/log to the planner, the meeting's own leaders and deputies, or a manager.
// Reading upcoming meetings and agendas is for everyone; adding a topic is narrowed by the handler to the
// members of the meeting's clusters and the project manager.
const loggers = ['manager', 'leader', 'deputy'] as const;
const meetingId = () => positional.required(id('M'), { what: 'id.meeting_what' });

export const agendaCommands = [
  defineCommand({
    verb: 'meeting plan',
    aliases: ['möte planera', 'mote planera'],
    group: 'meetings',
    summary: { sv: 'planerar ett kommande möte med tid, plats och dagordning', en: 'plans an upcoming meeting with time, place and agenda' },
    args: {
      title: positional.optionalRest(text('titel', 'title', textLimits.title), { what: 'plan.title_what' }),
      date: option('date', ['datum'], date()),
      time: option('time', ['tid'], time()),
      length: option('length', ['längd', 'langd'], duration()),
      place: option('place', ['plats'], text('plats', 'place', textLimits.title)),
      online: option('online', ['länk', 'lank'], meetingUrl()),
      clusters: option('cluster', ['kluster'], clusters()),
      kind: option('kind', ['typ'], meetingKind),
      with: option('with', ['med'], participants()),
      people: mentions(),
    },
    roles: loggers,
    example: {
      sv: 'möte planera "Ledarträff våren" datum:2027-04-14 tid:10:00 längd:90 plats:Luleå kluster:Rymd typ:nätverk',
      en: 'meeting plan "Leaders\' spring meeting" date:2027-04-14 time:10:00 length:90 place:Luleå cluster:Rymd kind:network',
    },
    handler: planMeeting,
  }),
  defineCommand({
    verb: 'meetings upcoming',
    aliases: ['möten kommande', 'moten kommande'],
    group: 'meetings',
    summary: { sv: 'listar planerade möten, närmast först', en: 'lists planned meetings, soonest first' },
    args: { cluster: positional.optionalRest(cluster()) },
    roles: 'everyone',
    example: { sv: 'möten kommande Rymd', en: 'meetings upcoming Rymd' },
    handler: listUpcoming,
  }),
  defineCommand({
    verb: 'meeting move',
    aliases: ['möte flytta', 'mote flytta'],
    group: 'meetings',
    summary: { sv: 'flyttar ett planerat möte till en ny tid', en: 'moves a planned meeting to a new time' },
    args: { id: meetingId(), date: option('date', ['datum'], date()), time: option('time', ['tid'], time()), length: option('length', ['längd', 'langd'], duration()) },
    roles: loggers,
    example: { sv: 'möte flytta M12 datum:2027-04-21 tid:13:00', en: 'meeting move M12 date:2027-04-21 time:13:00' },
    handler: moveMeeting,
  }),
  defineCommand({
    verb: 'meeting cancel',
    aliases: ['möte ställ-in', 'möte ställin', 'möte avboka', 'mote stall-in', 'mote avboka'],
    group: 'meetings',
    summary: { sv: 'ställer in ett planerat möte', en: 'cancels a planned meeting' },
    args: { id: meetingId() },
    roles: loggers,
    example: { sv: 'möte ställ-in M12', en: 'meeting cancel M12' },
    handler: cancelMeeting,
  }),
  defineCommand({
    verb: 'meeting log',
    aliases: ['möte logga', 'mote logga'],
    group: 'meetings',
    summary: {
      sv: 'loggar ett planerat möte med beslut, åtgärder och anteckningar; det behåller sitt id',
      en: 'logs a planned meeting with decisions, action items and notes; it keeps its id',
    },
    args: {
      id: meetingId(),
      with: option('with', ['med'], participants()),
      orgs: option('orgs', ['organisationer', 'org'], list(organisation())),
      carry: option('carry', ['bordlägg', 'bordlagg'], list(integer(1, 999, 'punkt', 'topic'))),
      people: mentions(),
    },
    lines: ['decision', 'action', 'note'],
    roles: loggers,
    example: { sv: 'möte logga M12 bordlägg:2', en: 'meeting log M12 carry:2' },
    handler: logPlanned,
  }),
  defineCommand({
    verb: 'agenda',
    aliases: ['dagordning'],
    group: 'meetings',
    summary: { sv: 'visar ett planerat mötes dagordning eller lägger till en punkt', en: "shows a planned meeting's agenda or adds a topic" },
    args: { id: meetingId(), topic: positional.optionalRest(text('punkt', 'topic', textLimits.title)) },
    roles: 'everyone',
    example: { sv: 'agenda M12 Gemensam ansökan till Vinnova', en: 'agenda M12 Joint application to Vinnova' },
    handler: agenda,
  }),
  defineCommand({
    verb: 'meeting invite',
    aliases: ['möte inbjudan', 'mote inbjudan', 'möte bjud-in'],
    group: 'meetings',
    summary: { sv: 'ger ett planerat mötes kalenderinbjudan (.ics)', en: "gives a planned meeting's calendar invitation (.ics)" },
    args: { id: meetingId() },
    roles: 'everyone',
    example: { sv: 'möte inbjudan M12', en: 'meeting invite M12' },
    handler: inviteMeeting,
  }),
  defineCommand({
    verb: 'calendar',
    aliases: ['kalender'],
    group: 'meetings',
    summary: {
      sv: 'ger din privata kalenderadress med dina kommande möten och åtgärders förfallodagar',
      en: 'gives your private calendar address with your upcoming meetings and action due dates',
    },
    args: {},
    roles: 'everyone',
    example: { sv: 'kalender', en: 'calendar' },
    handler: subscribeCalendar,
  }),
  defineCommand({
    verb: 'calendar revoke',
    aliases: ['kalender stäng', 'kalender stang', 'kalender återkalla'],
    group: 'meetings',
    summary: { sv: 'stänger din kalenderadress', en: 'closes your calendar address' },
    args: {},
    roles: 'everyone',
    example: { sv: 'kalender stäng', en: 'calendar revoke' },
    handler: revokeCalendar,
  }),
];

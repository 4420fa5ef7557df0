// Meetings and their action items (docs/architecture.md "Commands"): each command declared once.
import { cluster, clusters, date, enumOf, id, list, organisation, participants, text, textLimits } from '../core/arg-types.js';
import { defineCommand, mentions, option, positional } from '../core/spec.js';
import { actionIds, completeAction } from './complete-action.js';
import { deleteMeeting } from './delete-meeting.js';
import { editMeeting } from './edit-meeting.js';
import { listActions } from './list-actions.js';
import { listMeetings } from './list-meetings.js';
import { logMeeting } from './log-meeting.js';
import { meetingKind } from './meeting-kinds.js';
import { shareMeeting } from './share-meeting.js';
import { showMeeting } from './show-meeting.js';

// Meetings (issue 4). Reading, searching and sharing a summary are for everyone: shared knowledge is the
// point. Logging is for leaders, deputies and managers (docs/architecture.md "leaders, PM"; a deputy continues the
// leader's work). Edit and delete need the same roles here, and the handler then narrows them to the
// meeting's author or a manager, which a role table cannot know. Anyone may try `done`, since an owner
// can be any participant; the handler allows the owner, the author, the cluster's leader/deputy or a
// manager.
const loggers = ['manager', 'leader', 'deputy'] as const;

const meetingId = () => positional.required(id('M'));

export const meetingCommands = [
  defineCommand({
    verb: 'meeting',
    aliases: ['möte', 'mote'],
    group: 'meetings',
    summary: {
      sv: 'loggar ett möte med beslut, åtgärder och anteckningar; utan argument öppnas ett formulär',
      en: 'logs a meeting with decisions, action items and notes; with no arguments opens a form',
    },
    args: {
      // Optional here: the bare `meeting` opens the form; with other input the handler asks for a title.
      title: positional.optionalRest(text('titel', 'title', textLimits.title), { what: 'meeting.title_what' }),
      date: option('date', ['datum'], date()),
      clusters: option('cluster', ['kluster'], clusters()),
      kind: option('kind', ['typ'], meetingKind),
      with: option('with', ['med'], participants()),
      orgs: option('orgs', ['organisationer', 'org'], list(organisation())),
      people: mentions(),
    },
    lines: ['decision', 'action', 'note'],
    roles: loggers,
    example: {
      sv: 'möte "Styrgrupp mars" datum:2026-03-02 kluster:Rymd typ:styrgrupp',
      en: 'meeting "Board March" date:2026-03-02 cluster:Rymd kind:board',
    },
    menu: true,
    handler: logMeeting,
  }),
  defineCommand({
    verb: 'meeting show',
    aliases: ['möte visa', 'mote visa'],
    group: 'meetings',
    summary: { sv: 'visar ett möte med allt som loggades (ett stort möte kortas; `alla` visar allt)', en: 'shows a meeting and everything logged at it (a large one is shortened; `all` shows everything)' },
    args: { id: meetingId(), all: positional.optional(enumOf<'all'>({ all: { sv: ['alla'] } }, 'alla', 'all')) },
    roles: 'everyone',
    example: { sv: 'möte visa M12', en: 'meeting show M12' },
    handler: showMeeting,
  }),
  defineCommand({
    verb: 'meeting share',
    aliases: ['möte dela', 'mote dela'],
    group: 'meetings',
    summary: { sv: 'postar en sammanfattning av ett möte i kanalen', en: 'posts a summary of a meeting in the channel' },
    args: { id: meetingId() },
    roles: 'everyone',
    example: { sv: 'möte dela M12', en: 'meeting share M12' },
    handler: shareMeeting,
  }),
  defineCommand({
    verb: 'meeting edit',
    aliases: ['möte ändra', 'mote andra', 'möte redigera'],
    group: 'meetings',
    summary: {
      sv: 'ändrar titel, datum eller typ för ett möte, eller lägger till deltagare med med: (den som loggade det eller projektledaren)',
      en: "changes a meeting's title, date or kind, or adds participants with with: (whoever logged it, or the project manager)",
    },
    args: {
      id: meetingId(),
      title: positional.optionalRest(text('titel', 'title', textLimits.title)),
      titled: option('title', ['titel'], text('titel', 'title', textLimits.title)),
      date: option('date', ['datum'], date()),
      kind: option('kind', ['typ'], meetingKind),
      with: option('with', ['med'], participants()),
    },
    roles: loggers,
    example: { sv: 'möte ändra M12 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp', en: 'meeting edit M12 "Board April" date:2026-04-06 kind:board' },
    handler: editMeeting,
  }),
  defineCommand({
    verb: 'meeting delete',
    aliases: ['möte radera', 'mote radera', 'möte ta-bort'],
    group: 'meetings',
    summary: {
      sv: 'tar bort ett möte (den som loggade det eller projektledaren); det finns kvar i granskningsloggen',
      en: 'deletes a meeting (whoever logged it, or the project manager); it stays in the audit trail',
    },
    args: { id: meetingId() },
    roles: loggers,
    example: { sv: 'möte radera M12', en: 'meeting delete M12' },
    handler: deleteMeeting,
  }),
  defineCommand({
    verb: 'meetings',
    aliases: ['möten', 'moten'],
    group: 'meetings',
    summary: { sv: 'listar möten, per kluster och datum', en: 'lists meetings, by cluster and date' },
    args: {
      cluster: positional.optionalRest(cluster()),
      from: option('from', ['från'], date()),
      to: option('to', ['till'], date()),
    },
    roles: 'everyone',
    example: { sv: 'möten Rymd från:2026-01-01', en: 'meetings Rymd from:2026-01-01' },
    handler: listMeetings,
  }),
  defineCommand({
    verb: 'actions',
    aliases: ['åtgärder', 'atgarder', 'action'],
    group: 'meetings',
    summary: { sv: 'listar öppna åtgärder – dina, ett klusters eller alla – försenade först', en: "lists open action items – yours, a cluster's or all – overdue first" },
    // `mine` (the default), `all` or a cluster's name; the handler tells them apart.
    args: { scope: positional.optionalRest(text('mina|kluster|alla', 'mine|cluster|all', textLimits.title)) },
    roles: 'everyone',
    example: 'actions Rymd',
    menu: true,
    handler: listActions,
  }),
  defineCommand({
    verb: 'done',
    aliases: ['klar', 'klart'],
    group: 'meetings',
    summary: { sv: 'markerar en eller flera åtgärder som klara, med en valfri kommentar', en: 'marks one or more action items as done, with an optional comment' },
    args: {
      id: positional.required(actionIds(), { what: 'id.action_what' }),
      comment: positional.optionalRest(text('kommentar', 'comment')),
    },
    roles: 'everyone',
    example: { sv: 'done A34 Lokalen är bokad', en: 'done A34 The room is booked' },
    handler: completeAction,
  }),
];

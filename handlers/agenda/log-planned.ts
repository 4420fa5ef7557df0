// `meeting log <id>` + the usual `decision:`/`action:`/`note:` lines: the planned meeting becomes the
// record, keeping its id (M12 planned is M12 logged). Every agenda topic is discussed unless carried
// forward with `carry:2,3` (`bordlägg:`); carried topics go to the series' next planned meeting.
import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import type { ParticipantRef } from '../core/spec.js';
import { t } from '../i18n/index.js';
import { actionHead } from '../meetings/action-views.js';
import { readMeetingInput, type MeetingArgs } from '../meetings/meeting-input.js';
import { kindLabel } from '../meetings/meeting-kinds.js';
import { duplicateBlocks } from '../meetings/meeting-views.js';
import { carryToNext } from './carry-topics.js';
import { requireManage, requirePlanned, type Planned } from './planned-lookup.js';
import { wallClock } from './planned-time.js';

export type LogPlannedArgs = {
  id: { number: number; text: string };
  with: ParticipantRef[] | undefined;
  orgs: string[] | undefined;
  carry: number[] | undefined;
  people: PersonRef[];
};

export async function logPlanned(ctx: HandlerContext<LogPlannedArgs>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const ref = args.id.text.toUpperCase();
  // The example carries a topic the agenda has (its last), or none when it has none: `bordlägg:2` under a
  // meeting with one topic or none would itself be refused.
  const exampleCarrying = (topics: number) => {
    const carry = topics > 0 ? ` ${actor.language === 'sv' ? 'bordlägg' : 'carry'}:${topics}` : '';
    return actor.language === 'sv' ? `möte logga ${ref}${carry}\nbeslut: …` : `meeting log ${ref}${carry}\ndecision: …`;
  };
  const planned = await requirePlanned(ctx, args.id.number, exampleCarrying(0));
  requireManage(actor, planned, exampleCarrying(0));
  const { topics } = await repos.agenda.list(actor.programmeId, planned.id);
  const example = exampleCarrying(topics.length);
  const heldOn = wallClock(planned.startsAt, settings.timezone).day;
  if (dayIn(settings.timezone, clock.now()) < heldOn) throw new LoketError('plan.too_early', { id: planned.ref, date: heldOn }, example);
  const carry = [...new Set(args.carry ?? [])];
  const unknown = carry.filter((n) => !topics.some((topic) => topic.position === n));
  if (unknown.length) throw new LoketError('agenda.carry_invalid', { id: planned.ref, numbers: unknown.join(', ') }, example);

  const meetingArgs: MeetingArgs = { title: planned.title, date: heldOn, clusters: planned.clusters.map((c) => c.name), kind: planned.kind, with: args.with, orgs: args.orgs, people: args.people };
  const input = await readMeetingInput({ ...ctx, args: meetingArgs });
  if (!args.with && args.people.length === 0) await addInvitees(ctx, planned, input.participants);
  const { meeting, actions, duplicateOf } = await repos.meetings.create({ ...input, number: planned.number, programmeId: actor.programmeId, authorId: actor.personId, at: clock.now() });
  await repos.plannedMeetings.markHeld(actor.programmeId, planned.id, meeting.id, clock.now());
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'meeting.create', subjectType: 'meeting', subjectId: meeting.id, detail: { ref: planned.ref, clusterIds: input.clusterIds, planned: true }, at: clock.now() });

  const carried = topics.filter((topic) => carry.includes(topic.position));
  for (const topic of topics) await repos.agenda.setOutcome(actor.programmeId, topic.id, carry.includes(topic.position) ? 'carried' : 'discussed');
  const next = await carryToNext(ctx, { fromId: planned.id, kind: planned.kind, clusterIds: planned.clusters.map((c) => c.id), after: clock.now(), topicIds: carried.map((c) => c.id) });

  const lang = actor.language;
  const lines = [t(lang, 'log.discussed', { count: topics.length - carried.length })];
  if (carried.length) lines.push(next ? t(lang, 'log.carried_to', { count: carried.length, next: shortId('M', next) }) : t(lang, 'log.carried_waiting', { count: carried.length, kind: kindLabel(lang, planned.kind) }));
  const today = dayIn(settings.timezone, clock.now());
  const people = new Map([...input.people].map(([id, p]) => [id, p.displayName]));
  return {
    visibility: 'private',
    title: t(lang, 'log.title', { id: planned.ref }),
    blocks: [
      ...duplicateBlocks(lang, meeting, duplicateOf),
      { type: 'fields', fields: [
        { label: t(lang, 'meeting.label_title'), value: planned.title },
        { label: t(lang, 'meeting.label_date'), value: heldOn },
        { label: t(lang, 'meeting.label_participants'), value: String(input.participants.length) },
        { label: t(lang, 'meeting.decisions_title'), value: String(input.decisions.length) },
        { label: t(lang, 'meeting.actions_title'), value: String(actions.length) },
      ] },
      ...(actions.length ? [{ type: 'list' as const, title: t(lang, 'meeting.actions_title'), items: actions.map((a) => actionHead(lang, { ...a, ownerName: people.get(a.ownerId) ?? '' }, today)) }] : []),
      { type: 'text', text: lines.join('\n') },
    ],
    buttons: [{ label: t(lang, 'meeting.show_button'), command: `meeting show ${planned.ref}` }],
  };
}

/** With no `with:` the invitees are taken as the participants (the logger is one already). */
async function addInvitees(ctx: HandlerContext, planned: Planned, participants: { personId?: string; guestName?: string; guestOrganisation?: string }[]): Promise<void> {
  const { invitees } = await ctx.repos.plannedMeetings.inviteesOf(ctx.actor.programmeId, planned.id);
  for (const invitee of invitees) {
    if (invitee.personId) {
      if (!participants.some((p) => p.personId === invitee.personId)) participants.push({ personId: invitee.personId });
    } else if (invitee.guestName) {
      participants.push({ guestName: invitee.guestName, ...(invitee.guestOrganisation ? { guestOrganisation: invitee.guestOrganisation } : {}) });
    }
  }
}

// `meeting move <id> [date:…] [time:…] [length:…]` and `meeting cancel <id>`: the plan changes, SEQUENCE
// goes up so subscribed calendars replace their copy, and everyone concerned sees it in their feed.
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { kindLabel } from '../meetings/meeting-kinds.js';
import { carryToNext } from './carry-topics.js';
import { requireManage, requirePlanned } from './planned-lookup.js';
import { futureDay, instantOf, wallClock } from './planned-time.js';
import { whenText } from './planned-views.js';

type IdArg = { id: { number: number; text: string } };

function moveExample(ctx: HandlerContext, ref = 'M12'): string {
  const day = futureDay(ctx.settings.timezone, ctx.clock.now(), 21);
  return ctx.actor.language === 'sv' ? `möte flytta ${ref} datum:${day} tid:13:00` : `meeting move ${ref} date:${day} time:13:00`;
}

export async function moveMeeting(ctx: HandlerContext<IdArg & { date: string | undefined; time: string | undefined; length: number | undefined }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const example = moveExample(ctx, args.id.text.toUpperCase());
  const planned = await requirePlanned(ctx, args.id.number, example);
  requireManage(actor, planned, example);
  if (!args.date && !args.time && !args.length) throw new LoketError('plan.move_nothing', {}, example);
  const was = wallClock(planned.startsAt, settings.timezone);
  const day = args.date ?? was.day;
  const time = args.time ?? was.time;
  const startsAt = instantOf(day, time, settings.timezone, example);
  if (startsAt.getTime() <= clock.now().getTime()) throw new LoketError('plan.in_past', { date: day, time }, example);
  const { planned: moved } = await repos.plannedMeetings.move(actor.programmeId, planned.id, { startsAt, durationMinutes: args.length ?? planned.durationMinutes }, clock.now());
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'meeting.move', subjectType: 'meeting', subjectId: planned.id, detail: { ref: planned.ref, sequence: moved!.sequence }, at: clock.now() });
  const lang = actor.language;
  return {
    visibility: 'private',
    title: t(lang, 'plan.moved_title', { id: planned.ref }),
    blocks: [
      { type: 'fields', fields: [{ label: t(lang, 'meeting.label_title'), value: planned.title }, { label: t(lang, 'plan.label_when'), value: whenText(lang, moved!, settings.timezone) }] },
      { type: 'text', text: t(lang, 'plan.moved_note') },
    ],
    buttons: [{ label: t(lang, 'plan.invite_button'), command: `meeting invite ${planned.ref}` }],
  };
}

export async function cancelMeeting(ctx: HandlerContext<IdArg>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const example = `${actor.language === 'sv' ? 'möte ställ-in' : 'meeting cancel'} ${args.id.text.toUpperCase()}`;
  const planned = await requirePlanned(ctx, args.id.number, example);
  requireManage(actor, planned, example);
  const { planned: cancelled } = await repos.plannedMeetings.cancel(actor.programmeId, planned.id, clock.now());
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'meeting.cancel', subjectType: 'meeting', subjectId: planned.id, detail: { ref: planned.ref, sequence: cancelled!.sequence }, at: clock.now() });
  // No topic is lost with the meeting: every topic on its agenda (its own and those carried onto it) is
  // carried on to the series' next planned meeting, or waits for the next one planned.
  const { topics } = await repos.agenda.list(actor.programmeId, planned.id);
  for (const topic of topics) await repos.agenda.setOutcome(actor.programmeId, topic.id, 'carried');
  const clusterIds = planned.clusters.map((c) => c.id);
  const next = await carryToNext(ctx, { fromId: planned.id, kind: planned.kind, clusterIds, after: clock.now(), topicIds: topics.map((topic) => topic.id) });
  const lang = actor.language;
  const carried = topics.length === 0 ? [] : [next ? t(lang, 'cancel.topics_moved', { count: topics.length, next: shortId('M', next) }) : t(lang, 'cancel.topics_waiting', { count: topics.length, kind: kindLabel(lang, planned.kind) })];
  return {
    visibility: 'private',
    title: t(lang, 'plan.cancelled_title', { id: planned.ref }),
    blocks: [{ type: 'text', text: [planned.title, ...carried, t(lang, 'plan.cancelled_note')].join('\n') }],
  };
}

// `meeting plan <title> date:… time:… [length:…] [place:…|online:…] [cluster:…] [kind:…] [with:…]`:
// a meeting ahead, with its short id, an empty (or carried-forward) agenda and a calendar invitation.
import type { MeetingKind } from '../../db/schema/index.js';
import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import type { Reply, ReplyField } from '../core/reply.js';
import { shorten } from '../core/free-text.js';
import { shortId } from '../core/short-ids.js';
import type { ParticipantRef } from '../core/spec.js';
import { t } from '../i18n/index.js';
import { meetingClusters } from '../meetings/meeting-input.js';
import { kindLabel } from '../meetings/meeting-kinds.js';
import { resolveParticipants } from '../meetings/meeting-participants.js';
import { carryWaitingTopics } from './carry-topics.js';
import { futureDay, instantOf } from './planned-time.js';
import { whenText } from './planned-views.js';
import { typedText } from './typed-text.js';

export const DEFAULT_LENGTH_MINUTES = 60;

export type PlanArgs = {
  title: string | undefined;
  date: string | undefined;
  time: string | undefined;
  length: number | undefined;
  place: string | undefined;
  online: string | undefined;
  clusters: string[] | undefined;
  kind: MeetingKind | undefined;
  with: ParticipantRef[] | undefined;
  people: PersonRef[];
};

/** A correct example for a refusal: two weeks ahead, so it never shows a day that has passed. */
export function planExample(ctx: Pick<HandlerContext, 'actor' | 'settings' | 'clock'>): string {
  const day = futureDay(ctx.settings.timezone, ctx.clock.now());
  return ctx.actor.language === 'sv'
    ? `möte planera "Ledarträff" datum:${day} tid:10:00 längd:90 plats:Luleå kluster:Rymd typ:nätverk`
    : `meeting plan "Leaders' meeting" date:${day} time:10:00 length:90 place:Luleå cluster:Rymd kind:network`;
}

export async function planMeeting(ctx: HandlerContext<PlanArgs>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const example = planExample(ctx);
  const typed = args.title ? typedText(ctx.command.raw, 2, args.title) : undefined;
  if (typed && 'unclosedBefore' in typed) throw new LoketError('plan.quote_unclosed', { word: typed.unclosedBefore }, example);
  const title = typed?.text.trim();
  if (!title) throw new LoketError('args.missing', { what: 'plan.title_what' }, example);
  if (!args.date || !args.time) throw new LoketError('plan.time_missing', {}, example);
  const startsAt = instantOf(args.date, args.time, settings.timezone, example);
  if (startsAt.getTime() <= clock.now().getTime()) throw new LoketError('plan.in_past', { date: args.date, time: args.time }, example);
  const { clusterIds, chooseFrom } = await withExample(meetingClusters(ctx, args.clusters ?? []), example);
  if (chooseFrom) throw new LoketError('args.missing', { what: 'cluster.name_what' }, example);
  const kind = args.kind ?? (clusterIds.length ? 'cluster' : 'network');
  const { participants } = await resolveParticipants(ctx, args.people, args.with ?? []);
  const invitees = participants.map((p) => (p.personId ? { personId: p.personId } : { guestName: p.guestName!, ...(p.guestOrganisation ? { guestOrganisation: p.guestOrganisation } : {}) }));
  const { planned } = await repos.plannedMeetings.create({
    programmeId: actor.programmeId, title, startsAt, durationMinutes: args.length ?? DEFAULT_LENGTH_MINUTES, place: args.place?.trim() || null, onlineUrl: args.online ?? null,
    kind, clusterIds, invitees, authorId: actor.personId, at: clock.now(),
  });
  const ref = shortId('M', planned.number);
  const carried = await carryWaitingTopics(ctx, { plannedMeetingId: planned.id, kind, clusterIds });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'meeting.plan', subjectType: 'meeting', subjectId: planned.id, detail: { ref, clusterIds }, at: clock.now() });
  const { clusters } = await repos.plannedMeetings.clustersOf(actor.programmeId, planned.id);
  const lang = actor.language;
  const fields: ReplyField[] = [
    { label: t(lang, 'meeting.label_title'), value: shorten(title) },
    { label: t(lang, 'plan.label_when'), value: whenText(lang, planned, settings.timezone) },
    ...(planned.place ? [{ label: t(lang, 'plan.label_where'), value: planned.place }] : []),
    ...(planned.onlineUrl ? [{ label: t(lang, 'plan.label_online'), value: planned.onlineUrl }] : []),
    { label: t(lang, 'meeting.label_kind'), value: kindLabel(lang, kind) },
    { label: t(lang, 'meeting.label_clusters'), value: clusters.map((c) => c.name).join(', ') || t(lang, 'meeting.programme_wide') },
    ...(invitees.length ? [{ label: t(lang, 'plan.label_invited'), value: String(invitees.length) }] : []),
  ];
  const texts = [...(carried > 0 ? [t(lang, 'plan.carried_in', { count: carried })] : []), t(lang, 'plan.next_steps', { id: ref })];
  return {
    visibility: 'private',
    title: t(lang, 'plan.saved_title', { id: ref }),
    blocks: [{ type: 'fields', fields }, { type: 'text', text: texts.join('\n') }],
    buttons: [
      { label: t(lang, 'plan.invite_button'), command: `meeting invite ${ref}` },
      { label: t(lang, 'plan.agenda_button'), command: `agenda ${ref}` },
    ],
  };
}

/** The clusters' refusals (not yours, not found, retired) show how to plan, not how to log a past meeting. */
async function withExample<T>(work: Promise<T>, example: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof LoketError && error.code !== 'cluster.retired') throw Object.assign(new LoketError(error.code, error.params, example), error.hint ? { hint: error.hint } : {});
    throw error;
  }
}

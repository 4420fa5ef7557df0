import { randomUUID } from 'node:crypto';
import type { ActionItem } from '../../db/action-items.repository.js';
import type { Meeting } from '../../db/meetings.repository.js';
import type { HandlerContext } from '../core/context.js';
import { nearestKey } from '../core/bind.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { shorten } from '../core/free-text.js';
import { commandRef, type Reply, type ReplyBlock } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { actionHead, openActionLine } from './action-views.js';
import { meetingForm } from './meeting-form.js';
import { readMeetingInput, type MeetingArgs, type MeetingInput } from './meeting-input.js';
import { kindLabel } from './meeting-kinds.js';
import { duplicateBlocks, shareButtons } from './meeting-views.js';
import { t } from '../i18n/index.js';

// A confirmation stays within a screen (about 25 lines) beside the meeting's own fields and new items: the first few
// carried-forward items, then the count of the rest with the command that lists them all.
const CARRIED_SHOWN = 5;
/** The lines a confirmation may take, title and buttons included, and the fewest items a list shrinks to. */
const SCREEN_LINES = 25;
const CARRIED_LEAST = 2;
const ACTIONS_LEAST = 2;

/** `meeting <title> …` + lines: logs a meeting; the bare verb opens the form. */
export async function logMeeting(ctx: HandlerContext<MeetingArgs>): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  if (command.args.length === 0 && command.lines.length === 0) return meetingForm(ctx);
  refuseFutureDay(ctx);
  const input = await readMeetingInput(ctx);
  if (input.chooseFrom) return chooseCluster(ctx, input.title, input.chooseFrom);
  const { meeting, actions, notes, duplicateOf } = await repos.meetings.create({ ...input, programmeId: actor.programmeId, authorId: actor.personId, at: clock.now() });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'meeting.create', subjectType: 'meeting', subjectId: meeting.id, detail: { ref: shortId('M', meeting.number), clusterIds: input.clusterIds }, at: clock.now() });
  // Carried forward: what earlier meetings of the same clusters left open is the next meeting's agenda. Earlier
  // by the day held, not by when logged: a back-dated meeting carries nothing from meetings held after it.
  const carried = await repos.actionItems.listOpen({ programmeId: actor.programmeId, clusterIds: input.clusterIds, excludeMeetingId: meeting.id, heldOnOrBefore: meeting.heldOn, limit: CARRIED_SHOWN });
  const clusters = await namesOfClusters(ctx, input.clusterIds, meeting.id);
  const blocks: ReplyBlock[] = [...duplicateBlocks(actor.language, meeting, duplicateOf), { type: 'fields', fields: savedFields(ctx, meeting, input, clusters.map((c) => c.name), notes.length) }];
  const today = dayIn(ctx.settings.timezone, clock.now());
  // The new items and the carried-forward ones share the lines left by the title, the fields and the buttons;
  // what does not fit is counted with the command that lists it, so the lists add up to what is stored.
  const fit = allot(SCREEN_LINES - linesOf(blocks) - 1 - 2, actions.length, carried.total, carried.actions.length);
  if (actions.length) {
    const items = actions.slice(0, fit.actions).map((a) => newActionLine(ctx, a, input, today));
    if (fit.actions < actions.length) items.push(t(actor.language, 'meeting.more', { count: actions.length - fit.actions, command: commandRef(`meeting show ${shortId('M', meeting.number)}`, actor.language) }));
    blocks.push({ type: 'list', title: t(actor.language, 'meeting.actions_title'), items });
  }
  if (carried.total > 0) {
    const items = carried.actions.slice(0, fit.carried).map((a) => openActionLine(actor.language, a, today));
    if (carried.total > items.length) items.push(t(actor.language, 'meeting.more', { count: carried.total - items.length, command: commandRef(`actions ${clusters.length === 1 ? quoteName(clusters[0]!.name) : actor.language === 'sv' ? 'alla' : 'all'}`, actor.language) }));
    blocks.push({ type: 'list', title: t(actor.language, 'meeting.carried_title', { count: carried.total }), items });
  }
  return {
    visibility: 'private',
    title: t(actor.language, 'meeting.saved_title', { id: shortId('M', meeting.number) }),
    blocks,
    buttons: [...shareButtons(actor.language, meeting), { label: t(actor.language, 'meeting.show_button'), command: `meeting show ${shortId('M', meeting.number)}` }],
  };
}

/**
 * A logged meeting has been held: a day after today is refused, nothing is stored. It is nearly always a
 * meeting ahead typed with the wrong verb (`möte planer "X" datum:…`, a typo of `möte planera`), so the
 * reply suggests the planning command with the same title and day, without the mistyped word.
 */
function refuseFutureDay(ctx: HandlerContext<MeetingArgs>): void {
  const { args, actor, settings, clock } = ctx;
  const today = dayIn(settings.timezone, clock.now());
  if (!args.date || args.date <= today) return;
  const sv = actor.language === 'sv';
  const [first = '', ...rest] = (args.title ?? '').trim().split(/\s+/u);
  // «planer», «planea», «plans»: a mistyped verb, not the title's first word (which «Planering» is).
  const typo = first.toLowerCase() !== 'plan' && nearestKey(first.toLowerCase(), ['planera', 'plan']) !== undefined;
  const words = typo ? rest : [first, ...rest];
  const title = words.join(' ').replace(/^["“”«»]+|["“”«»]+$/gu, '').trim() || (sv ? 'Ledarträff' : "Leaders' meeting");
  const quoted = `"${title.replace(/"/g, "'")}"`;
  const suggestion = sv ? `möte planera ${quoted} datum:${args.date} tid:10:00` : `meeting plan ${quoted} date:${args.date} time:10:00`;
  const example = sv ? `möte "Styrgrupp" datum:${today} kluster:Rymd` : `meeting "Steering group" date:${today} cluster:Rymd`;
  throw new LoketError('meeting.date_future', { date: args.date, today }, example).withHint('args.key_suggestion', { suggestion });
}

/** The meeting's clusters by name: a meeting of the logger's own clusters (nearly all) needs no read. */
async function namesOfClusters(ctx: HandlerContext, clusterIds: string[], meetingId: string): Promise<{ id: string; name: string }[]> {
  const own = clusterIds.map((id) => ctx.actor.clusterRoles.find((r) => r.clusterId === id));
  if (own.every((r) => r !== undefined)) return own.map((r) => ({ id: r!.clusterId, name: r!.clusterName })).sort((a, b) => a.name.localeCompare(b.name, ctx.actor.language));
  return (await ctx.repos.meetings.clustersOf(ctx.actor.programmeId, meetingId)).clusters;
}

/** The lines blocks take as shown: each block after a blank line, a list with its title. */
function linesOf(blocks: ReplyBlock[]): number {
  return blocks.reduce((n, b) => n + 1 + (b.type === 'fields' ? b.fields.length : b.type === 'list' ? (b.title ? 1 : 0) + b.items.length : b.text.split('\n').length), 0);
}

/** How many new and carried-forward items to list in `room` lines, each list taking a blank line, its title,
 *  its items and, when some are left out, the line that counts them. All of both when they fit; else the
 *  carried-forward list shrinks to two before the new items (which the person just typed) do. */
function allot(room: number, actions: number, carriedTotal: number, carriedListed: number): { actions: number; carried: number } {
  const cost = (shown: number, total: number) => (total ? 2 + shown + (total > shown ? 1 : 0) : 0);
  let carried = carriedListed;
  while (carried > CARRIED_LEAST && cost(actions, actions) + cost(carried, carriedTotal) > room) carried -= 1;
  if (cost(actions, actions) + cost(carried, carriedTotal) <= room) return { actions, carried };
  return { actions: Math.max(ACTIONS_LEAST, room - cost(carried, carriedTotal) - 3), carried };
}

function savedFields(ctx: HandlerContext, meeting: Meeting, input: MeetingInput, clusterNames: string[], noteCount: number) {
  const lang = ctx.actor.language;
  return [
    { label: t(lang, 'meeting.label_title'), value: shorten(meeting.title) },
    { label: t(lang, 'meeting.label_date'), value: meeting.heldOn },
    { label: t(lang, 'meeting.label_kind'), value: kindLabel(lang, meeting.kind) },
    { label: t(lang, 'meeting.label_clusters'), value: clusterNames.join(', ') || t(lang, 'meeting.programme_wide') },
    { label: t(lang, 'meeting.label_participants'), value: String(input.participants.length) },
    ...(input.organisationIds.length ? [{ label: t(lang, 'meeting.label_organisations'), value: String(input.organisationIds.length) }] : []),
    { label: t(lang, 'meeting.decisions_title'), value: String(input.decisions.length) },
    { label: t(lang, 'meeting.actions_title'), value: String(input.actions.length) },
    { label: t(lang, 'meeting.notes_title'), value: String(noteCount) },
  ];
}

function newActionLine(ctx: HandlerContext, action: ActionItem, input: MeetingInput, today: string): string {
  const lang = ctx.actor.language;
  const ownerName = input.people.get(action.ownerId)?.displayName ?? '';
  return actionHead(lang, { ...action, text: shorten(action.text), ownerName }, today);
}

const quoteName = (name: string) => (/[\s,]/.test(name) ? `"${name}"` : name);

/** Slack's limit on a button's value (Teams' is larger): a longer command could not be carried back. */
const BUTTON_COMMAND_MAX = 2000;

/**
 * A leader or deputy of several clusters who named none: one button per cluster, each the very message they
 * sent with `cluster:<name>` added, so one click logs it there. Nothing is stored until they choose. A
 * message too long to ride on a button (a full meeting with many lines) gets the instruction instead.
 */
function chooseCluster(ctx: HandlerContext, title: string, names: string[]): Reply {
  const lang = ctx.actor.language;
  const key = lang === 'sv' ? 'kluster' : 'cluster';
  const commands = names.map((name) => withOption(ctx.command.raw, `${key}:${quoteName(name)}`));
  const listed = new Intl.ListFormat(lang, { type: 'disjunction' }).format(names);
  const once = randomUUID();
  if (commands.some((c) => c.length > BUTTON_COMMAND_MAX)) {
    const example = `${lang === 'sv' ? 'möte' : 'meeting'} "${shorten(title.replace(/"/g, ''), 40)}" ${key}:${quoteName(names[0]!)}`;
    return { visibility: 'private', title: t(lang, 'meeting.which_cluster_title'), blocks: [{ type: 'text', text: t(lang, 'meeting.which_cluster_retype', { clusters: listed, example }) }], error: { code: 'meeting.cluster_needed' } };
  }
  return {
    visibility: 'private',
    title: t(lang, 'meeting.which_cluster_title'),
    blocks: [{ type: 'text', text: t(lang, 'meeting.which_cluster', { title: shorten(title), clusters: listed }) }],
    // One question, one meeting: a double click or a second cluster's button must not log it twice.
    buttons: names.map((name, i) => ({ label: name, command: commands[i]!, once })),
    // A question, not a success: the core rolls back, so even a person first met in a mention waits for the choice.
    error: { code: 'meeting.cluster_needed' },
  };
}

/** The message with an option added at the end of its first line, before any `decision:`/`action:`/`note:` lines. */
function withOption(raw: string, option: string): string {
  const text = raw.trim();
  const end = text.indexOf('\n');
  return end < 0 ? `${text} ${option}` : `${text.slice(0, end).trimEnd()} ${option}${text.slice(end)}`;
}

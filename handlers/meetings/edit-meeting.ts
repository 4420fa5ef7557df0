import type { MeetingKind } from '../../db/schema/index.js';
import { option, positional, type Command } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { readDay, readKind } from './meeting-input.js';
import { kindLabel } from './meeting-kinds.js';
import { requireAuthorOrManager, requireMeeting } from './meeting-lookup.js';
import { t } from '../i18n/index.js';

const example = 'meeting edit M12 "Styrgrupp april" date:2026-04-06 kind:board';
const EDITABLE = new Set(['date', 'kind', 'title']);

/** `meeting edit <id> [title] [date:…] [kind:…]`, by the author or a project manager; audited. */
export async function editMeeting(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  const [id, ...titleWords] = positional(command);
  const meeting = await requireMeeting(ctx, id, example);
  requireAuthorOrManager(actor, meeting, example);
  const changes = await readChanges(ctx, command, titleWords.join(' ').trim(), meeting.id);
  if (Object.keys(changes).length === 0) throw new LoketError('meeting.edit_nothing', {}, example);
  const now = clock.now();
  await repos.meetings.update(actor.programmeId, meeting.id, changes, now);
  const before = Object.fromEntries(Object.keys(changes).map((key) => [key, meeting[key as keyof typeof changes]]));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'meeting.edit', subjectType: 'meeting', subjectId: meeting.id, detail: { number: meeting.number, before, after: changes }, at: now });
  const lang = actor.language;
  const described = [
    changes.title !== undefined ? t(lang, 'meeting.change_title', { value: changes.title }) : undefined,
    changes.heldOn !== undefined ? t(lang, 'meeting.change_date', { value: changes.heldOn }) : undefined,
    changes.kind !== undefined ? t(lang, 'meeting.change_kind', { value: kindLabel(lang, changes.kind) }) : undefined,
  ].filter(Boolean);
  return textReply(t(lang, 'meeting.edited', { id: shortId('M', meeting.number), changes: described.join(', ') }));
}

async function readChanges(ctx: HandlerContext, command: Command, positionalTitle: string, meetingId: string) {
  // Clusters, participants and lines are not editable yet; saying so beats silently ignoring them.
  const other = command.args.find((a) => a.type === 'option' && !EDITABLE.has(a.key));
  if (other?.type === 'option') throw new LoketError('meeting.edit_unsupported', { key: other.key }, example);
  if (command.lines[0]) throw new LoketError('meeting.edit_unsupported', { key: command.lines[0].kind }, example);
  const changes: { title?: string; heldOn?: string; kind?: MeetingKind } = {};
  const title = option(command, 'title')?.trim() || positionalTitle;
  if (title) changes.title = title;
  const heldOn = readDay(option(command, 'date'), 'date', example);
  if (heldOn) {
    // A meeting cannot move past a due date it set: "due before the meeting" is refused at logging too.
    const { due } = await ctx.repos.actionItems.earliestDue(ctx.actor.programmeId, meetingId);
    if (due && due < heldOn) throw new LoketError('meeting.date_after_due', { date: heldOn, due }, example);
    changes.heldOn = heldOn;
  }
  const kind = option(command, 'kind');
  if (kind !== undefined) changes.kind = readKind(kind, false, example);
  return changes;
}

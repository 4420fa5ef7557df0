import type { MeetingKind } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import type { ParticipantRef } from '../core/spec.js';
import { kindLabel } from './meeting-kinds.js';
import { requireAuthorOrManager, requireMeeting } from './meeting-lookup.js';
import { resolveParticipants } from './meeting-participants.js';
import { list, t } from '../i18n/index.js';

// In the reader's language, as the command's own example is (a refusal shows it under what went wrong).
const examples = { sv: 'möte ändra M12 "Styrgrupp april" datum:2026-04-06 typ:styrgrupp', en: 'meeting edit M12 "Board April" date:2026-04-06 kind:board' } as const;
// Keys of `meeting` that cannot be changed afterwards: refused by name rather than read as title words.
// Participants can be added (`with:`), so a meeting logged without them can still be evaluated.
const NOT_EDITABLE = /^(cluster|kluster|orgs|organisationer|org):/i;

type EditArgs = {
  id: { number: number; text: string };
  title: string | undefined;
  titled: string | undefined;
  date: string | undefined;
  kind: MeetingKind | undefined;
  with: ParticipantRef[] | undefined;
};

/** `meeting edit <id> [title] [date:…] [kind:…] [with:…]`, by the author or a project manager; audited. */
export async function editMeeting(ctx: HandlerContext<EditArgs>): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const example = examples[actor.language];
  const meeting = await requireMeeting(ctx, ctx.args.id.text, example);
  requireAuthorOrManager(actor, meeting, example);
  const changes = await readChanges(ctx, meeting.id);
  // Everyone named is resolved before anything is written: an unknown @name stores nothing.
  const joining = ctx.args.with ? await resolveParticipants(ctx, [], ctx.args.with, `meeting edit ${shortId('M', meeting.number)} with:@${actor.language === 'sv' ? 'namn' : 'name'}`) : undefined;
  if (Object.keys(changes).length === 0 && !joining) throw new LoketError('meeting.edit_nothing', {}, example);
  const now = clock.now();
  const lang = actor.language;
  const id = shortId('M', meeting.number);
  const { added } = joining ? await repos.meetings.addParticipants(actor.programmeId, meeting.id, joining.participants) : { added: [] };
  const addedNames = added.map((p) => (p.personId ? joining!.people.find((person) => person.id === p.personId)!.displayName : p.guestName!));
  if (Object.keys(changes).length === 0 && added.length === 0) {
    throw new LoketError('meeting.participants_already', { id, names: list(lang, joiningNames(joining!)) }, example);
  }
  if (Object.keys(changes).length) await repos.meetings.update(actor.programmeId, meeting.id, changes, now);
  const before = Object.fromEntries(Object.keys(changes).map((key) => [key, meeting[key as keyof typeof changes]]));
  const after = { ...changes, ...(added.length ? { participantsAdded: added } : {}) };
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'meeting.edit', subjectType: 'meeting', subjectId: meeting.id, detail: { number: meeting.number, before, after }, at: now });
  const described = [
    changes.title !== undefined ? t(lang, 'meeting.change_title', { value: changes.title }) : undefined,
    changes.heldOn !== undefined ? t(lang, 'meeting.change_date', { value: changes.heldOn }) : undefined,
    changes.kind !== undefined ? t(lang, 'meeting.change_kind', { value: kindLabel(lang, changes.kind) }) : undefined,
    added.length ? t(lang, 'meeting.change_participants', { names: list(lang, addedNames) }) : undefined,
  ].filter(Boolean);
  return textReply(t(lang, 'meeting.edited', { id, changes: described.join(', ') }));
}

function joiningNames(joining: Awaited<ReturnType<typeof resolveParticipants>>): string[] {
  return joining.participants.map((p) => (p.personId ? joining.people.find((person) => person.id === p.personId)!.displayName : p.guestName!));
}

async function readChanges(ctx: HandlerContext<EditArgs>, meetingId: string) {
  const { args, command } = ctx;
  const example = examples[ctx.actor.language];
  // Clusters, participants and organisations are not editable yet; saying so beats storing `cluster:Skog`
  // as part of the title. (Quoted title words are the title's own.)
  for (const token of command.args) {
    const key = token.type === 'word' ? NOT_EDITABLE.exec(token.value)?.[1] : undefined;
    if (key) throw new LoketError('meeting.edit_unsupported', { key: key.toLowerCase() }, example);
  }
  const changes: { title?: string; heldOn?: string; kind?: MeetingKind } = {};
  if (args.title && args.titled) throw new LoketError('args.duplicate_key', { key: 'title:' }, example);
  const title = (args.titled ?? args.title)?.trim();
  if (title) changes.title = title;
  const heldOn = args.date;
  if (heldOn) {
    // A meeting cannot move past a due date it set: "due before the meeting" is refused at logging too.
    const { due } = await ctx.repos.actionItems.earliestDue(ctx.actor.programmeId, meetingId);
    if (due && due < heldOn) throw new LoketError('meeting.date_after_due', { date: heldOn, due }, example);
    changes.heldOn = heldOn;
  }
  if (args.kind !== undefined) changes.kind = args.kind;
  return changes;
}

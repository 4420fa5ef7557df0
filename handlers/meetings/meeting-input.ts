// `meeting <title> [date:] [cluster:] [kind:] [with:] [orgs:]` + `decision:` / `action:` / `note:` lines →
// a validated meeting, every name resolved. Nothing is written here, so bad input stores nothing.
import type { NewMeeting } from '../../db/meetings.repository.js';
import type { Person } from '../../db/people.repository.js';
import type { MeetingKind } from '../../db/schema/index.js';
import { option, positional, type Command, type StructuredLine } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn, parseDay } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { requireCluster, resolvePerson } from '../core/lookups.js';
import { parseKind } from './meeting-kinds.js';
import { resolveOrganisations, resolveParticipants } from './meeting-participants.js';

export const meetingExample = 'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd kind:board';
const actionExample = 'action: @anna Boka lokal för workshopen due:2026-03-20';

export type MeetingInput = Omit<NewMeeting, 'programmeId' | 'authorId' | 'at'> & { people: Map<string, Person> };

export async function readMeetingInput(ctx: HandlerContext): Promise<MeetingInput> {
  const { command, settings, clock } = ctx;
  const title = positional(command).join(' ').trim();
  if (!title) throw new LoketError('args.missing', { what: 'meeting.title_what' }, meetingExample);
  const heldOn = readDay(option(command, 'date'), 'date', meetingExample) ?? dayIn(settings.timezone, clock.now());
  const clusterIds = await readClusters(ctx, option(command, 'cluster'));
  const kind = readKind(option(command, 'kind'), clusterIds.length > 0);
  const { participants, people } = await resolveParticipants(ctx, command);
  const organisationIds = await resolveOrganisations(ctx, command);
  const known = new Map(people.map((p) => [p.id, p]));
  const actions = [];
  for (const line of linesOf(command, 'action')) actions.push(await readAction(ctx, line, heldOn, known));
  return { title, heldOn, kind, clusterIds, participants, organisationIds, actions, people: known, decisions: textsOf(command, 'decision'), notes: textsOf(command, 'note') };
}

/** A strict `YYYY-MM-DD` (2026-02-30 is refused), or undefined when the option was not given. */
export function readDay(value: string | undefined, key: string, example: string): string | undefined {
  if (value === undefined) return undefined;
  const day = parseDay(value);
  if (!day) throw new LoketError('date.invalid', { value, key }, example);
  return day;
}

export function readKind(value: string | undefined, hasClusters: boolean, example = meetingExample): MeetingKind {
  // With no kind given, a meeting of named clusters is a cluster meeting, one of nobody's a network meeting.
  if (value === undefined || !value.trim()) return hasClusters ? 'cluster' : 'network';
  const kind = parseKind(value);
  // `kinds` names a catalog entry, so the refusal lists the words of the user's own language.
  if (!kind) throw new LoketError('meeting.kind_invalid', { kind: value, kinds: 'meeting.kind_choices' }, example);
  return kind;
}

async function readClusters(ctx: HandlerContext, value: string | undefined): Promise<string[]> {
  const ids: string[] = [];
  for (const name of (value ?? '').split(',').map((n) => n.trim()).filter(Boolean)) {
    const cluster = await requireCluster(ctx, name, meetingExample);
    if (!ids.includes(cluster.id)) ids.push(cluster.id);
  }
  return ids;
}

function linesOf(command: Command, kind: StructuredLine['kind']): StructuredLine[] {
  return command.lines.filter((line) => line.kind === kind);
}

/** Decisions and notes are stored whole, as written; empty lines are skipped. */
function textsOf(command: Command, kind: 'decision' | 'note'): string[] {
  return linesOf(command, kind).map((line) => line.text).filter((text) => text.length > 0);
}

/** `action: @owner <text> [due:YYYY-MM-DD]`; without an owner the author owns it, so it is followed up. */
async function readAction(ctx: HandlerContext, line: StructuredLine, heldOn: string, known: Map<string, Person>) {
  const first = line.tokens[0];
  const owner = first?.type === 'person' ? await resolvePerson(ctx, first.ref, actionExample) : (await ctx.repos.people.findById(ctx.actor.programmeId, ctx.actor.personId)).person!;
  known.set(owner.id, owner);
  const due = line.tokens.find((t) => t.type === 'option' && t.key === 'due');
  const dueOn = readDay(due?.type === 'option' ? due.value : undefined, 'due', actionExample) ?? null;
  if (dueOn && dueOn < heldOn) throw new LoketError('meeting.due_before_meeting', { due: dueOn, date: heldOn }, actionExample);
  let text = first?.type === 'person' ? line.text.slice(line.text.indexOf(first.raw) + first.raw.length) : line.text;
  text = text.replace(/(?:^|\s+)due:\S*\s*/i, ' ').trim();
  if (!text) throw new LoketError('args.missing', { what: 'meeting.action_text_what' }, actionExample);
  return { ownerId: owner.id, text, dueOn };
}

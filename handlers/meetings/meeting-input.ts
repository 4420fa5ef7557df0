// `meeting <title> [date:] [cluster:] [kind:] [with:] [orgs:]` + `decision:` / `action:` / `note:` lines →
// a validated meeting, every name resolved. Nothing is written here, so bad input stores nothing.
import type { Cluster } from '../../db/clusters.repository.js';
import type { NewMeeting } from '../../db/meetings.repository.js';
import type { Person } from '../../db/people.repository.js';
import type { MeetingKind } from '../../db/schema/index.js';
import type { Command, PersonRef, StructuredLine } from '../core/command.js';
import { assertWithin, textLimits } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn, readDay } from '../core/dates.js';
import { list } from '../i18n/index.js';
import { LoketError } from '../core/errors.js';
import { requireOpenCluster, resolvePerson } from '../core/lookups.js';
import type { ParticipantRef } from '../core/spec.js';
import { resolveOrganisations, resolveParticipants } from './meeting-participants.js';

/** The meeting's example, sample title in the reader's language (keys and words are put in the reader's words
 *  when shown). */
const meetingExamples = { sv: 'meeting "Styrgrupp mars" date:2026-03-02 cluster:Rymd kind:board', en: 'meeting "Board March" date:2026-03-02 cluster:Rymd kind:board' } as const;
/** An `action:` line in the reader's words (`åtgärd:` and `senast:` to a Swedish reader); the due date is moved
 *  two weeks ahead when shown (handlers/core/examples.ts). */
const actionExamples = { sv: 'åtgärd: @anna Boka lokal för workshopen senast:2026-03-20', en: 'action: @anna Book a room for the workshop due:2026-03-20' } as const;

/** TRANSITION: other features still import `readDay` from here; it lives in handlers/core/dates.ts. */
export { readDay } from '../core/dates.js';

/** What the binder read from `meeting …` (handlers/meetings/commands.ts). */
export type MeetingArgs = {
  title: string | undefined;
  date: string | undefined;
  clusters: string[] | undefined;
  kind: MeetingKind | undefined;
  with: ParticipantRef[] | undefined;
  orgs: string[] | undefined;
  people: PersonRef[];
};

export type MeetingInput = Omit<NewMeeting, 'programmeId' | 'authorId' | 'at'> & {
  people: Map<string, Person>;
  /** Set when no `cluster:` was named and the logger may log in several clusters: they choose, nothing is stored. */
  chooseFrom?: string[];
};

export async function readMeetingInput(ctx: HandlerContext<MeetingArgs>): Promise<MeetingInput> {
  const { args, command, settings, clock } = ctx;
  const title = args.title?.trim();
  if (!title) throw new LoketError('args.missing', { what: 'meeting.title_what' }, meetingExamples[ctx.actor.language]);
  // A `decision:`, `action:` or `note:` line is a body, held to the same limit as a note (README "Limits").
  for (const line of command.lines) assertWithin(line.text, textLimits.body, ctx.actor.language, meetingExamples[ctx.actor.language]);
  const heldOn = args.date ?? dayIn(settings.timezone, clock.now());
  const { clusterIds, chooseFrom } = await meetingClusters(ctx, args.clusters ?? []);
  const kind = meetingKindOr(args.kind, clusterIds.length > 0 || chooseFrom !== undefined);
  const { participants, people } = await resolveParticipants(ctx, args.people, args.with ?? []);
  // Whoever logs a meeting was there (README "Meetings"): counted once, so a study trip never shows «Deltagare: 0».
  if (!participants.some((p) => p.personId === ctx.actor.personId)) participants.push({ personId: ctx.actor.personId });
  const organisationIds = await resolveOrganisations(ctx, args.orgs ?? []);
  const known = new Map(people.map((p) => [p.id, p]));
  const actions = [];
  for (const line of linesOf(command, 'action')) actions.push(await readAction(ctx, line, heldOn, known));
  return { title, heldOn, kind, clusterIds, participants, organisationIds, actions, people: known, decisions: textsOf(command, 'decision'), notes: textsOf(command, 'note'), ...(chooseFrom ? { chooseFrom } : {}) };
}

/** The clusters a leader or deputy logs meetings in: those they lead or deputise (a member's cluster is not
 *  theirs to log for, as with notes and weekly notes). A project manager may log in any cluster. */
export function loggableClusters(actor: HandlerContext['actor']): { clusterId: string; clusterName: string }[] {
  const own: { clusterId: string; clusterName: string }[] = [];
  for (const m of actor.clusterRoles) {
    if ((m.role === 'leader' || m.role === 'deputy') && !own.some((o) => o.clusterId === m.clusterId)) own.push({ clusterId: m.clusterId, clusterName: m.clusterName });
  }
  return own;
}

/**
 * Which clusters the meeting belongs to. A leader or deputy must name at least one cluster they lead or
 * deputise; others may join it as a joint meeting (a PM may name any).
 * Without `cluster:` a leader's or deputy's meeting goes to their one cluster; with several they choose
 * (`chooseFrom`); a project manager's meeting without `cluster:` is programme-wide (network, board).
 */
export async function meetingClusters(ctx: HandlerContext, names: string[]): Promise<{ clusterIds: string[]; chooseFrom?: string[] }> {
  const manager = ctx.actor.programmeRoles.includes('manager');
  const own = loggableClusters(ctx.actor);
  if (names.length > 0) {
    const clusters = await readClusters(ctx, names);
    // A joint meeting may name other clusters beside one's own (logged once, so it is counted once); a meeting
    // of only other clusters is theirs to log.
    const mine = manager || clusters.some((c) => own.some((o) => o.clusterId === c.id));
    if (!mine) throw new LoketError('meeting.cluster_not_allowed', { cluster: list(ctx.actor.language, clusters.map((c) => c.name)), clusters: list(ctx.actor.language, own.map((o) => o.clusterName)) || '–' }, meetingExamples[ctx.actor.language]);
    return { clusterIds: clusters.map((c) => c.id) };
  }
  if (manager || own.length === 0) return { clusterIds: [] };
  if (own.length === 1) return { clusterIds: [own[0]!.clusterId] };
  return { clusterIds: [], chooseFrom: own.map((o) => o.clusterName) };
}

/** With no kind given, a meeting of named clusters is a cluster meeting, one of nobody's a network meeting. */
function meetingKindOr(kind: MeetingKind | undefined, hasClusters: boolean): MeetingKind {
  return kind ?? (hasClusters ? 'cluster' : 'network');
}

async function readClusters(ctx: HandlerContext, names: string[]): Promise<Cluster[]> {
  const found: Cluster[] = [];
  for (const name of names) {
    for (const cluster of await clustersNamed(ctx, name)) if (!found.some((c) => c.id === cluster.id)) found.push(cluster);
  }
  return found;
}

/** One name, or — as the meeting form sends it, `cluster:"Rymd, Skog"` in one pair of quotes — a
 *  comma-separated list when no cluster has the whole name. */
async function clustersNamed(ctx: HandlerContext, name: string) {
  if (name.includes(',')) {
    const { cluster } = await ctx.repos.clusters.findByName(ctx.actor.programmeId, name);
    if (cluster) return [await requireOpenCluster(ctx, cluster.name, meetingExamples[ctx.actor.language])];
    const found = [];
    for (const part of name.split(',').map((n) => n.trim()).filter(Boolean)) found.push(await requireOpenCluster(ctx, part, meetingExamples[ctx.actor.language]));
    return found;
  }
  // A retired cluster takes no new meetings (`cluster retire`); its old ones stay as they are.
  return [await requireOpenCluster(ctx, name, meetingExamples[ctx.actor.language])];
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
  const { language } = ctx.actor;
  const actionExample = actionExamples[language];
  const first = line.tokens[0];
  const owner = first?.type === 'person' ? await resolvePerson(ctx, first.ref, actionExample) : (await ctx.repos.people.findById(ctx.actor.programmeId, ctx.actor.personId)).person!;
  known.set(owner.id, owner);
  const due = line.tokens.find((t) => t.type === 'option' && t.key === 'due');
  const dueOn = readDay(due?.type === 'option' ? due.value : undefined, language === 'sv' ? 'senast' : 'due', actionExample) ?? null;
  if (dueOn && dueOn < heldOn) throw new LoketError('meeting.due_before_meeting', { due: dueOn, date: heldOn }, actionExample);
  let text = first?.type === 'person' ? line.text.slice(line.text.indexOf(first.raw) + first.raw.length) : line.text;
  // `senast:` is the Swedish `due:` (the binder reads both as `due`); neither belongs in the text.
  text = text.replace(/(?:^|\s+)(?:due|senast|förfaller):\S*\s*/iu, ' ').trim();
  if (!text) throw new LoketError('args.missing', { what: 'meeting.action_text_what' }, actionExample);
  return { ownerId: owner.id, text, dueOn };
}

// `evaluate <meeting>`: each participant LOKET knows gets a short private question through the outbox,
// queued in the command's own transaction (a refused command sends nothing) and keyed per person, so
// nobody is asked twice however often `evaluate` runs (handlers/core/outbox-dispatcher.ts delivers it).
import type { Meeting } from '../../db/meetings.repository.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import type { Language } from '../core/incoming.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { list, t } from '../i18n/index.js';
import { requireMeeting } from '../meetings/meeting-lookup.js';
import { evaluateExample as example } from './meeting-examples.js';

export const EVALUATION_WINDOW_DAYS = 14;

type Participant = { personId: string; displayName: string; platform: string; userId: string; language: 'sv' | 'en' | null };

type EvaluateArgs = { meeting: { text: string } };

export async function evaluate(ctx: HandlerContext<EvaluateArgs>): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const meeting = await requireMeeting(ctx, ctx.args.meeting.text, example);
  const id = shortId('M', meeting.number);
  if (meeting.authorId !== actor.personId && !actor.programmeRoles.includes('manager')) throw new LoketError('eval.not_allowed', { id }, example);
  const { participants } = await repos.evaluations.knownParticipants(actor.programmeId, meeting.id);
  // The one who asks is not asked: an organiser rating their own meeting would only blur the answers.
  const others = participants.filter((p) => p.personId !== actor.personId);
  if (!others.length) throw new LoketError(participants.length ? 'eval.only_asker' : 'eval.no_participants', { id }, example);
  const reachable: Participant[] = [];
  const unreachable: Participant[] = [];
  for (const p of others) ((await canReach(ctx, p)) ? reachable : unreachable).push(p);
  const now = clock.now();
  const closesAt = new Date(now.getTime() + EVALUATION_WINDOW_DAYS * 86_400_000);
  // Only those who can be reached are marked asked, so a later `evaluate` reaches them once they can be.
  const { personIds: asked } = await repos.evaluations.markAsked({ programmeId: actor.programmeId, meetingId: meeting.id, personIds: reachable.map((p) => p.personId), at: now, closesAt });
  for (const p of reachable.filter((r) => asked.includes(r.personId))) {
    const reply = question(ctx, meeting, p.language ?? ctx.settings.defaultLanguage, closesAt);
    await repos.outbox.enqueue({ programmeId: actor.programmeId, kind: 'evaluation.ask', key: `evaluation.ask:${meeting.id}:${p.personId}`, personIds: [p.personId], reply: reply as unknown as Record<string, unknown>, at: now });
  }
  if (asked.length) await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'evaluation.ask', subjectType: 'meeting', subjectId: meeting.id, detail: { ref: id, asked: asked.length }, at: now });
  const lang = actor.language;
  const lines = [t(lang, 'eval.asked', { count: asked.length, id })];
  const before = reachable.length - asked.length;
  if (before > 0) lines.push(t(lang, 'eval.already', { count: before }));
  if (unreachable.length) lines.push(t(lang, 'eval.unreachable', { names: list(lang, unreachable.map((p) => p.displayName)) }));
  return { visibility: 'private', blocks: lines.map((text) => ({ type: 'text', text })) };
}

/** Slack can always open a DM; a Teams bot only where the app is installed for the person (their 1:1
 *  chat is stored); a console person reads nothing unasked. */
async function canReach(ctx: HandlerContext, p: Participant): Promise<boolean> {
  if (p.platform === 'slack') return true;
  if (p.platform !== 'teams') return false;
  const { conversation } = await ctx.repos.conversations.findPersonal(ctx.actor.programmeId, 'teams', p.userId);
  return conversation !== undefined && conversation !== null;
}

/** The private question: a button per score and one that opens the answer with a comment. */
function question(ctx: HandlerContext, meeting: Meeting, lang: Language, closesAt: Date): Reply {
  const id = shortId('M', meeting.number);
  const closes = dayIn(ctx.settings.timezone, closesAt);
  const buttons = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), command: `rate ${id} ${n}` }));
  return {
    visibility: 'private',
    title: t(lang, 'eval.question_title', { title: meeting.title, id, date: meeting.heldOn }),
    blocks: [{ type: 'text', text: t(lang, 'eval.question_text', { id, closes }) }],
    buttons: [...buttons, { label: t(lang, 'eval.comment_button'), command: `rate ${id}`, style: 'primary' }],
  };
}

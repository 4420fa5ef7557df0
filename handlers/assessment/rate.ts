import { formMaxLength, textLimits } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { requireMeeting } from '../meetings/meeting-lookup.js';
import { rateExample } from './meeting-examples.js';

type RateArgs = { meeting: { text: string }; score?: string; comment?: string; scoreKey?: number; commentKey?: string };

/** What the person will use, cleared: `rate M5 -` (or `rate M5 4 -`); a dash is what phones make of it too. */
const CLEAR = /^[-–—]$/;

/** `rate <meeting> <1–5> [what I will use]`: a participant who was asked answers, or changes the answer,
 *  until the window closes; `rate <meeting> <what I will use>` changes only what they will use, and `rate
 *  <meeting> -` removes it. `rate <meeting>` alone opens the answer as a form, whose comment field holds the
 *  whole comment: submitted empty, it removes it. */
export async function rate(ctx: HandlerContext<RateArgs>): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const lang = actor.language;
  const example = rateExample[lang];
  const typed = readTyped(ctx.args.score, ctx.args.comment, example);
  const meeting = await requireMeeting(ctx, ctx.args.meeting.text, example);
  const id = shortId('M', meeting.number);
  const { evaluation } = await repos.evaluations.find(actor.programmeId, meeting.id, actor.personId);
  if (!evaluation) throw new LoketError('eval.not_asked', { id }, example);
  const now = clock.now();
  const closes = dayIn(settings.timezone, evaluation.closesAt);
  if (now >= evaluation.closesAt) throw new LoketError('eval.closed', { id, date: closes }, example);
  const written = (ctx.args.commentKey ?? typed.comment)?.trim() || undefined;
  // The form sends the whole answer: a score without a comment is a comment field left empty. A typed
  // `rate M5 score:4` (the console's form syntax) changes the score only, as `rate M5 4` does.
  const fromForm = ctx.message.fromForm === true && ctx.args.scoreKey !== undefined && ctx.args.commentKey === undefined && typed.comment === undefined;
  const clear = (written !== undefined && CLEAR.test(written)) || fromForm;
  const comment = clear ? undefined : written;
  const changesComment = clear || comment !== undefined;
  const score = ctx.args.scoreKey ?? typed.score ?? (changesComment ? evaluation.usefulness ?? undefined : undefined);
  if (score === undefined && changesComment) throw new LoketError('eval.score_missing', {}, example);
  if (score === undefined) return rateForm(lang, id, evaluation.usefulness, evaluation.comment);
  const { evaluation: saved } = await repos.evaluations.answer({ programmeId: actor.programmeId, id: evaluation.id, usefulness: score, ...(comment ? { comment } : clear ? { comment: null } : {}), at: now });
  if (!saved) throw new LoketError('eval.closed', { id, date: closes }, example);
  if (clear && evaluation.comment) return { visibility: 'private', blocks: [{ type: 'text', text: t(lang, 'eval.comment_cleared', { id, score, closes }) }] };
  if (saved.comment) return { visibility: 'private', blocks: [{ type: 'text', text: t(lang, 'eval.answered_comment', { id, score, comment: saved.comment, closes }) }] };
  const text = `${t(lang, 'eval.answered', { id, score, closes })}\n${t(lang, 'eval.ask_comment', { id, score })}`;
  return { visibility: 'private', blocks: [{ type: 'text', text }], buttons: [{ label: t(lang, 'eval.comment_button'), command: `rate ${id}` }] };
}

/** The first word after the meeting is the score when it is a number (a whole one from 1 to 5, or a
 *  refusal); any other word starts what the person will use, so the comment can be changed alone. */
function readTyped(first: string | undefined, rest: string | undefined, example: string): { score?: number; comment?: string } {
  if (first === undefined) return {};
  if (!/^[-+]?\d+(?:[.,/]\d+)?$/.test(first)) return { comment: [first, rest].filter(Boolean).join(' ') };
  const score = Number(first);
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new LoketError('args.integer_invalid', { value: first, min: 1, max: 5 }, example);
  return { score, ...(rest ? { comment: rest } : {}) };
}

function rateForm(lang: 'sv' | 'en', id: string, score: number | null, comment: string | null): Reply {
  const options = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: n === 1 ? t(lang, 'eval.score_label_1') : n === 5 ? t(lang, 'eval.score_label_5') : String(n) }));
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: t(lang, 'eval.field_score') }],
    form: {
      title: t(lang, 'eval.form_title'),
      verb: 'rate',
      submitLabel: t(lang, 'eval.form_submit'),
      language: lang,
      fields: [
        { key: '_text', label: id, kind: 'text', required: true, initial: id },
        { key: 'score', label: t(lang, 'eval.field_score'), kind: 'select', required: true, options, ...(score ? { initial: String(score) } : {}) },
        { key: 'comment', label: t(lang, 'eval.field_comment'), kind: 'multiline', maxLength: formMaxLength(textLimits.body), ...(comment ? { initial: comment } : {}) },
      ],
    },
  };
}

import { formMaxLength, textLimits } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { requireMeeting } from '../meetings/meeting-lookup.js';

const example = 'rate M12 4 Kontakter för ett gemensamt projekt';

type RateArgs = { meeting: { text: string }; score?: number; comment?: string; scoreKey?: number; commentKey?: string };

/** `rate <meeting> <1–5> [what I will use]`: a participant who was asked answers, or changes the answer,
 *  until the window closes. `rate <meeting>` alone opens the answer as a form. */
export async function rate(ctx: HandlerContext<RateArgs>): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const lang = actor.language;
  const meeting = await requireMeeting(ctx, ctx.args.meeting.text, example);
  const id = shortId('M', meeting.number);
  const { evaluation } = await repos.evaluations.find(actor.programmeId, meeting.id, actor.personId);
  if (!evaluation) throw new LoketError('eval.not_asked', { id }, example);
  const now = clock.now();
  const closes = dayIn(settings.timezone, evaluation.closesAt);
  if (now >= evaluation.closesAt) throw new LoketError('eval.closed', { id, date: closes }, example);
  const comment = (ctx.args.commentKey ?? ctx.args.comment)?.trim() || undefined;
  const score = ctx.args.scoreKey ?? ctx.args.score ?? (comment ? evaluation.usefulness ?? undefined : undefined);
  if (score === undefined && comment) throw new LoketError('eval.score_missing', {}, example);
  if (score === undefined) return rateForm(lang, id, evaluation.usefulness, evaluation.comment);
  const { evaluation: saved } = await repos.evaluations.answer({ programmeId: actor.programmeId, id: evaluation.id, usefulness: score, ...(comment ? { comment } : {}), at: now });
  if (!saved) throw new LoketError('eval.closed', { id, date: closes }, example);
  if (saved.comment) return { visibility: 'private', blocks: [{ type: 'text', text: t(lang, 'eval.answered_comment', { id, score, comment: saved.comment, closes }) }] };
  const text = `${t(lang, 'eval.answered', { id, score, closes })}\n${t(lang, 'eval.ask_comment', { id, score })}`;
  return { visibility: 'private', blocks: [{ type: 'text', text }], buttons: [{ label: t(lang, 'eval.comment_button'), command: `rate ${id}` }] };
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

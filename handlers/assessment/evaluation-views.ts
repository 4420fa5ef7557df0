// What a meeting's evaluation shows: how many were asked and answered, the average and the comments, never
// who said what (the comments come in a fixed order unrelated to who answered when).
import type { EvaluationSummary } from '../../db/evaluations.repository.js';
import type { Language } from '../core/incoming.js';
import type { ReplyBlock } from '../core/reply.js';
import type { HandlerContext } from '../core/spec.js';
import { t } from '../i18n/index.js';

type ViewContext = Pick<HandlerContext, 'actor' | 'repos'>;

/** Most comments a reply shows; the dashboard and the export carry all of them. */
const SHOWN_COMMENTS = 5;

export function formatAverage(language: Language, average: number | null): string {
  return average === null ? '–' : new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}

/** The evaluation's blocks for `meeting show`, or none when nobody was asked. */
export async function evaluationBlocks(ctx: ViewContext, meetingId: string): Promise<ReplyBlock[]> {
  const { summary } = await ctx.repos.evaluations.summaryOf(ctx.actor.programmeId, meetingId);
  return summaryBlocks(ctx.actor.language, summary);
}

export function summaryBlocks(lang: Language, summary: EvaluationSummary): ReplyBlock[] {
  if (!summary.asked) return [];
  const value = summary.answers
    ? t(lang, 'eval.summary_value', { answers: summary.answers, asked: summary.asked, average: formatAverage(lang, summary.average) })
    : t(lang, 'eval.summary_none', { asked: summary.asked });
  const blocks: ReplyBlock[] = [{ type: 'fields', fields: [{ label: t(lang, 'eval.summary_label'), value }] }];
  if (summary.comments.length) blocks.push({ type: 'list', title: t(lang, 'eval.comments_title'), items: summary.comments.slice(0, SHOWN_COMMENTS).map((c) => (c.length > 160 ? `${c.slice(0, 157)}…` : c)) });
  return blocks;
}

import { formMaxLength, textLimits } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import type { Language } from '../core/incoming.js';
import { textReply, type Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import type { Bilingual } from '../core/spec.js';
import { requireOwnProposal } from './exchange-common.js';
import { list, t } from '../i18n/index.js';

export const exchangeDoneExample: Bilingual = {
  sv: 'exchange done X7 lärdom: Börja med en skiss på en sida innan partnerna tillfrågas.',
  en: 'exchange done X7 learned: Start with a one-page sketch before asking the partners.',
};

/** `exchange done <id> learned: …`: what one side learned, kept as a note of both clusters so `search` finds it. */
export async function exchangeDone(ctx: HandlerContext<{ id: { number: number }; learned: string | undefined }>): Promise<Reply> {
  const example = exchangeDoneExample[ctx.actor.language];
  const { details, id } = await requireOwnProposal(ctx, ctx.args.id.number);
  const text = ctx.args.learned ?? '';
  const introduced = details.proposal.state === 'introduced' || details.proposal.state === 'done';
  // The follow-up's button sends `exchange done <id>` alone: it opens a form (Slack modal, Teams card).
  if (!text && introduced) return learnedForm(id, ctx.actor.language, example);
  if (!text) throw new LoketError('args.missing', { what: 'exchange.learned_what' }, example);
  if (!introduced) throw new LoketError('exchange.not_introduced', { id }, `exchange accept ${id}`);
  const lang = ctx.actor.language;
  const noteText = t(lang, 'exchange.learning_note', { id, need: details.need.cluster, offer: details.offer.cluster, needTopic: details.need.topic, offerTopic: details.offer.topic, text });
  const { notes } = await ctx.repos.exchanges.recordLearning({
    programmeId: ctx.actor.programmeId, proposalId: details.proposal.id, personId: ctx.actor.personId, text, noteText,
    clusterIds: [details.need.clusterId, details.offer.clusterId], at: ctx.clock.now(),
  });
  if (!notes) throw new LoketError('exchange.learning_twice', { id }, 'search');
  await ctx.repos.audit.record({ programmeId: ctx.actor.programmeId, actorId: ctx.actor.personId, action: 'exchange.done', subjectType: 'exchange', subjectId: details.proposal.id, detail: { ref: id }, at: ctx.clock.now() });
  return textReply(t(lang, 'exchange.learning_saved', { id, notes: notes.map((n) => shortId('N', n.number)).join(', '), clusters: list(lang, [...new Set([details.need.cluster, details.offer.cluster])]) }));
}

function learnedForm(id: string, lang: Language, example: string): Reply {
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: t(lang, 'exchange.done_form_intro', { id }) }, { type: 'text', text: example }],
    form: {
      title: t(lang, 'exchange.done_form_title', { id }),
      verb: 'exchange done',
      submitLabel: t(lang, 'exchange.done_form_submit'),
      language: lang,
      fields: [
        { key: '_text', label: t(lang, 'exchange.done_field_id'), kind: 'text', required: true, initial: id },
        { key: 'learned', label: t(lang, 'exchange.done_field_learned'), kind: 'multiline', required: true, maxLength: formMaxLength(textLimits.body) },
      ],
    },
  };
}

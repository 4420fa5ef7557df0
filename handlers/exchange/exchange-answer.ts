import type { ProposalDetails, Side } from '../../db/exchanges.repository.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { textReply, type Reply } from '../core/reply.js';
import { requireOwnProposal } from './exchange-common.js';
import { introduction } from './exchange-messages.js';
import { queueDeclineNotice, queueIntroduction } from './exchange-notify.js';
import { t } from '../i18n/index.js';

export { contactOf } from './exchange-messages.js';

type ExchangeId = { number: number };
export const exchangeDeclineExample = { sv: 'exchange decline X7 Hinner inte före sommaren', en: 'exchange decline X7 No time before the summer' } as const;

/** `exchange accept <id>`: one side's yes; the second yes introduces the two to each other. */
export async function exchangeAccept(ctx: HandlerContext<{ id: ExchangeId }>): Promise<Reply> {
  const example = 'exchange accept X7';
  const { details, side, id } = await requireOwnProposal(ctx, ctx.args.id.number);
  refuseIfAnswered(details, side, id, example);
  const { proposal } = await ctx.repos.exchanges.answer({ proposalId: details.proposal.id, side, answer: 'accepted', at: ctx.clock.now() });
  // Another command answered between our read and our update (a double click): same reply as answering twice.
  if (!proposal) throw new LoketError('exchange.already_answered', { id }, 'exchange list mine');
  await ctx.repos.audit.record({ programmeId: ctx.actor.programmeId, actorId: ctx.actor.personId, action: 'exchange.accept', subjectType: 'exchange', subjectId: details.proposal.id, detail: { ref: id }, at: ctx.clock.now() });
  const lang = ctx.actor.language;
  const [me, other] = side === 'need' ? [details.need, details.offer] : [details.offer, details.need];
  if (proposal.state !== 'introduced') return textReply(t(lang, 'exchange.accepted_waiting', { id, name: other.name }));
  await ctx.repos.exchanges.closePost(details.proposal.needId, ctx.clock.now());
  const sent = await queueIntroduction(ctx, details, side);
  const reply = introduction(id, me, other, details, lang);
  if (sent === 'none') return reply;
  const note = t(lang, sent === 'group' ? 'exchange.intro_group_opened' : 'exchange.intro_also_sent', { name: other.name });
  return { ...reply, blocks: [...reply.blocks, { type: 'text', text: note }] };
}

/** `exchange decline <id> [reason]`: closes the proposal; the need stays open for other offers. */
export async function exchangeDecline(ctx: HandlerContext<{ id: ExchangeId; reason: string | undefined }>): Promise<Reply> {
  const { details, side, id } = await requireOwnProposal(ctx, ctx.args.id.number);
  refuseIfAnswered(details, side, id, exchangeDeclineExample[ctx.actor.language]);
  const reason = ctx.args.reason || undefined;
  const { proposal } = await ctx.repos.exchanges.answer({ proposalId: details.proposal.id, side, answer: 'declined', reason, at: ctx.clock.now() });
  if (!proposal) throw new LoketError('exchange.already_answered', { id }, 'exchange list mine');
  await ctx.repos.audit.record({ programmeId: ctx.actor.programmeId, actorId: ctx.actor.personId, action: 'exchange.decline', subjectType: 'exchange', subjectId: details.proposal.id, detail: { ref: id }, at: ctx.clock.now() });
  await queueDeclineNotice(ctx, details, side, reason);
  return textReply(t(ctx.actor.language, 'exchange.declined', { id }));
}

function refuseIfAnswered(details: ProposalDetails, side: Side, id: string, example: string) {
  const own = side === 'need' ? details.proposal.needAnswer : details.proposal.offerAnswer;
  if (own) throw new LoketError('exchange.already_answered', { id }, 'exchange list mine');
  if (details.proposal.state !== 'proposed') throw new LoketError('exchange.closed', { id }, example);
}

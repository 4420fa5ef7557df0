import type { ProposalDetails, Side } from '../db/exchanges.repository.js';
import { positional } from './core/command.js';
import type { HandlerContext } from './core/context.js';
import { LoketError } from './core/errors.js';
import type { Language } from './core/incoming.js';
import { textReply, type Reply } from './core/reply.js';
import { requireOwnProposal } from './exchange-common.js';
import { t } from './i18n/index.js';

type Party = ProposalDetails['need'];

/** How to reach the other person: a mention when both are in the same Slack workspace, else their
 *  platform id (bots cannot open chats across workspaces, nor group chats in Teams). */
export function contactOf(other: Party, me: Pick<Party, 'platform' | 'workspaceId'>): string {
  if (other.platform === 'slack' && me.platform === 'slack' && other.workspaceId === me.workspaceId) return `<@${other.userId}>`;
  return `${other.platform} ${other.userId} (${other.workspaceId})`;
}

/** `exchange accept <id>`: one side's yes; the second yes introduces the two to each other. */
export async function exchangeAccept(ctx: HandlerContext): Promise<Reply> {
  const example = 'exchange accept X7';
  const { details, side, id } = await requireOwnProposal(ctx, example);
  refuseIfAnswered(details, side, id, example);
  const { proposal } = await ctx.repos.exchanges.answer({ proposalId: details.proposal.id, side, answer: 'accepted', at: ctx.clock.now() });
  // Another command answered between our read and our update (a double click): same reply as answering twice.
  if (!proposal) throw new LoketError('exchange.already_answered', { id }, 'exchange list mine');
  const lang = ctx.actor.language;
  const [me, other] = side === 'need' ? [details.need, details.offer] : [details.offer, details.need];
  if (proposal.state !== 'introduced') return textReply(t(lang, 'exchange.accepted_waiting', { id, name: other.name }));
  await ctx.repos.exchanges.closePost(details.proposal.needId, ctx.clock.now());
  return introduction(id, me, other, details, lang);
}

/** `exchange decline <id> [reason]`: closes the proposal; the need stays open for other offers. */
export async function exchangeDecline(ctx: HandlerContext): Promise<Reply> {
  const example = 'exchange decline X7 Hinner inte före sommaren';
  const { details, side, id } = await requireOwnProposal(ctx, example);
  refuseIfAnswered(details, side, id, example);
  const reason = positional(ctx.command).slice(1).join(' ').trim() || undefined;
  const { proposal } = await ctx.repos.exchanges.answer({ proposalId: details.proposal.id, side, answer: 'declined', reason, at: ctx.clock.now() });
  if (!proposal) throw new LoketError('exchange.already_answered', { id }, 'exchange list mine');
  return textReply(t(ctx.actor.language, 'exchange.declined', { id }));
}

function refuseIfAnswered(details: ProposalDetails, side: Side, id: string, example: string) {
  const own = side === 'need' ? details.proposal.needAnswer : details.proposal.offerAnswer;
  if (own) throw new LoketError('exchange.already_answered', { id }, 'exchange list mine');
  if (details.proposal.state !== 'proposed') throw new LoketError('exchange.closed', { id }, example);
}

function introduction(id: string, me: Party, other: Party, details: ProposalDetails, lang: Language): Reply {
  return {
    visibility: 'private',
    title: t(lang, 'exchange.intro_title', { id, name: other.name }),
    blocks: [
      { type: 'text', text: t(lang, 'exchange.intro_text', { name: other.name }) },
      {
        type: 'fields',
        fields: [
          { label: t(lang, 'exchange.field_name'), value: other.name },
          { label: t(lang, 'exchange.field_cluster'), value: other.cluster },
          { label: t(lang, 'exchange.field_org'), value: other.organisation ?? '–' },
          { label: t(lang, 'exchange.field_contact'), value: contactOf(other, me) },
        ],
      },
      {
        type: 'list',
        title: t(lang, 'exchange.agenda_title'),
        items: [t(lang, 'exchange.agenda_need', { topic: details.need.topic }), t(lang, 'exchange.agenda_offer', { topic: details.offer.topic }), t(lang, 'exchange.agenda_done', { id })],
      },
    ],
  };
}

// Queues the peer-exchange messages other people get because of a command: the proposal to the side that
// did not ask, the introduction when both said yes, and a decline notice. They go into the outbox in the
// command's own transaction, so a refused or failed command sends nothing and a committed one always
// sends (handlers/core/outbox-dispatcher.ts delivers after the commit, and again after a crash).
import type { OfferMatch, ProposalDetails, Side } from '../../db/exchanges.repository.js';
import type { HandlerContext } from '../core/context.js';
import type { Language } from '../core/incoming.js';
import type { Reply } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { reasonFor } from './exchange-common.js';
import { groupIntroduction, introduction, proposalMessage, sidesOf, type Party } from './exchange-messages.js';
import { t } from '../i18n/index.js';

/** Only Slack and Teams people can be reached unasked; the console's people see it in `exchange list mine`. */
const reachable = (p: Party) => p.platform === 'slack' || p.platform === 'teams';
const languageOf = (ctx: HandlerContext, p: Party): Language => p.language ?? ctx.settings.defaultLanguage;

async function queue(ctx: HandlerContext, kind: string, key: string, people: Party[], reply: Reply) {
  const { queued } = await ctx.repos.outbox.enqueue({
    programmeId: ctx.actor.programmeId, kind, key, personIds: people.map((p) => p.personId), reply: reply as unknown as Record<string, unknown>, at: ctx.clock.now(),
  });
  return queued;
}

/** The proposal, with Accept/Decline buttons, to each of `sides` (the asker already has it as their reply). */
export async function queueProposal(ctx: HandlerContext, number: number, match: OfferMatch, sides: Side[]) {
  const { proposal: details } = await ctx.repos.exchanges.findProposal(ctx.actor.programmeId, number);
  if (!details) return;
  const id = shortId('X', number);
  for (const side of sides) {
    const [me] = sidesOf(details, side);
    if (!reachable(me)) continue;
    const lang = languageOf(ctx, me);
    await queue(ctx, 'exchange.proposal', `exchange.proposal:${details.proposal.id}:${side}`, [me], proposalMessage(id, details, side, reasonFor(match, lang), lang));
  }
}

/**
 * The second yes: both in one Slack workspace get one group DM; otherwise the other side gets a 1:1
 * introduction of the one who just accepted, whose own 1:1 introduction is the command's reply. Called only
 * by the accept whose conditional update made the proposal `introduced`, and the outbox key is unique, so
 * two concurrent clicks introduce once.
 */
export async function queueIntroduction(ctx: HandlerContext, details: ProposalDetails, acceptor: Side): Promise<'group' | 'direct' | 'none'> {
  const id = shortId('X', details.proposal.number);
  const [me, other] = sidesOf(details, acceptor);
  const sameSlack = me.platform === 'slack' && other.platform === 'slack' && me.workspaceId === other.workspaceId;
  if (sameSlack) {
    await queue(ctx, 'exchange.introduction', `exchange.introduction:${details.proposal.id}:group`, [details.need, details.offer], groupIntroduction(id, details, languageOf(ctx, details.need)));
    return 'group';
  }
  if (!reachable(other)) return 'none';
  const otherSide: Side = acceptor === 'need' ? 'offer' : 'need';
  await queue(ctx, 'exchange.introduction', `exchange.introduction:${details.proposal.id}:${otherSide}`, [other], introduction(id, other, me, details, languageOf(ctx, other)));
  return 'direct';
}

/** Tells the other side that a proposal was declined, so nobody waits for an answer that will not come. */
export async function queueDeclineNotice(ctx: HandlerContext, details: ProposalDetails, decliner: Side, reason: string | undefined) {
  const [me, other] = sidesOf(details, decliner);
  if (!reachable(other)) return;
  const id = shortId('X', details.proposal.number);
  const lang = languageOf(ctx, other);
  const text = reason ? t(lang, 'exchange.declined_notice_reason', { name: me.name, id, reason }) : t(lang, 'exchange.declined_notice', { name: me.name, id });
  const otherSide: Side = decliner === 'need' ? 'offer' : 'need';
  await queue(ctx, 'exchange.declined', `exchange.declined:${details.proposal.id}:${otherSide}`, [other], { visibility: 'private', blocks: [{ type: 'text', text }] });
}

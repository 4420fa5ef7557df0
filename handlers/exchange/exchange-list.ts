import type { ProposalDetails } from '../../db/exchanges.repository.js';
import type { HandlerContext } from '../core/context.js';
import { shorten } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import type { Reply, ReplyBlock, ReplyButton } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { answerButtons, readReason } from './exchange-common.js';
import { contactOf } from './exchange-answer.js';
import { t } from '../i18n/index.js';

type Posts = Awaited<ReturnType<HandlerContext['repos']['exchanges']['listPosts']>>['posts'];

/** `exchange list [mine|open]`: open needs and offers of the programme, or one's own with their proposals. */
export async function exchangeList(ctx: HandlerContext<{ filter: 'mine' | 'open' | undefined }>): Promise<Reply> {
  const lang = ctx.actor.language;
  const mine = ctx.args.filter === 'mine';
  const { posts } = await ctx.repos.exchanges.listPosts(ctx.actor.programmeId, mine ? ctx.actor.personId : undefined);
  const blocks: ReplyBlock[] = [...postBlocks(posts, 'need', lang), ...postBlocks(posts, 'offer', lang)];
  const buttons: ReplyButton[] = [];
  if (mine) {
    const { proposals } = await ctx.repos.exchanges.proposalsOf(ctx.actor.programmeId, ctx.actor.personId);
    if (proposals.length) blocks.push({ type: 'list', title: t(lang, 'exchange.list_proposals'), items: proposals.map((p) => proposalLine(p, ctx.actor.personId, lang)) });
    for (const p of proposals) if (p.proposal.state === 'proposed' && ownAnswer(p, ctx.actor.personId) === null) buttons.push(...answerButtons(shortId('X', p.proposal.number), lang));
  }
  if (blocks.length === 0) blocks.push({ type: 'text', text: t(lang, mine ? 'exchange.list_empty_mine' : 'exchange.list_empty') });
  return { visibility: 'private', title: t(lang, mine ? 'exchange.list_title_mine' : 'exchange.list_title'), blocks, ...(buttons.length ? { buttons } : {}) };
}

function postBlocks(posts: Posts, kind: 'need' | 'offer', lang: Language): ReplyBlock[] {
  const items = posts
    .filter((p) => p.post.kind === kind)
    .map((p) => `${p.cluster} · ${p.person}: ${shorten(p.post.topic, 200)}${p.post.tags ? ` [${p.post.tags.split(',').join(', ')}]` : ''}`);
  return items.length ? [{ type: 'list', title: t(lang, kind === 'need' ? 'exchange.list_needs' : 'exchange.list_offers'), items }] : [];
}

function ownAnswer(p: ProposalDetails, personId: string) {
  return p.need.personId === personId ? p.proposal.needAnswer : p.proposal.offerAnswer;
}

function proposalLine(p: ProposalDetails, personId: string, lang: Language): string {
  const [me, other] = p.need.personId === personId ? [p.need, p.offer] : [p.offer, p.need];
  const state = t(lang, `exchange.state.${p.proposal.state}`);
  const line = `${shortId('X', p.proposal.number)} · ${other.name} (${other.cluster}) · ${state} – ${readReason(p.proposal.reason, lang)}`;
  return p.proposal.state === 'introduced' || p.proposal.state === 'done' ? `${line} · ${contactOf(other, me)}` : line;
}

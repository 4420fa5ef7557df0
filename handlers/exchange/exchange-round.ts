import type { HandlerContext } from '../core/context.js';
import type { Reply, ReplyBlock } from '../core/reply.js';
import { proposeForNeed } from './exchange-common.js';
import { queueProposal } from './exchange-notify.js';
import { list, t } from '../i18n/index.js';

/**
 * `exchange round` (PM): one proposal for each open need, each person in at most one pair of the round, in
 * the order the needs were stated. Everyone with an open need who got no pair is named, so the PM can tell
 * them — nobody waiting is silently left out (an open offer waits on no one, so it is not listed; a need with
 * a proposal still waiting for answers, or introduced, has its pair and is not named).
 */
export async function exchangeRound(ctx: HandlerContext): Promise<Reply> {
  const lang = ctx.actor.language;
  const { posts } = await ctx.repos.exchanges.listPosts(ctx.actor.programmeId);
  const now = ctx.clock.now();
  const paired = new Set<string>();
  const items: string[] = [];
  for (const { post, person } of posts) {
    if (post.kind !== 'need' || paired.has(post.personId)) continue;
    if ((await ctx.repos.exchanges.isPaused(ctx.actor.programmeId, post.personId, now)).until) continue;
    const [chosen] = await proposeForNeed(ctx, { id: post.id, personId: post.personId }, 1, paired);
    if (!chosen) continue;
    paired.add(post.personId).add(chosen.match.personId);
    // The PM is not a side: both sides get the proposal, with Accept/Decline, as messages of their own.
    await queueProposal(ctx, chosen.number, chosen.match, ['need', 'offer']);
    items.push(t(lang, 'exchange.round_pair', { id: chosen.id, need: person, offer: chosen.match.personName, reason: chosen.reason }));
  }
  if (items.length) await ctx.repos.audit.record({ programmeId: ctx.actor.programmeId, actorId: ctx.actor.personId, action: 'exchange.round', subjectType: 'programme', subjectId: ctx.actor.programmeId, detail: { proposals: items.length }, at: now });
  // Only a need waits on a pair: an offer is there to be chosen, and its person has nothing to be told.
  // A need already waiting on an answer to an earlier proposal, or introduced, has its pair: it is not unpaired.
  const waiting = posts.filter((p) => p.post.kind === 'need' && !paired.has(p.post.personId));
  const { needIds: proposed } = await ctx.repos.exchanges.needsWithLiveProposal(ctx.actor.programmeId, waiting.map((p) => p.post.id));
  const left = [...new Set(waiting.filter((p) => !proposed.has(p.post.id)).map((p) => p.person))];
  const blocks: ReplyBlock[] = items.length ? [{ type: 'list', title: t(lang, 'exchange.round_title', { count: items.length }), items }] : [{ type: 'text', text: t(lang, 'exchange.round_none') }];
  if (left.length) blocks.push({ type: 'text', text: t(lang, 'exchange.round_unmatched', { names: list(lang, left) }) });
  // No buttons: the PM is not a side of these proposals; each side got its own message to answer.
  return { visibility: 'private', blocks };
}

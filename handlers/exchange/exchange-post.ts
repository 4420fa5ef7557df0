import type { ExchangeKind } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import type { Reply, ReplyBlock } from '../core/reply.js';
import type { Bilingual } from '../core/spec.js';
import { answerButtons, leftOutLines, postCluster, proposeForNeed, proposeForOffer, PROPOSALS_PER_NEED, tagsOf } from './exchange-common.js';
import { queueProposal } from './exchange-notify.js';
import { shorten } from '../core/free-text.js';
import { t } from '../i18n/index.js';

export const exchangeNeedExample: Bilingual = {
  sv: 'exchange need Hjälp med en EU-ansökan till Interreg taggar:"eu-projekt,finansiering"',
  en: 'exchange need Help with an EU application to Interreg tags:"eu projects,financing"',
};
export const exchangeOfferExample: Bilingual = {
  sv: 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar gärna mallar taggar:eu-projekt',
  en: 'exchange offer We have written three Interreg applications and gladly share templates tags:"eu projects"',
};

/** What `exchange need` and `exchange offer` receive from the binder. */
export type PostArgs = { topic: string; tags: string[] | undefined; cluster: string | undefined };

/** `exchange need <topic> [tags:…]`: stores the need and proposes the best offers of other clusters. */
export async function exchangeNeed(ctx: HandlerContext<PostArgs>): Promise<Reply> {
  const { post, cluster } = await createPost(ctx, 'need', exchangeNeedExample);
  const lang = ctx.actor.language;
  const proposals = await proposeForNeed(ctx, { id: post.id, personId: post.personId }, PROPOSALS_PER_NEED);
  // The asker gets the proposals as this reply; each offering side gets theirs as a message of its own.
  for (const p of proposals) await queueProposal(ctx, p.number, p.match, ['offer']);
  const saved = t(lang, 'exchange.need_saved', { cluster: cluster.name });
  // A near match a rule kept out is named with the rule, so «nothing fits» is never a mystery (issue 20).
  const leftOut = leftOutBlock(await leftOutLines(ctx, { id: post.id, kind: 'need' }, proposals.map((p) => p.number)));
  if (proposals.length === 0) return { visibility: 'private', blocks: [{ type: 'text', text: `${saved}\n${t(lang, 'exchange.no_match')}` }, ...leftOut] };
  return {
    visibility: 'private',
    blocks: [
      { type: 'text', text: saved },
      { type: 'list', title: t(lang, 'exchange.proposals_title'), items: proposals.map((p) => t(lang, 'exchange.proposal_item', { id: p.id, name: p.match.personName, reason: p.reason })) },
      { type: 'text', text: t(lang, 'exchange.answer_hint') },
      ...leftOut,
    ],
    buttons: proposals.flatMap((p) => answerButtons(p.id, lang)),
  };
}

/**
 * `exchange offer <topic> [tags:…]`: stores the offer and, as a need does, matches it at once against the
 * needs already waiting: each fitting need's person gets the proposal as a message, the offerer as this reply.
 */
export async function exchangeOffer(ctx: HandlerContext<PostArgs>): Promise<Reply> {
  const { post, cluster } = await createPost(ctx, 'offer', exchangeOfferExample);
  const lang = ctx.actor.language;
  const proposals = await proposeForOffer(ctx, { id: post.id, personId: post.personId }, PROPOSALS_PER_NEED);
  const items: string[] = [];
  for (const p of proposals) {
    await queueProposal(ctx, p.number, p.match, ['need']);
    const { proposal } = await ctx.repos.exchanges.findProposal(ctx.actor.programmeId, p.number);
    if (proposal) items.push(t(lang, 'exchange.offer_proposal_item', { id: p.id, name: proposal.need.name, cluster: proposal.need.cluster, topic: shorten(proposal.need.topic, 160) }));
  }
  const leftOut = leftOutBlock(await leftOutLines(ctx, { id: post.id, kind: 'offer' }, proposals.map((p) => p.number)));
  const saved: ReplyBlock = { type: 'text', text: t(lang, 'exchange.offer_saved', { cluster: cluster.name }) };
  if (proposals.length === 0) return { visibility: 'private', blocks: [saved, ...leftOut] };
  return {
    visibility: 'private',
    blocks: [saved, { type: 'list', title: t(lang, 'exchange.offer_proposals_title'), items }, { type: 'text', text: t(lang, 'exchange.answer_hint') }, ...leftOut],
    buttons: proposals.flatMap((p) => answerButtons(p.id, lang)),
  };
}

const leftOutBlock = (lines: string[]): ReplyBlock[] => (lines.length ? [{ type: 'text', text: lines.join('\n') }] : []);

async function createPost(ctx: HandlerContext<PostArgs>, kind: ExchangeKind, example: Bilingual) {
  const { tags } = ctx.args;
  const named = ctx.args.cluster ? undefined : leadingCluster(ctx, ctx.args.topic);
  const topic = named?.rest ?? ctx.args.topic;
  const cluster = await postCluster(ctx, ctx.args.cluster ?? named?.cluster, example[ctx.actor.language]);
  const { post } = await ctx.repos.exchanges.createPost({
    programmeId: ctx.actor.programmeId, kind, clusterId: cluster.id, personId: ctx.actor.personId, topic, tags: tagsOf(tags), at: ctx.clock.now(),
  });
  await ctx.repos.audit.record({ programmeId: ctx.actor.programmeId, actorId: ctx.actor.personId, action: `exchange.${kind}`, subjectType: 'exchange_post', subjectId: post.id, detail: { clusterId: cluster.id }, at: ctx.clock.now() });
  return { post, cluster };
}

/**
 * `utbyte behov Rymd Hjälp med …`: people name the cluster first, as `anteckning Rymd …` does, so a topic that
 * begins with the name of a cluster the person runs (whole words, any case, or "quoted") is read as that cluster
 * and the rest as the topic; without this the need was stored as «Rymd Hjälp med …». Only their own clusters,
 * and only when something is left: a topic that merely begins with a word like a cluster's stays as typed.
 */
function leadingCluster(ctx: HandlerContext, topic: string): { cluster: string; rest: string } | undefined {
  const names = ctx.actor.clusterRoles.filter((m) => m.role === 'leader' || m.role === 'deputy').map((m) => m.clusterName);
  for (const name of names.sort((a, b) => b.length - a.length)) {
    for (const written of [name, `"${name}"`, `“${name}”`]) {
      if (topic.length <= written.length || topic.slice(0, written.length).toLocaleLowerCase('sv') !== written.toLocaleLowerCase('sv')) continue;
      if (!/\s/.test(topic[written.length]!)) continue;
      const rest = topic.slice(written.length).trim();
      if (rest) return { cluster: name, rest };
    }
  }
  return undefined;
}

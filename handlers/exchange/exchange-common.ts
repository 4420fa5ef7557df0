// Shared by the exchange handlers: which cluster a post is for, proposal lookup and the stated reason.
import { subMonths } from 'date-fns';
import type { OfferMatch, ProposalDetails, Side } from '../../db/exchanges.repository.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { shorten } from '../core/free-text.js';
import { requireOpenCluster } from '../core/lookups.js';
import type { ReplyButton } from '../core/reply.js';
import { shortId } from '../core/short-ids.js';
import { list, t } from '../i18n/index.js';
import type { Language } from '../core/incoming.js';
import { IGNORED_MATCH_WORDS } from './exchange-words.js';

/** A pair is not proposed again within this many months (issue 7's default window). */
export const PAIR_WINDOW_MONTHS = 6;
export const PROPOSALS_PER_NEED = 3;

/** The cluster a need or offer is for: `cluster:` when given, else the one cluster the actor leads or deputises. */
export async function postCluster(ctx: HandlerContext, named: string | undefined, example: string) {
  const { actor } = ctx;
  const led = actor.clusterRoles.filter((m) => m.role === 'leader' || m.role === 'deputy');
  if (named) {
    const cluster = await requireOpenCluster(ctx, named, example);
    if (!led.some((m) => m.clusterId === cluster.id) && !actor.programmeRoles.includes('manager')) throw new LoketError('exchange.not_your_cluster', { cluster: cluster.name }, example);
    return { id: cluster.id, name: cluster.name };
  }
  // The example names the cluster with the key in the reader's language, as the command's own example does.
  const key = actor.language === 'sv' ? 'kluster' : 'cluster';
  if (led.length === 1) return { id: led[0]!.clusterId, name: led[0]!.clusterName };
  if (led.length === 0) throw new LoketError('exchange.no_cluster', {}, `${example} ${key}:Rymd`);
  throw new LoketError('exchange.cluster_ambiguous', { clusters: list(actor.language, led.map((m) => m.clusterName)) }, `${example} ${key}:${quoteIfSpaced(led[0]!.clusterName)}`);
}

const quoteIfSpaced = (name: string) => (/\s/.test(name) ? `"${name}"` : name);

/** Tags as stored: lower case, single spaces, each once. `tags:"eu projects,financing"` is quoted whole, so
 *  the list reader hands it over as one item; tags never hold a comma, so every item is split at commas. */
export function tagsOf(tags: readonly string[] | undefined): string[] {
  const words = (tags ?? []).flatMap((item) => item.split(','));
  return [...new Set(words.map((tag) => tag.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean))];
}

/** The proposal a command names (`X7`, read by the binder), refused unless it is this programme's and the
 *  actor is one of its two sides. */
export async function requireOwnProposal(ctx: HandlerContext, number: number): Promise<{ details: ProposalDetails; side: Side; id: string }> {
  const id = shortId('X', number);
  const { proposal } = await ctx.repos.exchanges.findProposal(ctx.actor.programmeId, number);
  if (!proposal) throw new LoketError('exchange.not_found', { id }, 'exchange list mine');
  const side: Side | null = proposal.need.personId === ctx.actor.personId ? 'need' : proposal.offer.personId === ctx.actor.personId ? 'offer' : null;
  if (!side) throw new LoketError('exchange.not_party', { id }, 'exchange list mine');
  return { details: proposal, side, id };
}

export function matchWindow(ctx: HandlerContext) {
  const now = ctx.clock.now();
  return { now, windowStart: subMonths(now, PAIR_WINDOW_MONTHS), today: dayIn(ctx.settings.timezone, now), ignoredWords: IGNORED_MATCH_WORDS };
}

/** What a proposal stores as its reason: the match's facts, not a sentence, so each reader gets it in their own
 *  language (issue 20: «both about drönare; sara's offer …» in a Swedish list). */
export function storedReason(match: OfferMatch): string {
  const { sharedTags, matchedWords, personName, clusterName, topic, otherSector, otherOrganisation, away } = match;
  return JSON.stringify({ sharedTags, matchedWords, personName, clusterName, topic, otherSector, otherOrganisation, away });
}

/** A stored reason in the reader's language; a reason stored as text before issue 20 is shown as it is. */
export function readReason(stored: string, language: Language): string {
  if (!stored.startsWith('{')) return stored;
  try {
    return reasonFor(JSON.parse(stored) as Parameters<typeof reasonFor>[0], language);
  } catch {
    return stored;
  }
}

/** "both about eu projects; Anna's offer: …" — what the two have in common, then what is offered. */
export function reasonFor(match: Pick<OfferMatch, 'sharedTags' | 'matchedWords' | 'personName' | 'clusterName' | 'topic' | 'otherSector' | 'otherOrganisation' | 'away'>, language: Language): string {
  const parts: string[] = [];
  if (match.sharedTags.length) parts.push(t(language, 'exchange.reason_tags', { tags: match.sharedTags.join(', ') }));
  else if (match.matchedWords.length) parts.push(t(language, 'exchange.reason_words', { words: match.matchedWords.join(', ') }));
  parts.push(t(language, 'exchange.reason_offer', { name: match.personName, cluster: match.clusterName, topic: shorten(match.topic, 160) }));
  if (match.otherSector) parts.push(t(language, 'exchange.reason_other_sector'));
  if (match.otherOrganisation) parts.push(t(language, 'exchange.reason_other_org'));
  if (match.away) parts.push(t(language, 'exchange.reason_away', { name: match.personName }));
  return parts.join('; ');
}

export function answerButtons(id: string, language: Language): ReplyButton[] {
  return [
    { label: t(language, 'exchange.button_accept', { id }), command: `exchange accept ${id}`, style: 'primary' },
    { label: t(language, 'exchange.button_decline', { id }), command: `exchange decline ${id}`, style: 'danger' },
  ];
}

/** Proposes the best offers for one need and returns them with their ids and reasons. */
export async function proposeForNeed(ctx: HandlerContext, need: { id: string; personId: string }, limit: number, skipPeople = new Set<string>()) {
  const { matches } = await ctx.repos.exchanges.matchOffers({ programmeId: ctx.actor.programmeId, needId: need.id, ...matchWindow(ctx), limit: limit + skipPeople.size });
  const chosen: { id: string; number: number; match: OfferMatch; reason: string }[] = [];
  for (const match of matches) {
    if (chosen.length >= limit) break;
    if (skipPeople.has(match.personId) || chosen.some((c) => c.match.personId === match.personId)) continue;
    const reason = reasonFor(match, ctx.actor.language);
    const { proposal } = await ctx.repos.exchanges.createProposal({
      programmeId: ctx.actor.programmeId, needId: need.id, offerId: match.offerId, needPersonId: need.personId, offerPersonId: match.personId, reason: storedReason(match), at: ctx.clock.now(),
    });
    // Already proposed to each other by a command running at the same moment: that one tells them.
    if (!proposal) continue;
    chosen.push({ id: shortId('X', proposal.number), number: proposal.number, match, reason });
  }
  return chosen;
}

/**
 * A new offer against the needs already waiting (issue 20: they only got a proposal when stated again): each
 * fitting need of another cluster gets this offer proposed, scored and explained exactly as if the need had
 * just been stated, one need per person, best first.
 */
export async function proposeForOffer(ctx: HandlerContext, offer: { id: string; personId: string }, limit: number) {
  const window = matchWindow(ctx);
  if ((await ctx.repos.exchanges.isPaused(ctx.actor.programmeId, offer.personId, window.now)).until) return [];
  const { needs } = await ctx.repos.exchanges.matchNeeds({ programmeId: ctx.actor.programmeId, offerId: offer.id, ...window, limit: limit * 3 });
  const chosen: { id: string; number: number; match: OfferMatch; reason: string; needPersonId: string }[] = [];
  for (const need of needs) {
    if (chosen.length >= limit) break;
    if (chosen.some((c) => c.needPersonId === need.personId)) continue;
    const [match] = (await ctx.repos.exchanges.matchOffers({ programmeId: ctx.actor.programmeId, needId: need.id, offerId: offer.id, ...window, limit: 1 })).matches;
    if (!match) continue;
    const reason = reasonFor(match, ctx.actor.language);
    const { proposal } = await ctx.repos.exchanges.createProposal({
      programmeId: ctx.actor.programmeId, needId: need.id, offerId: offer.id, needPersonId: need.personId, offerPersonId: offer.personId, reason: storedReason(match), at: window.now,
    });
    if (!proposal) continue;
    chosen.push({ id: shortId('X', proposal.number), number: proposal.number, match, reason, needPersonId: need.personId });
  }
  return chosen;
}

/** At most this many near matches are named in a reply. */
const LEFT_OUT_SHOWN = 3;

/** One line per near match that a rule kept out: «Eriks erbjudande ”…” föreslogs inte: …» (issue 20). */
export async function leftOutLines(ctx: HandlerContext, post: { id: string; kind: 'need' | 'offer' }, justProposed: readonly number[] = []): Promise<string[]> {
  const { now, windowStart, ignoredWords } = matchWindow(ctx);
  const lang = ctx.actor.language;
  const { leftOut } = await ctx.repos.exchanges.leftOut({ programmeId: ctx.actor.programmeId, postId: post.id, now, windowStart, limit: LEFT_OUT_SHOWN + justProposed.length, ignoredWords });
  // A pair proposed by this very post was not left out: the six-month rule would otherwise name its own proposal.
  const kept = leftOut.filter((near) => !(near.why.rule === 'recent_pair' && justProposed.includes(near.why.number))).slice(0, LEFT_OUT_SHOWN);
  return kept.map((near) => {
    const what = t(lang, post.kind === 'need' ? 'exchange.left_out_offer' : 'exchange.left_out_need', { name: near.personName, cluster: near.clusterName, topic: shorten(near.topic, 80) });
    const why = near.why.rule === 'recent_pair'
      ? t(lang, 'exchange.left_out_recent', { id: shortId('X', near.why.number) })
      : t(lang, 'exchange.left_out_paused', { name: near.personName });
    return `${what} ${why}`;
  });
}

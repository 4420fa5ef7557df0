// Peer exchange (issue 7): needs and offers, matched proposals, introductions and learnings
// (docs/architecture.md "Commands"): each command declared once.
import { cluster, enumOf, id, integer, list, text, textLimits } from '../core/arg-types.js';
import { defineCommand, option, positional } from '../core/spec.js';
import { exchangeAccept, exchangeDecline, exchangeDeclineExample } from './exchange-answer.js';
import { exchangeDone, exchangeDoneExample } from './exchange-done.js';
import { exchangeList } from './exchange-list.js';
import { exchangePause, exchangeResume } from './exchange-pause.js';
import { exchangeNeed, exchangeNeedExample, exchangeOffer, exchangeOfferExample } from './exchange-post.js';
import { exchangeRound } from './exchange-round.js';

/** What a need or an offer is about, its tags and (for someone with several clusters) which cluster's it is. */
const postArgs = () => ({
  topic: positional.rest(text('ämne', 'topic', textLimits.title), { what: 'exchange.topic_what' }),
  tags: option('tags', ['taggar'], list(text('tagg', 'tag', textLimits.tag))),
  cluster: option('cluster', ['kluster'], cluster()),
});

const exchangeId = () => positional.required(id('X'), { what: 'exchange.id_what' });

/** `exchange list` shows the programme's open posts, or one's own with their proposals. */
const listFilter = enumOf({ mine: { sv: ['mina'] }, open: { sv: ['öppna'], also: ['oppna'] } }, 'urval', 'filter');

// Needs, offers and answers are for those who run a cluster: leaders, deputies and managers (the handler
// takes the cluster they lead or deputise, and lets only the two sides answer a proposal).
const runsACluster = ['manager', 'leader', 'deputy'] as const;

export const exchangeCommands = [
  defineCommand({
    verb: 'exchange need',
    aliases: ['utbyte behov', 'utbyte behöver'],
    group: 'exchange',
    summary: { sv: 'registrerar ett behov för ditt kluster och föreslår erbjudanden från andra kluster', en: 'registers a need of your cluster and proposes offers from other clusters' },
    args: postArgs(),
    roles: runsACluster,
    example: exchangeNeedExample,
    handler: exchangeNeed,
  }),
  defineCommand({
    verb: 'exchange offer',
    aliases: ['utbyte erbjud', 'utbyte erbjudande'],
    group: 'exchange',
    summary: { sv: 'registrerar något ditt kluster kan dela med andra kluster', en: 'registers something your cluster can share with other clusters' },
    args: postArgs(),
    roles: runsACluster,
    example: exchangeOfferExample,
    handler: exchangeOffer,
  }),
  defineCommand({
    verb: 'exchange list',
    aliases: ['utbyte lista', 'utbyte', 'exchange'],
    group: 'exchange',
    summary: { sv: 'visar öppna behov och erbjudanden, eller dina egna och dina förslag', en: 'shows open needs and offers, or your own and your proposals' },
    args: { filter: positional.optional(listFilter) },
    // Open needs and offers are shared knowledge, readable by everyone.
    roles: 'everyone',
    example: { sv: 'exchange list mina', en: 'exchange list mine' },
    menu: true,
    handler: exchangeList,
  }),
  defineCommand({
    verb: 'exchange accept',
    aliases: ['utbyte ja', 'utbyte acceptera'],
    group: 'exchange',
    summary: { sv: 'tackar ja till ett föreslaget utbyte', en: 'accepts a proposed exchange' },
    args: { id: exchangeId() },
    roles: runsACluster,
    example: 'exchange accept X7',
    handler: exchangeAccept,
  }),
  defineCommand({
    verb: 'exchange decline',
    aliases: ['utbyte nej', 'utbyte avböj', 'utbyte avboj'],
    group: 'exchange',
    summary: { sv: 'tackar nej till ett föreslaget utbyte', en: 'declines a proposed exchange' },
    args: { id: exchangeId(), reason: positional.optionalRest(text('skäl', 'reason')) },
    roles: runsACluster,
    example: exchangeDeclineExample,
    handler: exchangeDecline,
  }),
  defineCommand({
    verb: 'exchange done',
    aliases: ['utbyte klart', 'utbyte klar'],
    group: 'exchange',
    summary: { sv: 'sparar vad du lärde dig av ett utbyte, sökbart för alla', en: 'stores what you learned from an exchange, searchable by everyone' },
    // Without `learned:` after the introduction, the handler opens a form that asks for it.
    args: { id: exchangeId(), learned: option('learned', ['lärdom', 'lärde', 'lärt'], text('lärdom', 'learning')) },
    roles: runsACluster,
    example: exchangeDoneExample,
    handler: exchangeDone,
  }),
  defineCommand({
    verb: 'exchange pause',
    aliases: ['utbyte paus', 'utbyte pausa'],
    group: 'exchange',
    summary: { sv: 'pausar förslag till dig i några veckor', en: 'pauses proposals to you for some weeks' },
    args: { weeks: positional.required(integer(1, 52, 'veckor', 'weeks')) },
    roles: runsACluster,
    example: 'exchange pause 4',
    handler: exchangePause,
  }),
  defineCommand({
    verb: 'exchange resume',
    aliases: ['utbyte återuppta', 'utbyte fortsätt'],
    group: 'exchange',
    summary: { sv: 'tar emot förslag igen efter en paus', en: 'receives proposals again after a pause' },
    args: {},
    roles: runsACluster,
    example: 'exchange resume',
    handler: exchangeResume,
  }),
  defineCommand({
    verb: 'exchange round',
    aliases: ['utbyte runda'],
    group: 'exchange',
    summary: { sv: 'föreslår par bland alla med öppna behov och erbjudanden', en: 'proposes pairs among everyone with open needs and offers' },
    args: {},
    // A round proposes pairs across the whole programme, so it is the PM's.
    roles: ['manager'],
    example: 'exchange round',
    handler: exchangeRound,
  }),
];

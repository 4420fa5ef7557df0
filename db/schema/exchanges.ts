import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { people } from './people.js';
import { programmes } from './programmes.js';
import { searchIndexOptions, swedishVector } from './search-vector.js';

export const exchangeKinds = ['need', 'offer'] as const;
export type ExchangeKind = (typeof exchangeKinds)[number];

/** `exchange need|offer <topic>`: what a cluster asks for or can give. Owned by the cluster; the person is
 *  who to introduce. */
export const exchangePosts = pgTable(
  'exchange_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    kind: text('kind', { enum: exchangeKinds }).notNull(),
    clusterId: uuid('cluster_id').notNull().references(() => clusters.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    topic: text('topic').notNull(),
    // Comma-separated lower-case tags: text (not text[]) so the generated search vector can include them.
    tags: text('tags').notNull().default(''),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: swedishVector('topic', 'tags'),
  },
  (t) => [
    index('exchange_posts_open_idx').on(t.programmeId, t.kind).where(sql`${t.closedAt} is null`),
    index('exchange_posts_search_idx').using('gin', t.searchVector).with(searchIndexOptions),
  ],
);

export const proposalStates = ['proposed', 'introduced', 'declined', 'done'] as const;
export type ProposalState = (typeof proposalStates)[number];
export const proposalAnswers = ['accepted', 'declined'] as const;

/** One proposed pair: a need and an offer from another cluster. The short id (X7) is what users type. */
export const exchangeProposals = pgTable(
  'exchange_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    number: integer('number').notNull(),
    needId: uuid('need_id').notNull().references(() => exchangePosts.id),
    offerId: uuid('offer_id').notNull().references(() => exchangePosts.id),
    needPersonId: uuid('need_person_id').notNull().references(() => people.id),
    offerPersonId: uuid('offer_person_id').notNull().references(() => people.id),
    /** Why the pair was proposed, as shown to both ("both about EU projects; Anna's offer: …"). */
    reason: text('reason').notNull(),
    // State changes are conditional updates on these columns, so two concurrent accepts introduce once.
    state: text('state', { enum: proposalStates }).notNull().default('proposed'),
    needAnswer: text('need_answer', { enum: proposalAnswers }),
    offerAnswer: text('offer_answer', { enum: proposalAnswers }),
    declineReason: text('decline_reason'),
    introducedAt: timestamp('introduced_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exchange_proposals_programme_number_idx').on(t.programmeId, t.number),
    uniqueIndex('exchange_proposals_pair_idx').on(t.needId, t.offerId),
    index('exchange_proposals_need_person_idx').on(t.programmeId, t.needPersonId),
    index('exchange_proposals_offer_person_idx').on(t.programmeId, t.offerPersonId),
  ],
);

/** Every pair of people ever proposed to each other, lower person id first, so a pair is not repeated
 *  within the window (default six months) even after its needs and offers are closed. */
export const exchangePairs = pgTable(
  'exchange_pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    personLow: uuid('person_low').notNull().references(() => people.id),
    personHigh: uuid('person_high').notNull().references(() => people.id),
    proposalId: uuid('proposal_id').notNull().references(() => exchangeProposals.id),
    pairedAt: timestamp('paired_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('exchange_pairs_people_idx').on(t.programmeId, t.personLow, t.personHigh, t.pairedAt)],
);

/** `exchange done <id> learned: …`, once per person and exchange; the text is also stored as notes. */
export const exchangeLearnings = pgTable(
  'exchange_learnings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    proposalId: uuid('proposal_id').notNull().references(() => exchangeProposals.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('exchange_learnings_once_idx').on(t.proposalId, t.personId)],
);

/** `exchange pause <weeks>`: not proposed to anyone until `until`; `exchange resume` deletes the row. */
export const exchangePauses = pgTable(
  'exchange_pauses',
  {
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    until: timestamp('until', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('exchange_pauses_person_idx').on(t.programmeId, t.personId)],
);

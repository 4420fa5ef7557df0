import { aliasedTable, and, asc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { allocateNumbers } from './counters.repository.js';
import { rowsOf } from './migrate.js';
import { insertNotes, type Note } from './notes.repository.js';
import { clusters, exchangeLearnings, exchangePairs, exchangePauses, exchangePosts, exchangeProposals, organisations, people, type ExchangeKind } from './schema/index.js';

const { searchVector: _vector, ...postColumns } = getTableColumns(exchangePosts);
export type ExchangePost = Omit<typeof exchangePosts.$inferSelect, 'searchVector'>;
export type Proposal = typeof exchangeProposals.$inferSelect;
export type Side = 'need' | 'offer';
/** Outbox key prefix of the follow-up question: `<prefix>:<proposal id>:<side>`, queued once per side. */
export const FOLLOW_UP_KEY = 'exchange.follow_up';

export interface OfferMatch {
  offerId: string;
  topic: string;
  tags: string;
  personId: string;
  personName: string;
  clusterName: string;
  sharedTags: string[];
  /** Words of the offer that match the need's words (Swedish stems), in the offer's own spelling. */
  matchedWords: string[];
  otherOrganisation: boolean;
  otherSector: boolean;
  away: boolean;
  score: number;
}

interface RawMatch {
  id: string;
  topic: string;
  tags: string;
  person_id: string;
  display_name: string;
  cluster_name: string;
  shared_tags: string[] | null;
  marked: string;
  other_org: boolean;
  other_sector: boolean;
  away: boolean;
  score: number | string;
}

const needPerson = aliasedTable(people, 'need_person');
const offerPerson = aliasedTable(people, 'offer_person');
const needPost = aliasedTable(exchangePosts, 'need_post');
const offerPost = aliasedTable(exchangePosts, 'offer_post');
const needCluster = aliasedTable(clusters, 'need_cluster');
const offerCluster = aliasedTable(clusters, 'offer_cluster');
const needOrg = aliasedTable(organisations, 'need_org');
const offerOrg = aliasedTable(organisations, 'offer_org');

const personView = (p: typeof needPerson, o: typeof needOrg, c: typeof needCluster, post: typeof needPost) => ({
  personId: p.id,
  name: p.displayName,
  platform: p.platform,
  workspaceId: p.workspaceExternalId,
  userId: p.userId,
  /** Null: the person never chose; messages LOKET sends them unasked use the programme default. */
  language: p.language,
  organisation: o.name,
  clusterId: c.id,
  cluster: c.name,
  topic: post.topic,
});

export function createExchangesRepository({ db }: { db: Database }) {
  return {
    async createPost(input: { programmeId: string; kind: ExchangeKind; clusterId: string; personId: string; topic: string; tags: string[]; at: Date }) {
      const [post] = await db
        .insert(exchangePosts)
        .values({ programmeId: input.programmeId, kind: input.kind, clusterId: input.clusterId, personId: input.personId, topic: input.topic, tags: input.tags.join(','), createdAt: input.at })
        .returning(postColumns);
      return { post: post! };
    },

    /** Open needs and offers of the programme, or of one person, oldest first. */
    async listPosts(programmeId: string, personId?: string) {
      const rows = await db
        .select({ post: postColumns, cluster: clusters.name, person: people.displayName })
        .from(exchangePosts)
        .innerJoin(clusters, eq(clusters.id, exchangePosts.clusterId))
        .innerJoin(people, eq(people.id, exchangePosts.personId))
        .where(and(eq(exchangePosts.programmeId, programmeId), isNull(exchangePosts.closedAt), personId ? eq(exchangePosts.personId, personId) : undefined))
        .orderBy(asc(exchangePosts.createdAt), asc(exchangePosts.id));
      return { posts: rows };
    },

    /**
     * Open offers of other clusters and other people for one need, best first. The need's own Swedish
     * lexemes but the ignored words (stop words and common verbs, exchange-words.ts) become an OR query of
     * prefixes (any shared word counts; ts_rank rewards more of them); a shared tag also qualifies. `offerId`
     * looks at one offer only (a new offer scored against a waiting need). Another organisation or sector
     * multiplies the score; people who are away come last; paused people and pairs proposed within the window are left out.
     */
    async matchOffers(input: { programmeId: string; needId: string; now: Date; windowStart: Date; today: string; limit: number; ignoredWords?: readonly string[]; offerId?: string }) {
      const result = await db.execute(sql`
        with ${ignoredCte(input.ignoredWords ?? [])}, need as (
          select n.id, n.person_id, n.cluster_id, n.tags, n.search_vector, p.organisation_id as org, c.sector
            from exchange_posts n join people p on p.id = n.person_id join clusters c on c.id = n.cluster_id
            where n.id = ${input.needId} and n.programme_id = ${input.programmeId}
        ), q as (
          select ${needQuery(sql`(select search_vector from need)`)} as q
        ), candidates as (
          select o.id, o.topic, o.tags, o.person_id, p.display_name, c.name as cluster_name,
            ts_rank(o.search_vector, q.q) as rank,
            array(select t from unnest(string_to_array(o.tags, ',')) t where t <> '' and t = any(string_to_array(need.tags, ','))) as shared_tags,
            (p.organisation_id is not null and need.org is not null and p.organisation_id <> need.org) as other_org,
            (c.sector <> need.sector) as other_sector,
            exists (select 1 from absences a where a.programme_id = o.programme_id and a.person_id = o.person_id
                      and a.from_date <= ${input.today}::date and a.to_date >= ${input.today}::date) as away
          from exchange_posts o cross join need cross join q
            join people p on p.id = o.person_id join clusters c on c.id = o.cluster_id
          where o.programme_id = ${input.programmeId} and o.kind = 'offer' and o.closed_at is null
            and (${input.offerId ?? null}::uuid is null or o.id = ${input.offerId ?? null}::uuid)
            and o.cluster_id <> need.cluster_id and o.person_id <> need.person_id
            and (o.search_vector @@ q.q or string_to_array(o.tags, ',') && array_remove(string_to_array(need.tags, ','), ''))
            and not exists (select 1 from exchange_pauses z where z.programme_id = o.programme_id and z.person_id = o.person_id and z.until > ${input.now.toISOString()}::timestamptz)
            and not exists (select 1 from exchange_pairs x where x.programme_id = o.programme_id
                              and x.person_low = least(o.person_id, need.person_id) and x.person_high = greatest(o.person_id, need.person_id)
                              and x.paired_at > ${input.windowStart.toISOString()}::timestamptz)
            -- A need and an offer are proposed to each other once, ever (exchange_proposals_pair_idx): the
            -- pair window above cannot promise it, since it expires and erasure deletes a person's pairs.
            and not exists (select 1 from exchange_proposals pr where pr.need_id = need.id and pr.offer_id = o.id)
        ), best as (
          select *, (rank + 0.1 * cardinality(shared_tags)) * (1 + 0.25 * other_org::int + 0.25 * other_sector::int) as score
            from candidates order by away asc, score desc, id limit ${input.limit}
        )
        -- ts_headline is the costly part: only for the few offers proposed, not for every candidate.
        select best.*, ts_headline('swedish', best.topic, q.q, 'HighlightAll=true, StartSel=«, StopSel=»') as marked
          from best cross join q order by away asc, score desc, id`);
      return { matches: rowsOf<RawMatch>(result).map(toMatch) };
    },

    /**
     * Open needs of other clusters and other people that a new offer fits, best first: the same test as
     * matchOffers seen from the offer (the need's words but the ignored ones, or a shared tag), so an offer
     * stated after a need finds it without waiting for a round. Paused people and recent pairs are left out.
     */
    async matchNeeds(input: { programmeId: string; offerId: string; now: Date; windowStart: Date; today: string; limit: number; ignoredWords: readonly string[] }) {
      const result = await db.execute(sql`
        with ${ignoredCte(input.ignoredWords)}, offer as (
          select o.id, o.person_id, o.cluster_id, o.tags, o.search_vector from exchange_posts o where o.id = ${input.offerId} and o.programme_id = ${input.programmeId}
        )
        select n.id, n.person_id,
          ts_rank(offer.search_vector, q.q) + 0.1 * cardinality(array(select t from unnest(string_to_array(n.tags, ',')) t where t <> '' and t = any(string_to_array(offer.tags, ',')))) as score,
          exists (select 1 from absences a where a.programme_id = n.programme_id and a.person_id = n.person_id
                    and a.from_date <= ${input.today}::date and a.to_date >= ${input.today}::date) as away
        from exchange_posts n cross join offer
          cross join lateral (select ${needQuery(sql`n.search_vector`)} as q) q
        where n.programme_id = ${input.programmeId} and n.kind = 'need' and n.closed_at is null
          and n.cluster_id <> offer.cluster_id and n.person_id <> offer.person_id
          and (offer.search_vector @@ q.q or string_to_array(offer.tags, ',') && array_remove(string_to_array(n.tags, ','), ''))
          and not exists (select 1 from exchange_pauses z where z.programme_id = n.programme_id and z.person_id = n.person_id and z.until > ${input.now.toISOString()}::timestamptz)
          and not exists (select 1 from exchange_pairs x where x.programme_id = n.programme_id
                            and x.person_low = least(n.person_id, offer.person_id) and x.person_high = greatest(n.person_id, offer.person_id)
                            and x.paired_at > ${input.windowStart.toISOString()}::timestamptz)
          and not exists (select 1 from exchange_proposals pr where pr.need_id = n.id and pr.offer_id = offer.id)
        order by away asc, score desc, n.created_at, n.id limit ${input.limit}`);
      return { needs: rowsOf<{ id: string; person_id: string }>(result).map((r) => ({ id: r.id, personId: r.person_id })) };
    },

    /**
     * Near matches of a post that were left out and why: open posts of the other kind, cluster and person that
     * fit it as matchOffers/matchNeeds would, but whose person paused proposals or was proposed to this post's
     * person within the window (the most recent such proposal's number is given), oldest first.
     */
    async leftOut(input: { programmeId: string; postId: string; now: Date; windowStart: Date; limit: number; ignoredWords: readonly string[] }) {
      const result = await db.execute(sql`
        with ${ignoredCte(input.ignoredWords)}, me as (
          select e.* from exchange_posts e where e.id = ${input.postId} and e.programme_id = ${input.programmeId}
        ), near as (
          select other.id, other.topic, p.display_name, c.name as cluster_name, other.created_at,
            (select z.until from exchange_pauses z where z.programme_id = other.programme_id and z.person_id = other.person_id
               and z.until > ${input.now.toISOString()}::timestamptz) as paused_until,
            (select x.number from exchange_pairs pr join exchange_proposals x on x.id = pr.proposal_id
               where pr.programme_id = other.programme_id and pr.person_low = least(other.person_id, me.person_id)
                 and pr.person_high = greatest(other.person_id, me.person_id) and pr.paired_at > ${input.windowStart.toISOString()}::timestamptz
               order by pr.paired_at desc limit 1) as recent_number
          from exchange_posts other cross join me
            join people p on p.id = other.person_id join clusters c on c.id = other.cluster_id
            cross join lateral (select case when me.kind = 'need' then me.search_vector else other.search_vector end as need_vector,
                                       case when me.kind = 'need' then other.search_vector else me.search_vector end as offer_vector) v
            cross join lateral (select ${needQuery(sql`v.need_vector`)} as q) q
          where other.programme_id = ${input.programmeId} and other.kind <> me.kind and other.closed_at is null
            and other.cluster_id <> me.cluster_id and other.person_id <> me.person_id
            and (v.offer_vector @@ q.q or string_to_array(other.tags, ',') && array_remove(string_to_array(me.tags, ','), ''))
        )
        select id, topic, display_name, cluster_name, paused_until, recent_number from near
          where paused_until is not null or recent_number is not null order by created_at, id limit ${input.limit}`);
      return {
        leftOut: rowsOf<{ id: string; topic: string; display_name: string; cluster_name: string; paused_until: string | Date | null; recent_number: number | null }>(result).map((r) => ({
          postId: r.id,
          topic: r.topic,
          personName: r.display_name,
          clusterName: r.cluster_name,
          why: r.recent_number != null ? ({ rule: 'recent_pair', number: Number(r.recent_number) } as const) : ({ rule: 'paused' } as const),
        })),
      };
    },

    async isPaused(programmeId: string, personId: string, now: Date) {
      const [row] = await db.select().from(exchangePauses).where(and(eq(exchangePauses.programmeId, programmeId), eq(exchangePauses.personId, personId)));
      return { until: row && row.until > now ? row.until : null };
    },

    /** A proposal with the next X number, and the pair remembered for the repeat window. Null when this need
     *  and offer were already proposed to each other (a concurrent command won): nothing is stored then. */
    async createProposal(input: { programmeId: string; needId: string; offerId: string; needPersonId: string; offerPersonId: string; reason: string; at: Date }) {
      const number = await allocateNumbers(db, input.programmeId, 'X', 1);
      const [proposal] = await db
        .insert(exchangeProposals)
        .values({ ...input, number, createdAt: input.at })
        .onConflictDoNothing({ target: [exchangeProposals.needId, exchangeProposals.offerId] })
        .returning();
      if (!proposal) return { proposal: null };
      const [low, high] = [input.needPersonId, input.offerPersonId].sort();
      await db.insert(exchangePairs).values({ programmeId: input.programmeId, personLow: low!, personHigh: high!, proposalId: proposal.id, pairedAt: input.at });
      return { proposal };
    },

    /**
     * Open posts of one person in one cluster change hands (a handover, someone leaving): the needs move to
     * `toId`, who is introduced from now on; with `closeOffers`, the person's offers close, since what they
     * offered leaves with them. Returns the moved needs, oldest first.
     */
    async moveOpenPosts(input: { programmeId: string; clusterId: string; fromId: string; toId: string; closeOffers: boolean; at: Date }) {
      const mine = and(eq(exchangePosts.programmeId, input.programmeId), eq(exchangePosts.clusterId, input.clusterId), eq(exchangePosts.personId, input.fromId), isNull(exchangePosts.closedAt));
      const moved = await db.update(exchangePosts).set({ personId: input.toId }).where(and(mine, eq(exchangePosts.kind, 'need'))).returning(postColumns);
      const closed = input.closeOffers ? await db.update(exchangePosts).set({ closedAt: input.at }).where(and(mine, eq(exchangePosts.kind, 'offer'))).returning(postColumns) : [];
      const byAge = (a: ExchangePost, b: ExchangePost) => a.createdAt.getTime() - b.createdAt.getTime();
      return { needs: moved.sort(byAge), closedOffers: closed.sort(byAge) };
    },

    /** Closes the person's open needs and offers (erasure: nobody can be introduced to them any more). */
    async closePostsOf(programmeId: string, personId: string, at: Date) {
      const rows = await db
        .update(exchangePosts)
        .set({ closedAt: at })
        .where(and(eq(exchangePosts.programmeId, programmeId), eq(exchangePosts.personId, personId), isNull(exchangePosts.closedAt)))
        .returning({ id: exchangePosts.id });
      return { closed: rows.length };
    },

    /** `cluster retire`: the cluster's open needs and offers close, since the cluster takes no exchanges any
     *  more: nobody is proposed an offer it will not keep, and its needs wait on no round. Returns how many. */
    async closeClusterPosts(programmeId: string, clusterId: string, at: Date) {
      const rows = await db
        .update(exchangePosts)
        .set({ closedAt: at })
        .where(and(eq(exchangePosts.programmeId, programmeId), eq(exchangePosts.clusterId, clusterId), isNull(exchangePosts.closedAt)))
        .returning({ kind: exchangePosts.kind });
      return { needs: rows.filter((r) => r.kind === 'need').length, offers: rows.filter((r) => r.kind === 'offer').length };
    },

    /** Of the given needs, those waiting on a proposal (proposed, not yet answered by both) or already
     *  introduced: a round leaves them out of the needs that got no pair. */
    async needsWithLiveProposal(programmeId: string, needIds: string[]) {
      if (needIds.length === 0) return { needIds: new Set<string>() };
      const rows = await db
        .selectDistinct({ needId: exchangeProposals.needId })
        .from(exchangeProposals)
        .where(and(eq(exchangeProposals.programmeId, programmeId), inArray(exchangeProposals.needId, needIds), inArray(exchangeProposals.state, ['proposed', 'introduced'])));
      return { needIds: new Set(rows.map((r) => r.needId)) };
    },

    /** A forgotten person can no longer answer: their proposals still waiting close as declined on their
     *  side, so the other side is not left waiting and the totals count them as declined, not open. */
    async declineOpenProposalsOf(programmeId: string, personId: string) {
      const rows = await db
        .update(exchangeProposals)
        .set({
          state: 'declined',
          needAnswer: sql`case when ${exchangeProposals.needPersonId} = ${personId} then 'declined' else ${exchangeProposals.needAnswer} end`,
          offerAnswer: sql`case when ${exchangeProposals.offerPersonId} = ${personId} then 'declined' else ${exchangeProposals.offerAnswer} end`,
        })
        .where(
          and(
            eq(exchangeProposals.programmeId, programmeId),
            eq(exchangeProposals.state, 'proposed'),
            or(eq(exchangeProposals.needPersonId, personId), eq(exchangeProposals.offerPersonId, personId)),
          ),
        )
        .returning({ id: exchangeProposals.id });
      return { declined: rows.length };
    },

    /** One proposal of the programme by its number, with both sides; another programme's number is not found. */
    async findProposal(programmeId: string, number: number) {
      const [row] = await proposalQuery(db).where(and(eq(exchangeProposals.programmeId, programmeId), eq(exchangeProposals.number, number)));
      return { proposal: row ?? null };
    },

    /** Proposals the person is part of, newest first. */
    async proposalsOf(programmeId: string, personId: string) {
      const rows = await proposalQuery(db)
        .where(and(eq(exchangeProposals.programmeId, programmeId), or(eq(exchangeProposals.needPersonId, personId), eq(exchangeProposals.offerPersonId, personId))))
        .orderBy(sql`${exchangeProposals.number} desc`);
      return { proposals: rows };
    },

    /** One side's answer, as one conditional update: the row's lock orders concurrent answers, and Postgres
     *  re-evaluates the later one on the committed row, so exactly one accept sees both and introduces. */
    async answer(input: { proposalId: string; side: Side; answer: 'accepted' | 'declined'; reason?: string; at: Date }) {
      const mine = input.side === 'need' ? exchangeProposals.needAnswer : exchangeProposals.offerAnswer;
      const other = input.side === 'need' ? exchangeProposals.offerAnswer : exchangeProposals.needAnswer;
      const key = input.side === 'need' ? 'needAnswer' : 'offerAnswer';
      const accepting = input.answer === 'accepted';
      const bothAccepted = sql`(${other} = 'accepted')`;
      const [row] = await db
        .update(exchangeProposals)
        .set({
          [key]: input.answer,
          state: accepting ? sql`case when ${bothAccepted} then 'introduced' else 'proposed' end` : 'declined',
          introducedAt: accepting ? sql`case when ${bothAccepted} then ${input.at.toISOString()}::timestamptz else null end` : null,
          declineReason: accepting ? null : (input.reason ?? null),
        })
        .where(and(eq(exchangeProposals.id, input.proposalId), eq(exchangeProposals.state, 'proposed'), isNull(mine)))
        .returning();
      return { proposal: row ?? null };
    },

    async closePost(postId: string, at: Date) {
      await db.update(exchangePosts).set({ closedAt: at }).where(and(eq(exchangePosts.id, postId), isNull(exchangePosts.closedAt)));
    },

    /** `exchange done`: the learning once per person, as a note of each of the two clusters. */
    async recordLearning(input: { programmeId: string; proposalId: string; personId: string; text: string; noteText: string; clusterIds: string[]; at: Date }) {
      const [learning] = await db
        .insert(exchangeLearnings)
        .values({ programmeId: input.programmeId, proposalId: input.proposalId, personId: input.personId, text: input.text, createdAt: input.at })
        .onConflictDoNothing()
        .returning();
      if (!learning) return { notes: null };
      const notes: Note[] = [];
      for (const clusterId of input.clusterIds) notes.push(...(await insertNotes(db, { programmeId: input.programmeId, clusterId, authorId: input.personId, texts: [input.noteText], at: input.at })));
      await db
        .update(exchangeProposals)
        .set({ state: 'done', doneAt: sql`coalesce(${exchangeProposals.doneAt}, ${input.at.toISOString()}::timestamptz)` })
        .where(eq(exchangeProposals.id, input.proposalId));
      return { notes };
    },

    /**
     * Sides of introduced exchanges to ask "did you meet?": introduced before `introducedBefore`, no learning
     * of theirs yet, not asked before (their follow-up is queued once, under its outbox key), and not away
     * `today` — an absent person is asked on the first tick after they are back.
     */
    async followUpsDue(input: { programmeId: string; introducedBefore: Date; today: string; limit: number }) {
      const result = await db.execute(sql`
        select p.id as proposal_id, p.number, s.side, s.person_id, other.display_name as other_name, oc.name as other_cluster, need.topic as need_topic
        from exchange_proposals p
          cross join lateral (values ('need', p.need_person_id, p.offer_person_id, p.offer_id), ('offer', p.offer_person_id, p.need_person_id, p.need_id)) s(side, person_id, other_id, other_post_id)
          join people other on other.id = s.other_id
          join exchange_posts op on op.id = s.other_post_id join clusters oc on oc.id = op.cluster_id
          join exchange_posts need on need.id = p.need_id
        where p.programme_id = ${input.programmeId} and p.state in ('introduced', 'done') and p.introduced_at <= ${input.introducedBefore.toISOString()}::timestamptz
          and not exists (select 1 from exchange_learnings l where l.proposal_id = p.id and l.person_id = s.person_id)
          and not exists (select 1 from outbox_messages o where o.programme_id = p.programme_id and o.key = ${FOLLOW_UP_KEY} || ':' || p.id || ':' || s.side)
          and not exists (select 1 from absences a where a.programme_id = p.programme_id and a.person_id = s.person_id
                            and a.from_date <= ${input.today}::date and a.to_date >= ${input.today}::date)
        order by p.number, s.side limit ${input.limit}`);
      return { due: rowsOf<{ proposal_id: string; number: number; side: Side; person_id: string; other_name: string; other_cluster: string; need_topic: string }>(result) };
    },

    async pause(programmeId: string, personId: string, until: Date) {
      await db.insert(exchangePauses).values({ programmeId, personId, until }).onConflictDoUpdate({ target: [exchangePauses.programmeId, exchangePauses.personId], set: { until } });
    },

    async resume(programmeId: string, personId: string) {
      const rows = await db.delete(exchangePauses).where(and(eq(exchangePauses.programmeId, programmeId), eq(exchangePauses.personId, personId))).returning();
      return { wasPaused: rows.length > 0 };
    },
  };
}

/**
 * The lexemes matching ignores (exchange-words.ts), stemmed as the posts are: `ignored.lexemes`. The Swedish
 * configuration drops its own stop words here as in the posts, so what is left are the English words and the
 * verbs, in the same stems the search vectors hold.
 */
function ignoredCte(words: readonly string[]): SQL {
  return sql`ignored as (select coalesce(array_agg(l.lexeme), '{}') as lexemes from unnest(to_tsvector('swedish', ${words.join(' ')})) l)`;
}

/** A need's words as an OR query of prefixes, the ignored lexemes left out (see matchOffers). */
function needQuery(vector: SQL): SQL {
  return sql`coalesce((select string_agg(quote_literal(l.lexeme) || ':*', ' | ') from unnest(${vector}) l
    where l.lexeme <> all(coalesce((select lexemes from ignored), '{}'))), '')::tsquery`;
}

function proposalQuery(db: Database) {
  return db
    .select({ proposal: getTableColumns(exchangeProposals), need: personView(needPerson, needOrg, needCluster, needPost), offer: personView(offerPerson, offerOrg, offerCluster, offerPost) })
    .from(exchangeProposals)
    .innerJoin(needPost, eq(needPost.id, exchangeProposals.needId))
    .innerJoin(offerPost, eq(offerPost.id, exchangeProposals.offerId))
    .innerJoin(needPerson, eq(needPerson.id, exchangeProposals.needPersonId))
    .innerJoin(offerPerson, eq(offerPerson.id, exchangeProposals.offerPersonId))
    .innerJoin(needCluster, eq(needCluster.id, needPost.clusterId))
    .innerJoin(offerCluster, eq(offerCluster.id, offerPost.clusterId))
    .leftJoin(needOrg, eq(needOrg.id, needPerson.organisationId))
    .leftJoin(offerOrg, eq(offerOrg.id, offerPerson.organisationId))
    .$dynamic();
}

export type ProposalDetails = NonNullable<Awaited<ReturnType<ReturnType<typeof createExchangesRepository>['findProposal']>>['proposal']>;

function toMatch(row: RawMatch): OfferMatch {
  return {
    offerId: row.id,
    topic: row.topic,
    tags: row.tags,
    personId: row.person_id,
    personName: row.display_name,
    clusterName: row.cluster_name,
    sharedTags: row.shared_tags ?? [],
    matchedWords: [...new Set([...row.marked.matchAll(/«([^»]+)»/g)].map((m) => m[1]!.toLowerCase()))],
    otherOrganisation: row.other_org,
    otherSector: row.other_sector,
    away: row.away,
    score: Number(row.score),
  };
}

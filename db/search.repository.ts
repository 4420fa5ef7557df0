import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';

/** `planned`: a meeting ahead (planned_meetings), found by its title and marked so; not an activity. */
export type SearchSource = 'meeting' | 'decision' | 'action' | 'note' | 'planned';

export interface SearchHit {
  source: SearchSource;
  /** Whether the snippet leaves out text before or after it, so the reader knows there is more. */
  cutBefore: boolean;
  cutAfter: boolean;
  /** The hit's own short number: M for meetings and decisions (decisions have no id of their own), A, N. */
  number: number;
  meetingNumber: number | null;
  meetingTitle: string | null;
  day: string;
  clusters: string | null;
  snippet: string;
  rank: number;
}

// The default (non-fragment) mode keeps a short text whole and cuts a long one around its best match;
// fragment mode would drop short words at the edges ("Vi får …" → "får …").
// ts_headline drops whatever looks like HTML (a note's `<b>fet</b>` came out as «fet») and reads `&amp;` as
// an entity, so `<`, `>` and `&` go in as private-use characters and come back as typed (toHit). The
// matches are marked with two more such characters, not `*`, which a stored text may itself contain.
const [LT, GT, AMP, START, STOP] = ['\uE000', '\uE001', '\uE002', '\uE003', '\uE004'];
const HEADLINE = `MaxWords=30, MinWords=12, StartSel=${START}, StopSel=${STOP}`;

export function createSearchRepository({ db }: { db: Database }) {
  return {
    /** The user's words as a Swedish tsquery (text form), null when nothing searchable is left (only stop
     *  words), and the query that also finds the words at the end of compounds (see compoundQuery). */
    async toQuery(words: string) {
      const result = await db.execute(sql`select websearch_to_tsquery('swedish', ${words})::text as plain`);
      const plain = rowsOf<{ plain: string }>(result)[0]?.plain ?? '';
      return { query: plain.trim() ? prefixQuery(plain, false) : null, compound: compoundQuery(plain) };
    },

    /** Ranked hits over live meetings' titles, decisions, action items and notes, and the titles of meetings
     *  still planned (a logged one is found as the meeting it became, once); snippets only for the page shown. With `compound`, a word may also be the last part of a compound (`möte` finds
     *  `styrgruppsmötet`); such hits rank after full-text matches of the same words. */
    async search(input: { programmeId: string; query: string; compound?: string | null; timezone: string; limit: number }) {
      const p = input.programmeId;
      const compound = Boolean(input.compound);
      // Through compound_vector's index when the query looks at compounds; ts_rank still uses the plain
      // query, so a compound-only hit ranks after full-text matches.
      const matches = (vector: SQL) => (compound ? sql`compound_vector(${vector}) @@ q.cq` : sql`${vector} @@ q.q`);
      // Planned meetings have no stored vector: a programme plans a few dozen a year, so the title's is made here.
      const plannedVector = sql`to_tsvector('swedish'::regconfig, pm.title)`;
      // The queries come in as parameters of a materialised CTE (issue 21). As parameters, every search has
      // the same statement text, prepared once per connection (inlined words made each search a new
      // statement). Behind the CTE the planner does not count on the words' frequencies: with them it
      // expected hundreds of hits per table, hashed every meeting of the programme for the joins and started
      // parallel workers, 5–9× the time of bench/hand-search.sql.ts, which nests loops over the few hits.
      const result = await db.execute(sql`
        with q as materialized (select ${input.query}::tsquery as q, ${input.compound ?? null}::tsquery as cq),
        hits as (
          select 'meeting' as source, m.id as meeting_id, null::uuid as cluster_id, null::uuid as planned_id, m.number, m.title as body, m.held_on as day, ts_rank(m.search_vector, q.q, 1) as rank
            from q cross join meetings m where m.programme_id = ${p} and m.deleted_at is null and ${matches(sql`m.search_vector`)}
          union all
          select 'decision', d.meeting_id, null, null, m.number, d.text, m.held_on, ts_rank(d.search_vector, q.q, 1)
            from q cross join decisions d join meetings m on m.id = d.meeting_id
            where d.programme_id = ${p} and m.deleted_at is null and ${matches(sql`d.search_vector`)}
          union all
          select 'action', a.meeting_id, null, null, a.number, concat_ws(' – ', a.text, a.done_note), m.held_on, ts_rank(a.search_vector, q.q, 1)
            from q cross join action_items a join meetings m on m.id = a.meeting_id
            where a.programme_id = ${p} and m.deleted_at is null and ${matches(sql`a.search_vector`)}
          union all
          select 'note', n.meeting_id, n.cluster_id, null, n.number, n.text, coalesce(m.held_on, (n.created_at at time zone ${input.timezone})::date), ts_rank(n.search_vector, q.q, 1)
            from q cross join notes n left join meetings m on m.id = n.meeting_id
            where n.programme_id = ${p} and (m.id is null or m.deleted_at is null) and ${matches(sql`n.search_vector`)}
          union all
          select 'planned', null, null, pm.id, pm.number, pm.title, (pm.starts_at at time zone ${input.timezone})::date, ts_rank(${plannedVector}, q.q, 1)
            from q cross join planned_meetings pm where pm.programme_id = ${p} and pm.status = 'planned' and ${matches(plannedVector)}
        ), top as (
          select *, count(*) over ()::int as total from hits order by rank desc, day desc, number desc limit ${input.limit}
        )
        select top.source, top.number, top.day::text as day, top.rank, top.total, top.body,
          m.number as meeting_number, m.title as meeting_title,
          ts_headline('swedish', translate(top.body, '<>&', ${LT + GT + AMP}), q.q, ${HEADLINE}) as snippet,
          coalesce((select string_agg(c.name, ', ' order by c.name) from meeting_clusters mc join clusters c on c.id = mc.cluster_id where mc.meeting_id = top.meeting_id),
                   (select c.name from clusters c where c.id = top.cluster_id),
                   (select string_agg(c.name, ', ' order by c.name) from planned_meeting_clusters pc join clusters c on c.id = pc.cluster_id where pc.planned_meeting_id = top.planned_id)) as clusters
        from top cross join q left join meetings m on m.id = top.meeting_id
        order by top.rank desc, top.day desc, top.number desc`);
      const rows = rowsOf<RawHit>(result);
      return { hits: rows.map(toHit), total: rows[0]?.total ?? 0 };
    },
  };
}

/** A stem needs three letters to be looked for at the end of a compound: a shorter one ends too many words. */
const COMPOUND_STEM = 3;
/** A stem needs two letters to be a prefix: one letter begins too many words (`R&D` found «rakt dit»). */
const PREFIX_STEM = 2;

/**
 * Swedish writes compounds as one word — styrgruppsmötet, medlemsrekryteringen — and the stemmer keeps them
 * whole, so the prefix query for `möte` (`möt`:*) never finds them. The head of a Swedish compound is its
 * last part, so for a query without "phrases" each stem of three letters or more may also END a lexeme of
 * the text, give or take a two-letter ending: `'möt':*` becomes `('möt':* | '~töm':*)`, which matches
 * compound_vector (migration 0009: the lexemes plus each one reversed and marked with `~`). `and`, `or` and
 * `-word` keep their meaning. Null when no stem is long enough, or for a phrase (the reversed lexemes carry
 * no positions): that query is searched by full text alone.
 */
export function compoundQuery(plain: string): string | null {
  if (/<(?:-|\d+)>/.test(plain.replace(/'(?:[^']|'')+'/g, ''))) return null;
  const stems = [...plain.matchAll(/'((?:[^']|'')+)'/g)].map(([, quoted]) => unescapeLexeme(quoted!));
  return stems.some((stem) => [...stem].length >= COMPOUND_STEM) ? prefixQuery(plain, true) : null;
}

/**
 * `plain` (websearch_to_tsquery's text form, e.g. `'möt' & 'styrgrupp' & !'budget'`, which keeps the user's
 * "phrases", `or` and `-word`) with each lexeme as a prefix match, because the Swedish stemmer maps möte and
 * möten to `möt` but leaves mötet (and beslutet) whole. A stem still ending in the definite -et also matches
 * its bare stem, so `mötet` finds `möte`. With `compounds`, each stem may also end a lexeme (compoundQuery).
 */
function prefixQuery(plain: string, compounds: boolean): string {
  return plain.replace(/'((?:[^']|'')+)'/g, (_, quoted: string) => {
    const stem = unescapeLexeme(quoted);
    // A one-letter stem is matched whole: as a prefix, the `r` of `R&D` found «rakt».
    if ([...stem].length < PREFIX_STEM) return `'${escapeLexeme(stem)}'`;
    const definite = /^([^']{3,})et$/u.exec(stem)?.[1];
    const stems = definite ? [stem, definite] : [stem];
    const alternatives = stems.map((s) => `'${escapeLexeme(s)}':*`);
    if (compounds) {
      for (const s of stems) if ([...s].length >= COMPOUND_STEM) alternatives.push(`'~${escapeLexeme([...s].reverse().join(''))}':*`);
    }
    return alternatives.length > 1 ? `(${alternatives.join(' | ')})` : alternatives[0]!;
  });
}

function unescapeLexeme(quoted: string): string {
  return quoted.replace(/''/g, "'").replace(/\\\\/g, '\\');
}

/** A lexeme inside tsquery quotes: a quote doubled, a backslash escaped. */
function escapeLexeme(lexeme: string): string {
  return lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''");
}

interface RawHit {
  source: SearchSource;
  number: number;
  day: string;
  rank: number | string;
  total: number;
  meeting_number: number | null;
  meeting_title: string | null;
  snippet: string;
  body: string;
  clusters: string | null;
}

/** The headline as stored (`<`, `>` and `&` back), each match marked `*…*`; matches split only by
 *  punctuation are marked as one (`R&D` is «*R&D*», not «*R*&*D*»). A match inside a `code span` the
 *  person wrote is not marked: Slack and Teams would show the asterisks inside it as typed. */
function snippetText(headline: string): { marked: string; plain: string } {
  const typed = headline.replaceAll(LT, '<').replaceAll(GT, '>').replaceAll(AMP, '&');
  const joined = typed.replace(new RegExp(`${STOP}([^\\s\\p{L}\\p{N}${START}${STOP}]{1,3})${START}`, 'gu'), '$1');
  let inCode = false;
  let marked = '';
  for (const char of joined) {
    if (char === '`') inCode = !inCode;
    marked += char === START || char === STOP ? (inCode ? '' : '*') : char;
  }
  return { marked, plain: joined.replaceAll(START, '').replaceAll(STOP, '').trim() };
}

function toHit(row: RawHit): SearchHit {
  const { marked, plain } = snippetText(row.snippet);
  const body = row.body.trim();
  return {
    cutBefore: !body.startsWith(plain.slice(0, 40)),
    cutAfter: !body.endsWith(plain.slice(-40)),
    source: row.source,
    number: row.number,
    meetingNumber: row.meeting_number,
    meetingTitle: row.meeting_title,
    day: row.day,
    clusters: row.clusters,
    snippet: marked,
    rank: Number(row.rank),
  };
}

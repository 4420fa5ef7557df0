// The yardstick for `search`: the same ranked answer written by hand as one statement — the user's words
// turned into the prefix tsquery inside the statement (one round trip instead of two), each word also
// looked for at the end of compounds through compound_vector (migration 0009), the four sources ranked
// together, and snippets and cluster names only for the ten rows shown. Written for the benchmark's plain
// words (no phrases, no `or`, no `-word`), which is all it is given.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/migrate.js';

export interface HandHit {
  source: string;
  number: number;
  total: number;
}

export async function handSearch(db: Database, input: { programmeId: string; words: string; timezone: string; limit: number }): Promise<HandHit[]> {
  const p = input.programmeId;
  const result = await db.execute(sql`
    with q as (select regexp_replace(regexp_replace(websearch_to_tsquery('swedish', ${input.words})::text,
        '''((?:[^'']|'''')+)''', '''\\1'':*', 'g'), '''([^'']{3,})et'':\\*', '(''\\1et'':* | ''\\1'':*)', 'g')::tsquery as q,
      (select string_agg('(' || concat_ws(' | ', quote_literal(l) || ':*', quote_literal('~' || reverse(l)) || ':*',
          case when l ~ '^.{3,}et$' then quote_literal(left(l, -2)) || ':*' || ' | ' || quote_literal('~' || reverse(left(l, -2))) || ':*' end) || ')', ' & ')
        from regexp_matches(websearch_to_tsquery('swedish', ${input.words})::text, '''([^'']+)''', 'g') as w(m), lateral (select w.m[1] as l) x)::tsquery as cq),
    hits as (
      select 'meeting' as source, m.id as meeting_id, null::uuid as cluster_id, m.number, m.title as body, m.held_on as day, ts_rank(m.search_vector, q.q, 1) as rank
        from meetings m, q where m.programme_id = ${p} and m.deleted_at is null and compound_vector(m.search_vector) @@ q.cq
      union all
      select 'decision', d.meeting_id, null, m.number, d.text, m.held_on, ts_rank(d.search_vector, q.q, 1)
        from q, decisions d join meetings m on m.id = d.meeting_id where d.programme_id = ${p} and m.deleted_at is null and compound_vector(d.search_vector) @@ q.cq
      union all
      select 'action', a.meeting_id, null, a.number, a.text, m.held_on, ts_rank(a.search_vector, q.q, 1)
        from q, action_items a join meetings m on m.id = a.meeting_id where a.programme_id = ${p} and m.deleted_at is null and compound_vector(a.search_vector) @@ q.cq
      union all
      select 'note', n.meeting_id, n.cluster_id, n.number, n.text, coalesce(m.held_on, (n.created_at at time zone ${input.timezone})::date), ts_rank(n.search_vector, q.q, 1)
        from q, notes n left join meetings m on m.id = n.meeting_id where n.programme_id = ${p} and (m.id is null or m.deleted_at is null) and compound_vector(n.search_vector) @@ q.cq
    ), top as (select *, count(*) over ()::int as total from hits order by rank desc, day desc, number desc limit ${input.limit})
    select top.source, top.number, top.total, ts_headline('swedish', top.body, q.q) as snippet,
      (select string_agg(c.name, ', ') from meeting_clusters mc join clusters c on c.id = mc.cluster_id where mc.meeting_id = top.meeting_id) as clusters
    from top, q order by top.rank desc, top.day desc, top.number desc`);
  return rowsOf<HandHit>(result);
}

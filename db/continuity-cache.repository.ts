// Continuity's touch groups and all-time shares, cached per cluster in continuity_cache and kept exact by
// continuity_changes, the log the triggers of migration 0008 append to on every write to a table the
// statements read. At a million rows computing them took over four fifths of `status` (docs/benchmarks.md).
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { inScope, planForReports, type ClusterScope } from './status.repository.js';
import { EVER, groupsCte, items, kindsCte } from './continuity-items.repository.js';
import type { TouchGroupRow, TouchKind } from './continuity-items.repository.js';

type Kind = 'groups' | 'single';

// Key space of the refresh lock (pg_advisory_xact_lock(int, int)); the second key is the programme's.
const REFRESH_LOCK = 0x10c7;

export interface ShareRow {
  clusterId: string;
  kind: TouchKind;
  total: number;
  single: number;
}

export interface SoleContactRow {
  clusterId: string;
  organisation: string;
  personId: string;
  person: string;
  lastMet: string;
}

interface Cached<T> {
  rows: { clusterId: string; payload: T | null }[];
  recomputed: string[];
}

export function createContinuityCacheRepository({ db }: { db: Database }) {
  /**
   * The scope's cached rows of `kind` (payload as `payload` selects it from `cc`), each with whether it is
   * stale: no row, cached for another `since`, or named by the change log. One statement, so the rows
   * and the verdict come from one snapshot.
   */
  async function read<T>(programmeId: string, scope: ClusterScope, kind: Kind, since: string | null, payload: SQL) {
    const result = await db.execute(sql`
      select c.id::text as "clusterId", ${payload} as payload,
        (cc.cluster_id is null or cc.since is distinct from ${since}::date or exists (select 1 from continuity_changes ch where ch.cluster_id = c.id)) as stale
      from clusters c left join continuity_cache cc on cc.cluster_id = c.id and cc.kind = ${kind}
      where c.programme_id = ${programmeId} and ${inScope(sql`c.id`, scope)}`);
    return rowsOf<{ clusterId: string; payload: unknown; stale: boolean }>(result).map((r) => ({ ...r, payload: r.payload === null ? null : json<T>(r.payload) }));
  }

  /**
   * The scope's rows of `kind`, current. With nothing stale they are read without a lock or a write: a
   * row with no log entry was written by the last refresh that consumed its cluster's changes, from a
   * snapshot holding all of them. Otherwise refresh (below), then read again.
   */
  async function cached<T>(programmeId: string, scope: ClusterScope, kind: Kind, since: string | null, payload: SQL, recompute: (stale: string[]) => SQL): Promise<Cached<T>> {
    const [, first] = await Promise.all([planForReports(db), read<T>(programmeId, scope, kind, since, payload)]);
    if (!first.some((r) => r.stale)) return { rows: first, recomputed: [] };
    const recomputed = await refresh(programmeId, scope, kind, since, recompute);
    // Under the lock every cluster of the scope now has a current row; a change committed after the
    // recomputation may mark some stale again, and is for the next read.
    return { rows: await read<T>(programmeId, scope, kind, since, payload), recomputed };
  }

  /**
   * Recomputes the stale clusters: those the change log names (their log rows are consumed), those
   * without a row, and those cached for another `since`.
   *
   * Why this is exact under READ COMMITTED: each statement takes a new snapshot when it starts. The delete
   * below removes only log rows its snapshot sees, i.e. changes committed before it; the recomputation is a
   * later statement, so its snapshot holds every change whose log row was deleted. A write committed after
   * the delete's snapshot keeps its log row (a write and its log row commit together, in one transaction),
   * so the next read recomputes that cluster. Changes are consumed for both kinds at once, so the delete
   * also drops the clusters' rows of the other kind, which are then missing and recomputed when next read.
   *
   * The lock: without it, a slower refresh could overwrite a newer one's row with a result computed from
   * an older snapshot after the newer one had consumed the log. Refreshes of one programme therefore take
   * turns, until the end of their transaction; writers and reads that find nothing stale never take it. It
   * is taken in its own statement so that the delete's snapshot, taken after the wait, sees what the
   * previous holder committed. `status` runs in an ordinary read-write transaction
   * (handlers/core/run-command.ts), so the refresh commits with the command.
   */
  async function refresh(programmeId: string, scope: ClusterScope, kind: Kind, since: string | null, recompute: (stale: string[]) => SQL) {
    await db.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK}, hashtext(${programmeId}))`);
    const result = await db.execute(sql`
      with sc as (select c.id from clusters c where c.programme_id = ${programmeId} and ${inScope(sql`c.id`, scope)}),
      changed as (delete from continuity_changes ch using sc where ch.cluster_id = sc.id returning ch.cluster_id),
      dropped as (delete from continuity_cache cc where cc.kind <> ${kind} and cc.cluster_id in (select cluster_id from changed))
      select sc.id::text as id from sc left join continuity_cache cc on cc.cluster_id = sc.id and cc.kind = ${kind}
      where cc.cluster_id is null or cc.since is distinct from ${since}::date or sc.id in (select cluster_id from changed)`);
    const stale = rowsOf<{ id: string }>(result).map((r) => r.id);
    if (stale.length) await db.execute(recompute(stale));
    return stale;
  }

  /** Upserts the rows of the CTE `payloads` (id, payload): one per cluster asked for. Each payload is built
   *  by a join and group-by, not a subquery per cluster: Postgres inlines a CTE read once, and a subquery
   *  per cluster then gathered every item again for each cluster (40 times at a million rows). */
  const upsert = (programmeId: string, kind: Kind, since: string | null) => sql`
    insert into continuity_cache (programme_id, cluster_id, kind, since, payload, computed_at)
    select ${programmeId}, id, ${kind}, ${since}::date, payload, clock_timestamp() from payloads
    on conflict (cluster_id, kind) do update set since = excluded.since, payload = excluded.payload, computed_at = excluded.computed_at`;

  return {
    /** The touch groups since `since` per cluster, as freshTouchGroups computes them. */
    async touchGroups(programmeId: string, scope: ClusterScope, since: string) {
      const { rows, recomputed } = await cached<{ people: string[]; n: number }[]>(programmeId, scope, 'groups', since, sql`cc.payload`, (stale) => sql`
        with ${items(programmeId, stale, since)}, ${groupsCte},
        g as (select cluster_id, people::text[] as people, sum(weight)::int as n from groups group by cluster_id, people),
        payloads as (
          select sc.id, coalesce(jsonb_agg(jsonb_build_object('people', g.people, 'n', g.n)) filter (where g.cluster_id is not null), '[]'::jsonb) as payload
          from sc left join g on g.cluster_id = sc.id group by sc.id)
        ${upsert(programmeId, 'groups', since)}`);
      const groups: TouchGroupRow[] = rows.flatMap(({ clusterId, payload }) => (payload ?? []).map(({ people, n }) => ({ clusterId, people, n })));
      return { groups, recomputed };
    },

    /** The all-time shares and sole contacts per cluster, as freshSingleTouched gives them; the names of
     *  organisations and people are joined when read, never cached, so an erasure shows at once. */
    async singleTouched(programmeId: string, scope: ClusterScope) {
      const withNames = sql`case when cc.cluster_id is not null then jsonb_build_object('shares', cc.payload->'shares', 'contacts', coalesce((
        select jsonb_agg(jsonb_build_object('organisation', o.name, 'personId', x.person_id, 'person', pe.display_name, 'lastMet', x.last_met))
        from jsonb_to_recordset(cc.payload->'contacts') as x(organisation_id uuid, person_id uuid, last_met text)
        join organisations o on o.id = x.organisation_id join people pe on pe.id = x.person_id), '[]'::jsonb)) end`;
      type Payload = { shares: Omit<ShareRow, 'clusterId'>[]; contacts: Omit<SoleContactRow, 'clusterId'>[] };
      const { rows, recomputed } = await cached<Payload>(programmeId, scope, 'single', null, withNames, (stale) => sql`
        with ${items(programmeId, stale, EVER)}, ${kindsCte},
        s as (
          select cluster_id, jsonb_agg(jsonb_build_object('kind', kind, 'total', total, 'single', single)) as shares from (
            select cluster_id, kind, sum(weight)::int as total, coalesce(sum(weight) filter (where cardinality(people) = 1), 0)::int as single
            from kinds group by cluster_id, kind) k
          group by cluster_id),
        c as (
          select cluster_id, jsonb_agg(jsonb_build_object('organisation_id', organisation_id, 'person_id', people[1], 'last_met', last_met::text)) as contacts
          from orgs where cardinality(people) = 1 group by cluster_id),
        payloads as (
          select sc.id, jsonb_build_object('shares', coalesce(s.shares, '[]'::jsonb), 'contacts', coalesce(c.contacts, '[]'::jsonb)) as payload
          from sc left join s on s.cluster_id = sc.id left join c on c.cluster_id = sc.id)
        ${upsert(programmeId, 'single', null)}`);
      const shares: ShareRow[] = rows.flatMap(({ clusterId, payload }) => (payload?.shares ?? []).map((s) => ({ clusterId, ...s })));
      const contacts: SoleContactRow[] = rows
        .flatMap(({ clusterId, payload }) => (payload?.contacts ?? []).map((c) => ({ clusterId, ...c })))
        .sort((a, b) => b.lastMet.localeCompare(a.lastMet) || a.organisation.localeCompare(b.organisation));
      return { shares, contacts, recomputed };
    },
  };
}

/** jsonb arrives parsed from both drivers; a driver without the jsonb type would hand over its text. */
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

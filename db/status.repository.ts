import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { createReportCacheRepository } from './report-cache.repository.js';

/** Clusters a status is about: all of the programme's, or a leader's own (undefined = all). */
export type ClusterScope = string[] | undefined;

export interface ClusterStatusRow {
  id: string;
  name: string;
  createdOn: string;
  /** The day the cluster was retired, or null while it is at work. */
  retiredOn: string | null;
  leader: string | null;
  deputies: string | null;
  lastWeek: string | null;
  meetings: number;
  openActions: number;
  overdueActions: number;
  planTotal: number;
  planDone: number;
  planOverdue: number;
  lastReview: string | null;
}

export function inScope(column: SQL, scope: ClusterScope): SQL {
  if (!scope) return sql`true`;
  if (scope.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(scope.map((id) => sql`${id}::uuid`), sql`, `)})`;
}

/** The period a programme-wide status is about: a retired cluster belongs in it while it has activity there. */
export interface StatusPeriod {
  from: string;
  to: string;
}

/** The clusters (alias `c`) a status, its count and its programme totals are about: one definition, so a
 *  total cannot cover other clusters than the rows listed. */
function clustersOf(programmeId: string, scope: ClusterScope, period: StatusPeriod): SQL {
  // The whole programme's overview is about the clusters still at work, and about a retired cluster while
  // it keeps records the totals count: a live meeting held in the period or an open action item of a live
  // meeting (the meetings and open actions totals count those, so the list must show whose they are). A
  // retired cluster with nothing of the period is shown when asked for by name.
  if (!scope) {
    return sql`c.programme_id = ${programmeId} and (c.retired_at is null or exists (
      select 1 from meeting_clusters mc join meetings m on m.id = mc.meeting_id
      where mc.cluster_id = c.id and m.deleted_at is null
        and (m.held_on between ${period.from}::date and ${period.to}::date
          or exists (select 1 from action_items a where a.meeting_id = m.id and a.done_at is null))))`;
  }
  return sql`c.programme_id = ${programmeId} and ${inScope(sql`c.id`, scope)}`;
}

/**
 * How the reports (status, indicators, continuity) are planned, for the rest of their transaction (every
 * command runs in one; outside one this does nothing; PGlite takes the settings and has no JIT):
 * - JIT off: they aggregate CTEs whose row counts Postgres can only guess, and at a million rows the guessed
 *   cost crossed the JIT thresholds; compiling then took from 0.1 s to over 2 s per statement
 *   (bench/explain.ts) and saved nothing on the few hundred thousand rows actually read.
 * - random_page_cost 1.1: what they read is in memory on any server sized for the programme, and with the
 *   default 4 the planner hashed all of meeting_participants (400 000 rows at a million) to find the 13 000
 *   of one cluster's year instead of probing meeting_participants_meeting_idx.
 */
export function planForReports(db: Database): Promise<void> {
  // Once per transaction: `status` reads several reports in one, at once, and each would otherwise pay a
  // statement. A transaction (or savepoint) is its own object for its whole life, and the settings last as
  // long. Sent the moment it is asked for (`then` starts a Drizzle query), so a report sent right after it
  // shares its round trip (reportQuery).
  let settings = planned.get(db);
  if (!settings) {
    settings = db.execute(sql`select set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)`).then(() => undefined);
    planned.set(db, settings);
  }
  return settings;
}
const planned = new WeakMap<Database, Promise<void>>();

/** A report's statement, sent right behind the planner settings (planForReports) without waiting for them. */
export async function reportQuery(db: Database, query: SQL) {
  const [, result] = await Promise.all([planForReports(db), db.execute(query)]);
  return result;
}

/**
 * One row per cluster with what `status` shows, from two statements sent together. The page of clusters is
 * chosen first (`sc`), with what is read by a probe of a per-cluster index: leader, deputies
 * (memberships_pk), last progress week (progress_notes_cluster_week_idx), last review
 * (plan_reviews_cluster_idx) and the plan actions, a few per cluster. Their names are read fresh every time,
 * so an erasure or a new deputy shows at once. The meetings of the period and the open action items are
 * counted by `activity`, cached (report-cache.repository.ts): at a million rows they read 25 000 open items
 * and 4 000 meetings a quarter, 60–80 ms a `status`.
 */
export function createStatusRepository({ db }: { db: Database }) {
  const cache = createReportCacheRepository({ db });

  /**
   * Each cluster's meetings in the period and open (and overdue) action items of live meetings, over the
   * scope's clusters (every cluster of the programme when unscoped: the page is chosen by the caller). Each
   * table is aggregated once with a group-by, starting from the rows it counts through an index (the period's
   * meetings by meetings_programme_held_on_idx, open action items by action_items_open_owner_idx) — a
   * per-cluster subquery made Postgres probe action_items 60 000 times for 200 clusters.
   */
  async function activity(input: { programmeId: string; scope: ClusterScope; from: string; to: string; today: string }) {
    const { programmeId: p, scope, from, to, today } = input;
    const key = `status.activity:${JSON.stringify({ scope: scope ? [...scope].sort() : null, from, to, today })}`;
    return cache.cached(p, key, async () => {
      const result = await reportQuery(db, sql`
        with met as (
          select mc.cluster_id, count(*) as n from meetings m join meeting_clusters mc on mc.meeting_id = m.id
          where m.programme_id = ${p} and m.deleted_at is null and m.held_on between ${from}::date and ${to}::date and ${inScope(sql`mc.cluster_id`, scope)}
          group by mc.cluster_id),
        act as (
          select mc.cluster_id, count(*) as open, count(*) filter (where a.due_on < ${today}::date) as overdue
          from action_items a join meetings m on m.id = a.meeting_id join meeting_clusters mc on mc.meeting_id = a.meeting_id
          where a.programme_id = ${p} and a.done_at is null and m.deleted_at is null and ${inScope(sql`mc.cluster_id`, scope)}
          group by mc.cluster_id)
        select coalesce(met.cluster_id, act.cluster_id)::text as "clusterId", coalesce(met.n, 0)::int as meetings,
          coalesce(act.open, 0)::int as "openActions", coalesce(act.overdue, 0)::int as "overdueActions"
        from met full join act on act.cluster_id = met.cluster_id`);
      return rowsOf<{ clusterId: string; meetings: number; openActions: number; overdueActions: number }>(result);
    });
  }

  return {
    async clusters(input: { programmeId: string; scope: ClusterScope; from: string; to: string; today: string; limit?: number; offset?: number }) {
      const { programmeId: p, today } = input;
      const [result, counted] = await Promise.all([
        db.execute(sql`
          with sc as (
            select c.id, c.name, c.created_at, c.retired_at from clusters c where ${clustersOf(p, input.scope, input)}
            order by c.retired_at is not null, lower(c.name) limit ${input.limit ?? 10_000} offset ${input.offset ?? 0}),
          plan as (
            select pa.cluster_id, count(*) as total, count(pa.done_at) as done, count(*) filter (where pa.done_at is null and pa.due_on < ${today}::date) as overdue
            from plan_actions pa join sc on sc.id = pa.cluster_id group by pa.cluster_id)
          select sc.id, sc.name, to_char(sc.created_at, 'YYYY-MM-DD') as "createdOn", to_char(sc.retired_at, 'YYYY-MM-DD') as "retiredOn",
            (select pe.display_name from memberships ms join people pe on pe.id = ms.person_id where ms.cluster_id = sc.id and ms.role = 'leader' limit 1) as leader,
            (select string_agg(pe.display_name, ', ' order by pe.display_name) from memberships ms join people pe on pe.id = ms.person_id where ms.cluster_id = sc.id and ms.role = 'deputy') as deputies,
            (select max(pn.iso_week) from progress_notes pn where pn.cluster_id = sc.id) as "lastWeek",
            coalesce(plan.total, 0)::int as "planTotal", coalesce(plan.done, 0)::int as "planDone", coalesce(plan.overdue, 0)::int as "planOverdue",
            (select max(r.reviewed_on)::text from plan_reviews r where r.cluster_id = sc.id) as "lastReview"
          from sc left join plan on plan.cluster_id = sc.id
          order by sc.retired_at is not null, lower(sc.name)`),
        activity(input),
      ]);
      const byCluster = new Map(counted.map((row) => [row.clusterId, row]));
      const clusters = rowsOf<Omit<ClusterStatusRow, 'meetings' | 'openActions' | 'overdueActions'>>(result).map((row): ClusterStatusRow => {
        const counts = byCluster.get(row.id);
        return { ...row, meetings: counts?.meetings ?? 0, openActions: counts?.openActions ?? 0, overdueActions: counts?.overdueActions ?? 0 };
      });
      return { clusters };
    },

    async countClusters(programmeId: string, scope: ClusterScope, period: StatusPeriod) {
      const result = await db.execute(sql`select count(*)::int as n from clusters c where ${clustersOf(programmeId, scope, period)}`);
      return { total: rowsOf<{ n: number }>(result)[0]?.n ?? 0 };
    },

    /** The plan figures of every cluster in scope, counted from plan_actions themselves (each belongs to
     *  one cluster) over the same clusters `clusters` lists, not summed from a page of its rows. */
    async planTotals(input: { programmeId: string; scope: ClusterScope; today: string } & StatusPeriod) {
      const result = await db.execute(sql`
        select count(*)::int as total, count(pa.done_at)::int as done,
          count(*) filter (where pa.done_at is null and pa.due_on < ${input.today}::date)::int as overdue
        from plan_actions pa join clusters c on c.id = pa.cluster_id
        where pa.programme_id = ${input.programmeId} and ${clustersOf(input.programmeId, input.scope, input)}`);
      const row = rowsOf<{ total: number; done: number; overdue: number }>(result)[0];
      return { total: row?.total ?? 0, done: row?.done ?? 0, overdue: row?.overdue ?? 0 };
    },

    /** The cluster's member organisations (through its members' profiles) with their helix types. */
    async memberOrganisations(programmeId: string, clusterId: string) {
      const result = await db.execute(sql`
        select distinct o.org_number as "orgNumber", o.name, o.helix_type as "helixType"
        from memberships ms join people pe on pe.id = ms.person_id join organisations o on o.id = pe.organisation_id
        where ms.programme_id = ${programmeId} and ms.cluster_id = ${clusterId}::uuid
        order by o.name`);
      return { organisations: rowsOf<{ orgNumber: string; name: string; helixType: string }>(result) };
    },
  };
}

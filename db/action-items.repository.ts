import { and, asc, eq, getTableColumns, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { numberFrom, numbersCte } from './counters.repository.js';
import { createReportCacheRepository } from './report-cache.repository.js';
import { actionItems, meetingClusters, meetings, people } from './schema/index.js';

const { searchVector: _vector, ...actionColumns } = getTableColumns(actionItems);
export type ActionItem = Omit<typeof actionItems.$inferSelect, 'searchVector'>;

export interface NewActionItem {
  ownerId: string;
  text: string;
  dueOn: string | null;
}

/** Inserts a meeting's action items with consecutive short numbers, in the order they were written. */
export async function insertActionItems(db: Database, input: { programmeId: string; meetingId: string; at: Date; actions: NewActionItem[] }): Promise<ActionItem[]> {
  if (input.actions.length === 0) return [];
  const allocated = numbersCte(db, input.programmeId, 'A', input.actions.length);
  const rows = input.actions.map((a, i) => ({ ...a, programmeId: input.programmeId, meetingId: input.meetingId, number: numberFrom(allocated, i), createdAt: input.at }));
  const inserted = await db.with(allocated).insert(actionItems).values(rows).returning(actionColumns);
  return inserted.sort((a, b) => a.number - b.number);
}

/** An open action item with what a list shows next to it. */
const listed = {
  ...actionColumns,
  heldOn: meetings.heldOn,
  meetingNumber: meetings.number,
  meetingAuthorId: meetings.authorId,
  ownerName: people.displayName,
};

/** Which open items a list or a count is about: the owner's, or those of meetings of any of the clusters
 *  (an item whose meeting has several of them is still one item), or all of the programme's. `listOpen`
 *  and `countOpen` share it, so a total shown anywhere equals the length of the list `actions` shows. */
export interface OpenItemsQuery {
  programmeId: string;
  ownerId?: string;
  clusterIds?: string[];
  excludeMeetingId?: string;
  /** Only items of meetings held on or before this day: what a meeting logged for that day carries forward
   *  (a back-dated meeting does not carry the items of meetings held after it). */
  heldOnOrBefore?: string;
}

function openItemFilters(db: Database, input: OpenItemsQuery): SQL | undefined {
  const filters: (SQL | undefined)[] = [eq(actionItems.programmeId, input.programmeId), isNull(actionItems.doneAt), isNull(meetings.deletedAt)];
  if (input.ownerId) filters.push(eq(actionItems.ownerId, input.ownerId));
  if (input.excludeMeetingId) filters.push(ne(actionItems.meetingId, input.excludeMeetingId));
  if (input.heldOnOrBefore) filters.push(lte(meetings.heldOn, input.heldOnOrBefore));
  if (input.clusterIds) {
    // A semi-join (`meeting_id in (…)`), never a join: a join would repeat an item once per cluster.
    const ofClusters = db.select({ id: meetingClusters.meetingId }).from(meetingClusters).where(inArray(meetingClusters.clusterId, input.clusterIds));
    filters.push(inArray(actionItems.meetingId, ofClusters));
  }
  return and(...filters);
}

export function createActionItemsRepository({ db }: { db: Database }) {
  const cache = createReportCacheRepository({ db });
  return {
    /** Open items of live meetings: the owner's, or those of meetings of any of the clusters. Overdue come
     *  first because the earliest due dates sort first; items without a due date come last. */
    async listOpen(input: OpenItemsQuery & { limit: number }) {
      if (input.clusterIds?.length === 0) return { actions: [], total: 0 };
      const rows = await db
        .select({ ...listed, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(actionItems)
        .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
        .innerJoin(people, eq(people.id, actionItems.ownerId))
        .where(openItemFilters(db, input))
        .orderBy(sql`${actionItems.dueOn} asc nulls last`, asc(meetings.heldOn), asc(actionItems.number))
        .limit(input.limit);
      return { actions: rows.map(({ total: _t, ...row }) => row), total: rows[0]?.total ?? 0 };
    },

    /** How many items `listOpen` lists for the same query, and how many of them are overdue on `today`
     *  (due before it, as the list marks them): the totals of `status` and the dashboard. Cached
     *  (report-cache.repository.ts): at a million rows `status` counted 20 000 open items, 40 ms. */
    async countOpen(input: OpenItemsQuery & { today: string }): Promise<{ open: number; overdue: number }> {
      if (input.clusterIds?.length === 0) return { open: 0, overdue: 0 };
      const { programmeId, ownerId, clusterIds, excludeMeetingId, heldOnOrBefore, today } = input;
      // Every input, in one order whatever order the caller's object had.
      const key = `actions.countOpen:${JSON.stringify([ownerId ?? null, clusterIds ? [...clusterIds].sort() : null, excludeMeetingId ?? null, heldOnOrBefore ?? null, today])}`;
      return cache.cached(programmeId, key, async () => {
        const [row] = await db
          .select({
            open: sql<number>`count(*)`.mapWith(Number),
            overdue: sql<number>`count(*) filter (where ${actionItems.dueOn} < ${input.today}::date)`.mapWith(Number),
          })
          .from(actionItems)
          .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
          .innerJoin(people, eq(people.id, actionItems.ownerId))
          .where(openItemFilters(db, input));
        return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
      });
    },

    /** Open items due on or before `untilDay` (overdue included), for the weekly nudge to their owners. */
    async dueBy(programmeId: string, untilDay: string) {
      const rows = await db
        .select(listed)
        .from(actionItems)
        .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
        .innerJoin(people, eq(people.id, actionItems.ownerId))
        .where(and(eq(actionItems.programmeId, programmeId), isNull(actionItems.doneAt), isNull(meetings.deletedAt), sql`${actionItems.dueOn} <= ${untilDay}`))
        .orderBy(asc(actionItems.dueOn), asc(actionItems.number));
      return { actions: rows };
    },

    /** An item by its short number; items of deleted meetings are gone for everyone. */
    async findByNumber(programmeId: string, number: number) {
      const [action] = await db
        .select({ ...listed, meetingId: meetings.id })
        .from(actionItems)
        .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
        .innerJoin(people, eq(people.id, actionItems.ownerId))
        .where(and(eq(actionItems.programmeId, programmeId), eq(actionItems.number, number), isNull(meetings.deletedAt)));
      return { action };
    },

    /** Closes an open item; a second `done` (or a race) finds it closed and changes nothing. */
    async complete(input: { programmeId: string; id: string; by: string; note: string | null; at: Date }) {
      const [action] = await db
        .update(actionItems)
        .set({ doneAt: input.at, doneBy: input.by, doneNote: input.note })
        .where(and(eq(actionItems.programmeId, input.programmeId), eq(actionItems.id, input.id), isNull(actionItems.doneAt)))
        .returning(actionColumns);
      return { action };
    },

    /** The earliest due date among a meeting's items: a meeting cannot move past what it agreed. */
    async earliestDue(programmeId: string, meetingId: string) {
      const [row] = await db
        .select({ due: sql<string | null>`min(${actionItems.dueOn})::text` })
        .from(actionItems)
        .where(and(eq(actionItems.programmeId, programmeId), eq(actionItems.meetingId, meetingId)));
      return { due: row?.due ?? null };
    },
  };
}

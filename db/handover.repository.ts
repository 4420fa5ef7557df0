import { sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';

export interface OwnedItem {
  id: string;
  number: number;
  text: string;
  dueOn: string | null;
}

/** What a handover moves from one person to another within one cluster. Every update repeats the
 *  "still open, still theirs" condition, so an item closed or reassigned meanwhile is left alone. */
export function createHandoverRepository({ db }: { db: Database }) {
  return {
    /** Open action items owned by the person, of live meetings of the cluster. */
    async openActionsOf(programmeId: string, clusterId: string, ownerId: string) {
      const result = await db.execute(sql`
        select a.id, a.number, a.text, a.due_on::text as "dueOn" from action_items a join meetings m on m.id = a.meeting_id
        where a.programme_id = ${programmeId} and a.owner_id = ${ownerId}::uuid and a.done_at is null and m.deleted_at is null
          and a.meeting_id in (select mc.meeting_id from meeting_clusters mc where mc.cluster_id = ${clusterId}::uuid)
        order by a.number`);
      return { actions: rowsOf<OwnedItem>(result) };
    },

    async openPlanActionsOf(programmeId: string, clusterId: string, ownerId: string) {
      const result = await db.execute(sql`
        select pa.id, pa.number, pa.text, pa.due_on::text as "dueOn" from plan_actions pa
        where pa.programme_id = ${programmeId} and pa.cluster_id = ${clusterId}::uuid and pa.owner_id = ${ownerId}::uuid and pa.done_at is null
        order by pa.number`);
      return { actions: rowsOf<OwnedItem>(result) };
    },

    async reassignActions(programmeId: string, ids: string[], fromId: string, toId: string) {
      if (ids.length === 0) return { numbers: [] as number[] };
      const result = await db.execute(sql`
        update action_items set owner_id = ${toId}::uuid
        where programme_id = ${programmeId} and owner_id = ${fromId}::uuid and done_at is null and id in (${idList(ids)}) returning number`);
      return { numbers: rowsOf<{ number: number }>(result).map((r) => r.number).sort((a, b) => a - b) };
    },

    async reassignPlanActions(programmeId: string, ids: string[], fromId: string, toId: string) {
      if (ids.length === 0) return { numbers: [] as number[] };
      const result = await db.execute(sql`
        update plan_actions set owner_id = ${toId}::uuid
        where programme_id = ${programmeId} and owner_id = ${fromId}::uuid and done_at is null and id in (${idList(ids)}) returning number`);
      return { numbers: rowsOf<{ number: number }>(result).map((r) => r.number).sort((a, b) => a - b) };
    },
  };
}

function idList(ids: string[]) {
  return sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
}

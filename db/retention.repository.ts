// What the retention job changes when a category falls due (README "Data and privacy"). Every statement
// skips rows under a legal hold and returns the ids it touched, so the job can audit each item.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { heldCondition } from './personal-data.repository.js';
import { tableInfo } from './personal-data.js';
import { FORGOTTEN_PERSON_PREFIX } from './privacy.repository.js';

/** What a retention step touched: one audit row is written per item. */
export interface RetentionItem {
  table: string;
  id: string;
  action: 'pseudonymise' | 'delete' | 'unlink' | 'clear';
}

const notHeld = (table: string) => sql`not ${heldCondition(tableInfo(table))}`;

export function createRetentionRepository({ db }: { db: Database }) {
  const touched = async (table: string, action: RetentionItem['action'], statement: SQL): Promise<RetentionItem[]> =>
    rowsOf<{ id: string }>(await db.execute(statement)).map((r) => ({ table, id: String(r.id), action }));

  return {
    async programmeIds() {
      return { ids: rowsOf<{ id: string }>(await db.execute(sql`select id::text as id from programmes order by created_at`)).map((r) => r.id) };
    },

    /** People not yet pseudonymised and with no erasure in progress. */
    async peopleToPseudonymise(programmeId: string) {
      const result = await db.execute(sql`select p.id::text as id from people p where p.programme_id = ${programmeId}
        and p.user_id not like ${`${FORGOTTEN_PERSON_PREFIX}%`}
        and not exists (select 1 from privacy_erasures e where e.person_id = p.id and e.state in ('done', 'held'))`);
      return { ids: rowsOf<{ id: string }>(result).map((r) => r.id) };
    },

    /** Guests named in meetings, and the authors of saved messages LOKET never met, have no person row:
     *  their names become "Guest". */
    async pseudonymiseGuests(programmeId: string) {
      return [
        ...(await touched('meeting_participants', 'pseudonymise', sql`update meeting_participants t set guest_name = 'Guest'
        where t.programme_id = ${programmeId} and t.guest_name is not null and t.guest_name <> 'Guest' and ${notHeld('meeting_participants')} returning t.id::text as id`)),
        ...(await touched('message_sources', 'pseudonymise', sql`update message_sources t set author_name = 'Guest'
        where t.programme_id = ${programmeId} and t.author_name is not null and t.author_name <> 'Guest' and ${notHeld('message_sources')} returning t.id::text as id`)),
      ];
    },

    /** A weekly note stays the cluster's; who wrote it is no longer said. */
    async unlinkProgressAuthors(programmeId: string) {
      return touched('progress_notes', 'unlink', sql`update progress_notes t set author_id = null
        where t.programme_id = ${programmeId} and t.author_id is not null and ${notHeld('progress_notes')} returning t.id::text as id`);
    },

    /** Who did what and when stays; the free-form details (names typed, before/after values) go. Rows
     *  written after the due date are not due, so the job's own audit rows are never cleared in a loop. */
    async clearAuditDetails(programmeId: string, before: Date) {
      return touched('audit_log', 'clear', sql`update audit_log t set detail = null
        where t.programme_id = ${programmeId} and t.detail is not null and t.at < ${before.toISOString()}::timestamptz
          and not exists (select 1 from legal_holds h where h.released_at is null and h.entity_id::text = t.subject_id) returning t.id::text as id`);
    },

    /** Who was proposed to whom only serves the next proposals; held exchanges keep theirs. */
    async deleteExchangePairs(programmeId: string) {
      return touched('exchange_pairs', 'delete', sql`delete from exchange_pairs t where t.programme_id = ${programmeId} and ${notHeld('exchange_pairs')} returning t.id::text as id`);
    },

    /** Absences, pauses, 1:1 chat references and expired files: no record of the programme. */
    async deleteOperational(programmeId: string, now: Date) {
      const items = [
        ...(await touched('absences', 'delete', sql`delete from absences t where t.programme_id = ${programmeId} returning t.id::text as id`)),
        ...(await touched('exchange_pauses', 'delete', sql`delete from exchange_pauses t where t.programme_id = ${programmeId} returning t.person_id::text as id`)),
        ...(await touched('conversations', 'delete', sql`delete from conversations t where t.programme_id = ${programmeId} and t.user_id is not null returning t.id::text as id`)),
        ...(await touched('export_files', 'delete', sql`delete from export_files t where t.programme_id = ${programmeId} and t.expires_at < ${now.toISOString()}::timestamptz returning t.id::text as id`)),
      ];
      return items;
    },
  };
}

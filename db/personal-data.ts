// The one place that says, for every table that holds personal data, how `export me` takes it out, how
// `forget-me` and retention erase it, and why the rest is kept. A schema-walk test fails when a table that
// refers to a person is missing here, so a new table cannot silently escape export or erasure.
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import * as schema from './schema/index.js';
import type { RetentionCategory } from './retention-policy.js';


/**
 * How erasure treats the person's rows: `pseudonymise` the person themselves; `keep` a record of the
 * programme (it keeps pointing at the person, who becomes "Person 17"); `delete` rows that only serve
 * the person and are no record (absences, chat references).
 */
export type EraseRule = 'pseudonymise' | 'keep' | 'delete';

/** A column that identifies the person without a foreign key: their uuid as text, or their platform id. */
export interface IdentityColumn {
  column: string;
  /** `personIds`: a uuid array of people (several recipients of one message). */
  value: 'personId' | 'userId' | 'personIds';
}

export interface PersonalDataRule {
  category: RetentionCategory;
  /** `rows`: the rows that refer to the person go into `export me`; else why they stay out. */
  export: 'rows' | { skip: string };
  erase: EraseRule;
  why: string;
  identity?: IdentityColumn[];
  /** Columns named like a person that are none (a user token's ciphertext, its scopes), said once here. */
  notPerson?: string[];
}

const keep = (category: RetentionCategory, why: string): PersonalDataRule => ({ category, export: 'rows', erase: 'keep', why });
const remove = (category: RetentionCategory, why: string, identity?: IdentityColumn[]): PersonalDataRule => ({ category, export: 'rows', erase: 'delete', why, identity });
const records = 'a record of the programme, kept for the fund and the archive; the person in it becomes a pseudonym';

export const personalData: Record<string, PersonalDataRule> = {
  people: { category: 'profile', export: 'rows', erase: 'pseudonymise', why: 'name, handle, organisation, gender and language: replaced by a pseudonym', identity: [{ column: 'id', value: 'personId' }] },
  memberships: keep('profile', 'who belonged to or led a cluster is part of the programme record'),
  programme_roles: keep('profile', 'who managed the programme is part of the programme record'),
  meetings: keep('meetings', records),
  meeting_participants: keep('meetings', 'attendance counts in the funder indicators; guests are pseudonymised by retention'),
  action_items: keep('meetings', records),
  notes: keep('meetings', records),
  progress_notes: keep('progress', 'the cluster\'s weekly note; retention unlinks its author'),
  plan_gaps: keep('plans', records),
  plan_actions: keep('plans', records),
  plan_reviews: keep('plans', records),
  exchange_posts: keep('exchanges', records),
  // Self-assessments and meeting evaluations (issue 23): an assessment is the cluster's record; an
  // evaluation is the person's own answer, exported to them and, after erasure, one anonymous answer among
  // the meeting's (its average and comments never named anyone).
  assessments: keep('plans', records),
  meeting_evaluations: keep('meetings', 'the person\'s answer counts in the meeting\'s anonymous average; after erasure it points at the pseudonym'),
  message_sources: { ...keep('meetings', 'where a saved record came from: the link to the chat message and who wrote it, a person (a pseudonym after erasure) or a named guest'), notPerson: ['author_name'] },
  // Planned meetings (issue 22): the plan, who was invited and the agenda are the programme's record, like
  // the logged meeting they become; the private calendar address only serves the person and is closed.
  planned_meetings: keep('meetings', records),
  planned_meeting_invitees: keep('meetings', 'who was invited to a planned meeting; guests are named as typed, like meeting participants'),
  agenda_topics: keep('meetings', records),
  calendar_feeds: remove('operational', 'the person\'s private calendar address, stored only as a hash; erasure closes it'),
  exchange_proposals: keep('exchanges', records),
  exchange_learnings: keep('exchanges', 'what was learned is shared knowledge, also stored as cluster notes'),
  exchange_pairs: remove('exchanges', 'only stops the same two people being proposed again'),
  exchange_pauses: remove('operational', 'only silences proposals to the person'),
  absences: remove('operational', 'only silences reminders to the person'),
  conversations: remove('operational', 'the 1:1 chat reference LOKET uses to reach the person', [{ column: 'user_id', value: 'userId' }]),
  // Kept, not deleted: the forget-me command itself is one of these rows, still in flight while it erases;
  // its identifiers are replaced like everywhere else and the inbox purges finished rows on its own.
  // `owner` is the LOKET process holding the row's lease, not a person.
  inbox: { category: 'operational', export: { skip: 'commands in flight, the same commands already exported as their records' }, erase: 'keep', why: 'commands in flight, purged once answered; the identifiers in them are replaced', identity: [{ column: 'user_id', value: 'userId' }], notPerson: ['owner'] },
  export_files: remove('operational', 'files the person generated; they expire after 7 days'),
  digest_subscriptions: keep('operational', 'a channel setting of the programme; who set it up points at the pseudonym'),
  programme_targets: keep('audit', 'who set a funder target is part of the programme record'),
  audit_log: { ...keep('audit', 'public records must not change silently; free text in details is pseudonymised'), identity: [{ column: 'subject_id', value: 'personId' }] },
  one_time_codes: { ...keep('audit', 'which code made whom a manager is part of the audit trail'), identity: [{ column: 'used_by', value: 'personId' }] },
  link_generations: keep('audit', 'who revoked the web view links is part of the audit trail'),
  legal_holds: keep('audit', 'a hold and who placed it must outlive any erasure'),
  privacy_erasures: { ...keep('audit', 'the record that erasure was asked for and done'), export: 'rows' },
  outbox_messages: { ...keep('operational', 'messages queued to people; names in them are replaced, the delivery history stays'), identity: [{ column: 'person_ids', value: 'personIds' }] },
  slack_installations: {
    category: 'operational',
    export: { skip: 'the workspace\'s installation: encrypted tokens, never handed out; the installer is only an id' },
    erase: 'keep',
    why: 'the workspace needs it to reach LOKET; the installer\'s user id in it is replaced by the pseudonym',
    identity: [{ column: 'installer_user_id', value: 'userId' }],
    notPerson: ['bot_user_id', 'user_scopes', 'user_token', 'user_refresh_token', 'user_token_expires_at'],
  },
};

/** Tables whose rows are never rewritten by erasure: other people's rows and the privacy records themselves. */
export const notScrubbed = new Set(['people', 'privacy_flags', 'privacy_erasures', 'legal_holds']);

/** Tables whose scrubbed mentions need no review by the PM: machine data, not sentences people wrote. */
export const scrubSilently = new Set(['inbox', 'conversations', 'export_files', 'job_runs', 'processed_deliveries', 'audit_log', 'one_time_codes']);

/** uuid columns whose value may be a held record (legal_holds.entity_id): a row is held when any is. */
export const holdColumnNames = ['id', 'meeting_id', 'proposal_id', 'gap_id', 'need_id', 'offer_id'];

/** Short id letter of tables whose `number` users type (M12 …), for flags and hold lookups. */
export const shortIdTables: Record<string, string> = { meetings: 'M', action_items: 'A', notes: 'N', exchange_proposals: 'X', plan_gaps: 'G', plan_actions: 'P' };

export interface TableInfo {
  name: string;
  columns: PgColumn[];
  /** Columns with a foreign key to people. */
  personForeignKeys: string[];
  /** text, varchar and json(b) columns: where a name or handle can be written. */
  textColumns: string[];
  hasProgramme: boolean;
}

let walked: TableInfo[] | undefined;

/** Every table of the Drizzle schema, walked once per process. */
export function allTables(): TableInfo[] {
  walked ??= (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => {
      const config = getTableConfig(table);
      const personForeignKeys = config.foreignKeys.flatMap((fk) => {
        const ref = fk.reference();
        return getTableConfig(ref.foreignTable).name === 'people' ? ref.columns.map((c) => c.name) : [];
      });
      const textColumns = config.columns.filter((c) => /^(text|varchar|character varying|json|jsonb)$|^(varchar|character varying)\(/.test(c.getSQLType()) && !c.generated).map((c) => c.name);
      return { name: config.name, columns: config.columns, personForeignKeys, textColumns, hasProgramme: config.columns.some((c) => c.name === 'programme_id') };
    });
  return walked;
}

export function tableInfo(name: string): TableInfo {
  const table = allTables().find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name} in the schema`);
  return table;
}

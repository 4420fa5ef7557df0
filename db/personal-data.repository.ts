// Export and erasure driven by the schema walk (personal-data.ts): the SQL is generated from the tables
// that exist, so a table added tomorrow is exported, scrubbed and held like the others.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';
import { allTables, holdColumnNames, notScrubbed, personalData, scrubSilently, shortIdTables, type TableInfo } from './personal-data.js';

export interface Subject {
  programmeId: string;
  personId: string;
  userId: string;
}

export interface ScrubbedCell {
  table: string;
  column: string;
  rowKey: string;
  recordRef: string | null;
  review: boolean;
}

const id = (name: string) => sql.identifier(name);

/** Rows whose own id or parent record is under an active legal hold. */
export function heldCondition(table: TableInfo, alias = 't'): SQL {
  const columns = table.columns.filter((c) => holdColumnNames.includes(c.name) && c.getSQLType() === 'uuid').map((c) => sql`${id(alias)}.${id(c.name)}`);
  if (!columns.length) return sql`false`;
  return sql`exists (select 1 from legal_holds h where h.released_at is null and h.entity_id in (${sql.join(columns, sql`, `)}))`;
}

/** The rows of one table that refer to the person: foreign keys to people and declared identity columns. */
function refersTo(table: TableInfo, subject: Subject): SQL | undefined {
  const rule = personalData[table.name];
  const parts = table.personForeignKeys.map((c) => sql`t.${id(c)} = ${subject.personId}`);
  for (const extra of rule?.identity ?? []) {
    const column = sql`t.${id(extra.column)}`;
    if (extra.value === 'personId') parts.push(sql`${column}::text = ${subject.personId}`);
    else if (extra.value === 'personIds') parts.push(sql`${subject.personId}::uuid = any(${column})`);
    else parts.push(sql`${column} = ${subject.userId}`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : undefined;
}

function inProgramme(table: TableInfo, programmeId: string): SQL {
  return table.hasProgramme ? sql`t.programme_id = ${programmeId}` : sql`true`;
}

/** A Unicode-aware whole-word pattern (Postgres' \m and \M follow the database locale, often C, where
 *  å, ä and ö are not letters). Opaque platform ids of 6+ characters are matched anywhere. */
export function identifierPattern(identifiers: string[]): RegExp {
  const parts = identifiers
    .filter((v) => v.trim().length > 1)
    .sort((a, b) => b.length - a.length)
    .map((v) => {
      const escaped = v.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return /^[A-Za-z0-9:_-]{6,}$/.test(v) && /\d/.test(v) ? escaped : `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`;
    });
  return new RegExp(parts.join('|') || '(?!)', 'giu');
}

export function createPersonalDataRepository({ db }: { db: Database }) {
  return {
    /** Every row of every declared table that refers to the person, as JSON-ready objects. */
    async exportRows(subject: Subject) {
      const tables: { table: string; rows: Record<string, unknown>[] }[] = [];
      for (const table of allTables()) {
        const rule = personalData[table.name];
        const where = refersTo(table, subject);
        if (!rule || rule.export !== 'rows' || !where) continue;
        const generated = table.columns.filter((c) => c.generated).map((c) => c.name);
        const result = await db.execute(sql`select to_jsonb(t.*) as row from ${id(table.name)} t where ${inProgramme(table, subject.programmeId)} and ${where}`);
        const rows = rowsOf<{ row: Record<string, unknown> }>(result).map(({ row }) => Object.fromEntries(Object.entries(row).filter(([k]) => !generated.includes(k))));
        if (rows.length) tables.push({ table: table.name, rows });
      }
      return { tables };
    },

    /** Replaces the person's name and handle in every text and JSON column of every table (held rows and
     *  other people's rows excepted) and says where, so the PM can review the sentences. */
    async scrub(programmeId: string, identifiers: string[], replacement: string) {
      const pattern = identifierPattern(identifiers);
      const likes = identifiers.filter((v) => v.trim().length > 1).map((v) => `%${v.trim().replace(/[\\%_]/g, '\\$&')}%`);
      const changed: ScrubbedCell[] = [];
      if (!likes.length) return { changed };
      for (const table of allTables()) {
        if (notScrubbed.has(table.name)) continue;
        for (const column of table.textColumns) {
          const isJson = table.columns.find((c) => c.name === column)!.getSQLType().startsWith('json');
          const text = sql`t.${id(column)}::text`;
          const hasId = table.columns.some((c) => c.name === 'id');
          const ref = shortIdTables[table.name] ? sql`${shortIdTables[table.name]} || t.number` : sql`null`;
          const result = await db.execute(sql`select t.ctid::text as ctid, ${hasId ? sql`t.id::text` : sql`t.ctid::text`} as key, ${ref} as ref, ${text} as value
            from ${id(table.name)} t where ${inProgramme(table, programmeId)} and ${text} ilike any(${sql`array[${sql.join(likes.map((l) => sql`${l}`), sql`, `)}]`}) and not ${heldCondition(table)}`);
          for (const row of rowsOf<{ ctid: string; key: string; ref: string | null; value: string }>(result)) {
            const next = row.value.replace(pattern, replacement);
            if (next === row.value) continue;
            const value = isJson ? sql`${next}::jsonb` : sql`${next}`;
            await db.execute(sql`update ${id(table.name)} t set ${id(column)} = ${value} where t.ctid = ${row.ctid}::tid`);
            changed.push({ table: table.name, column, rowKey: row.key, recordRef: row.ref, review: !scrubSilently.has(table.name) });
          }
        }
      }
      return { changed };
    },

    /** Deletes the person's rows in tables whose rule is `delete` (never held ones); counts per table. */
    async deleteOwnRows(subject: Subject) {
      const deleted: { table: string; count: number }[] = [];
      for (const table of allTables()) {
        const where = refersTo(table, subject);
        if (personalData[table.name]?.erase !== 'delete' || !where) continue;
        const result = await db.execute(sql`delete from ${id(table.name)} t where ${inProgramme(table, subject.programmeId)} and ${where} and not ${heldCondition(table)} returning 1 as one`);
        const count = rowsOf(result).length;
        if (count) deleted.push({ table: table.name, count });
      }
      return { deleted };
    },

    /** Held records that refer to the person: while they exist, the person's own row is kept as it is. */
    async heldReferences(subject: Subject) {
      const found = new Map<string, { shortId: string; reason: string }>();
      for (const table of allTables()) {
        const where = refersTo(table, subject);
        if (!where || table.name === 'legal_holds' || table.name === 'people') continue;
        const columns = table.columns.filter((c) => holdColumnNames.includes(c.name) && c.getSQLType() === 'uuid').map((c) => sql`t.${id(c.name)}`);
        if (!columns.length) continue;
        const result = await db.execute(sql`select h.short_id as "shortId", h.reason from ${id(table.name)} t
          join legal_holds h on h.released_at is null and h.entity_id in (${sql.join(columns, sql`, `)})
          where ${inProgramme(table, subject.programmeId)} and ${where}`);
        for (const row of rowsOf<{ shortId: string; reason: string }>(result)) found.set(row.shortId, row);
      }
      return { holds: [...found.values()].sort((a, b) => a.shortId.localeCompare(b.shortId, 'sv', { numeric: true })) };
    },

    /** How many rows of each table refer to the person, for `privacy`. */
    async countRows(subject: Subject) {
      const counts: { table: string; count: number }[] = [];
      for (const table of allTables()) {
        const where = refersTo(table, subject);
        if (!where || !personalData[table.name]) continue;
        const result = await db.execute(sql`select count(*)::int as n from ${id(table.name)} t where ${inProgramme(table, subject.programmeId)} and ${where}`);
        const n = rowsOf<{ n: number }>(result)[0]?.n ?? 0;
        if (n) counts.push({ table: table.name, count: n });
      }
      return { counts };
    },
  };
}

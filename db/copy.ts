// Copies every LOKET table from one database into another (PGlite → Postgres when a programme outgrows the
// embedded database). Both are brought to the current migrations first; the target must be empty. Rows
// travel as JSON in batches and are rebuilt by Postgres itself (jsonb_populate_recordset), so every column
// type round-trips without a type map here; generated columns (search vectors) are recomputed by the target.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { migrate, rowsOf } from './migrate.js';

export const COPY_BATCH_ROWS = 500;

export interface TableCount {
  table: string;
  rows: number;
}

export class CopyError extends Error {}

/** Derived tables, not copied: the target's continuity and report caches start empty and are computed on first read,
 *  and the rows copied into the other tables fill their change logs through the triggers anyway. */
const DERIVED = new Set(['continuity_cache', 'continuity_changes', 'report_cache', 'report_changes']);

export interface CopyOptions {
  source: Database;
  target: Database;
  batchRows?: number;
  /** Progress lines for the operator (the script prints them). */
  progress?: (line: string) => void;
}

export async function copyDatabase({ source, target, batchRows = COPY_BATCH_ROWS, progress = () => {} }: CopyOptions): Promise<TableCount[]> {
  await migrate(source);
  await migrate(target);
  return target.transaction(async (tx) => {
    const tables = await tablesInForeignKeyOrder(tx);
    const busy = (await countRows(tx, tables)).filter((c) => c.rows > 0);
    if (busy.length) throw new CopyError(`the target database is not empty (${busy.map((c) => `${c.table}: ${c.rows}`).join(', ')}); copy into a new, empty database`);
    const selfColumns = await selfReferences(tx);
    for (const table of tables) {
      const columns = await insertableColumns(tx, table);
      const copied = await copyTable(source, tx, table, columns, batchRows, selfColumns.get(table) ?? []);
      progress(`${table}: ${copied} rows`);
    }
    await resetSequences(tx);
    const expected = await countRows(source, tables);
    const actual = await countRows(tx, tables);
    const wrong = expected.filter((e, i) => actual[i]!.rows !== e.rows);
    // Throwing here rolls the whole copy back: a target with some tables missing rows is worse than none.
    if (wrong.length) throw new CopyError(`row counts differ after copying: ${wrong.map((w) => w.table).join(', ')}`);
    return actual;
  });
}

async function query<T>(db: Database, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/** Public tables to copy (not the derived ones), each after the tables its foreign keys point at (Kahn's
 *  algorithm over pg_constraint). */
export async function tablesInForeignKeyOrder(db: Database): Promise<string[]> {
  const tables = (await query<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)).map((r) => r.name).filter((t) => !DERIVED.has(t));
  const edges = await query<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname = 'public'`,
  );
  const waitingOn = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of edges) if (child !== parent) waitingOn.get(child)?.add(parent);
  // A table that references itself (agenda_topics.carried_from_id) is ordered like any other; its own
  // references are filled in after its rows are in (selfReferences, copyTable).
  const ordered: string[] = [];
  while (waitingOn.size) {
    const ready = [...waitingOn].filter(([, parents]) => [...parents].every((p) => !waitingOn.has(p))).map(([t]) => t);
    if (!ready.length) throw new CopyError(`foreign keys form a cycle among: ${[...waitingOn.keys()].join(', ')}`);
    for (const table of ready) {
      ordered.push(table);
      waitingOn.delete(table);
    }
  }
  return ordered;
}

async function insertableColumns(db: Database, table: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    db,
    sql`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`,
  );
  return rows.map((r) => r.name);
}

/** Columns whose foreign key points at their own table, by table. */
async function selfReferences(db: Database): Promise<Map<string, string[]>> {
  const rows = await query<{ table: string; column: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column" from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
        where k.contype = 'f' and k.confrelid = k.conrelid and n.nspname = 'public'`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table, column } of rows) byTable.set(table, [...(byTable.get(table) ?? []), column]);
  return byTable;
}

/** Rows in batches; a column referencing its own table is written empty first and filled in once every row
 *  of the table is there, so a row may point at one copied after it. */
async function copyTable(source: Database, target: Database, table: string, columns: string[], batchRows: number, selfColumns: string[]): Promise<number> {
  const list = sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
  const values = sql.join(columns.map((c) => (selfColumns.includes(c) ? sql`null` : sql.identifier(c))), sql`, `);
  const copied = await copyBatches(source, target, table, list, values, batchRows);
  for (const column of selfColumns) {
    const [pairs] = await query<{ rows: string }>(source, sql`select coalesce(json_agg(json_build_object('id', id, 'ref', ${sql.identifier(column)})), '[]'::json)::text as rows from ${sql.identifier(table)} where ${sql.identifier(column)} is not null`);
    await target.execute(sql`update ${sql.identifier(table)} t set ${sql.identifier(column)} = (x.ref)::uuid from jsonb_to_recordset(${pairs!.rows}::jsonb) as x(id uuid, ref text) where t.id = x.id`);
  }
  return copied;
}

async function copyBatches(source: Database, target: Database, table: string, list: SQL, values: SQL, batchRows: number): Promise<number> {
  let copied = 0;
  for (;;) {
    // ctid order is stable while nothing writes to the source, which a copy of a stopped data directory guarantees.
    const [batch] = await query<{ rows: string; n: number }>(
      source,
      sql`select coalesce(json_agg(to_jsonb(x)), '[]'::json)::text as rows, count(*)::int as n from (select * from ${sql.identifier(table)} order by ctid limit ${batchRows} offset ${copied}) x`,
    );
    if (!batch || batch.n === 0) return copied;
    await target.execute(sql`insert into ${sql.identifier(table)} (${list}) select ${values} from jsonb_populate_recordset(null::${sql.identifier(table)}, ${batch.rows}::jsonb)`);
    copied += batch.n;
    if (batch.n < batchRows) return copied;
  }
}

/** Serial columns (audit_log.id) continue after the copied rows instead of colliding with them. */
async function resetSequences(db: Database): Promise<void> {
  const serials = await query<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`,
  );
  for (const { table, column } of serials) {
    const qualified = `public.${table}`;
    await db.execute(
      sql`select setval(pg_get_serial_sequence(${qualified}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(table)}), 0) + 1, false)`,
    );
  }
}

export async function countRows(db: Database, tables: string[]): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of tables) {
    const [row] = await query<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    counts.push({ table, rows: row?.n ?? 0 });
  }
  return counts;
}

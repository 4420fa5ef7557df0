// `npm run db:copy -- --to postgres://… [--from <PGlite data directory>]`: moves a programme off the embedded
// database. The source defaults to LOKET_DATA_DIR (else ./.loket/data), the directory `npm start` uses.
// Stop LOKET first: PGlite is one process's database, and a copy of a changing directory is not a copy.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { CopyError, copyDatabase, type TableCount } from '../db/copy.js';

export interface CopyRun {
  argv: string[];
  env: Record<string, string | undefined>;
  out: (line: string) => void;
}

export async function runCopy({ argv, env, out }: CopyRun): Promise<TableCount[]> {
  const { values } = parseArgs({ args: argv, options: { to: { type: 'string' }, from: { type: 'string' } } });
  if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new CopyError('--to postgres://user:password@host:5432/database is required (an empty database)');
  const from = values.from ?? env.LOKET_DATA_DIR ?? './.loket/data';
  if (!existsSync(from)) throw new CopyError(`no PGlite data directory at ${from} (give it with --from)`);
  const source = await openDatabase({ dataDir: from });
  const target = await openDatabase({ databaseUrl: values.to, dataDir: '', maxConnections: 1 });
  try {
    out(`Copying ${from} → ${redact(values.to)}`);
    const counts = await copyDatabase({ source: source.db, target: target.db, progress: (line) => out(`  ${line}`) });
    const total = counts.reduce((sum, c) => sum + c.rows, 0);
    out(`Done: ${counts.length} tables, ${total} rows; row counts match the source table by table:`);
    for (const c of counts) out(`  ${c.table.padEnd(32)} ${String(c.rows).padStart(8)}`);
    out('Start LOKET with DATABASE_URL set to the new database; keep the data directory as a backup until you are satisfied.');
    return counts;
  } finally {
    await source.close();
    await target.close();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await runCopy({ argv: process.argv.slice(2), env: process.env, out: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    if (!(error instanceof CopyError)) throw error;
    process.stderr.write(`db:copy refused: ${error.message}\n`);
    process.exit(1);
  }
}

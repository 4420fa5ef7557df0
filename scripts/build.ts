// `npm run build [-- --out-dir <dir>]`: the production build. tsc compiles to dist/ (tsconfig.build.json),
// and the SQL migrations are copied next to the compiled db/migrate.js, which looks for them beside itself,
// so `node dist/bot/main.js` migrates exactly as `npm start` does.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

export function build(outDir = join(root, 'dist')): void {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status})`);
  cpSync(join(root, 'db', 'migrations'), join(outDir, 'db', 'migrations'), { recursive: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  try {
    build(values['out-dir'] ? resolve(values['out-dir']) : undefined);
    process.stdout.write(`Built ${values['out-dir'] ?? 'dist'}; run it with: node ${join(values['out-dir'] ?? 'dist', 'bot', 'main.js')}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

// The production path: `npm run build` compiles to a directory that runs with plain `node` (no tsx), finds
// its migrations, answers in the console, and serves /health and /ready as a server. Slow (a full tsc run),
// so it runs with `npm run test:slow`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { freePort } from '../support/processes.js';

const root = resolve(import.meta.dirname, '../..');
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'loket-dist-'));
  build(outDir);
  // A build outside the project needs what the project directory gives dist/: ESM and the dependencies.
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(root, 'node_modules'), join(outDir, 'node_modules'), 'dir');
}, 280_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOKET_DATA_DIR: 'memory://', LOG_LEVEL: 'info' });

describe('the built server', () => {
  it('runs the console with plain node: migrations found, help and whoami answered, exit 0', () => {
    const run = spawnSync(process.execPath, [join(outDir, 'bot', 'main.js'), '--console'], { input: 'whoami\nhelp\n', env: baseEnv(), encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/"applied":\d+.*database ready/);
    expect(run.stdout).toContain('Du i LOKET');
    expect(run.stdout).toContain('LOKET – vad vill du göra?');
    expect(run.stdout).not.toContain('Något gick fel');
  }, 260_000);

  it('serves /health and /ready as a server and stops on SIGTERM with exit 0', async () => {
    const port = await freePort();
    const env = { ...baseEnv(), PORT: String(port), TEAMS_ALLOW_UNAUTHENTICATED: 'true', LOKET_SECRET_KEY: 'k'.repeat(40) };
    const child = spawn(process.execPath, [join(outDir, 'bot', 'main.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      // A busy machine can take minutes to open and migrate PGlite.
      const deadline = Date.now() + 200_000;
      while ((await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined))?.status !== 200) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`not ready:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 260_000);
});

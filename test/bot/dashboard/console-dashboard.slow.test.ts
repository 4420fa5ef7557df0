// Slow: starts `npm start` (migrating a fresh embedded database) the way a user does.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, testDatabaseKind } from '../../support/test-database.js';

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/dashboard\/\S+/;

describe('npm start: the console serves the web view until it exits', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let drop = async () => {};
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'loket-dashboard-'));
    env = { LOKET_DATA_DIR: join(dataDir, 'data') };
    if (testDatabaseKind === 'postgres') {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      drop = scratch.drop;
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a local URL that answers while the console runs, and the process exits 0 at end of input', async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|TEAMS_|LOKET_|DATABASE_URL|PORT)/.test(k))) as Record<string, string>;
    const child = spawn('npm', ['start', '--silent'], { env: { ...clean, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = URL_PATTERN.exec(stdout);
        if (match) resolve(match[0]);
      });
      child.on('close', () => reject(new Error(`console ended without a URL: ${stdout}`)));
      child.stdin.write('cluster add Rymd sector:space\ndashboard\n');
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('>Rymd<');
    child.stdin.end();
    expect(await exited).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  }, 240_000);
});

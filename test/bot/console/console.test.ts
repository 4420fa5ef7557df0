import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, testDatabaseKind } from '../../support/test-database.js';

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs `npm start` exactly as a user would, with the given lines piped in. */
function npmStart(input: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { env: { ...cleanEnv(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

// A developer's own Slack or Teams variables must not turn the console test into a server.
function cleanEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(SLACK_|TEAMS_|LOKET_|DATABASE_URL|PORT)/.test(k))) as Record<string, string>;
}

/** npm itself prints `> loket@… start` / `> tsx bot/main.ts`; everything else on stdout is LOKET's. */
function withoutNpmBanner(stdout: string): string {
  return stdout.replace(/^\n?> loket@.*\n> .*\n\n?/, '');
}

let dataDir: string;
let database: { env: Record<string, string>; drop(): Promise<void> };
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'loket-console-'));
  if (testDatabaseKind === 'postgres') {
    const scratch = await createScratchDatabase();
    database = { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
  } else {
    database = { env: { LOKET_DATA_DIR: join(dataDir, 'data') }, drop: async () => {} };
  }
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`npm start with piped input (${testDatabaseKind})`, () => {
  it('piping help prints the help on stdout and nothing else there; logs go to stderr', async () => {
    const run = await npmStart('help\n', database.env);
    expect(run.code).toBe(0);
    const out = withoutNpmBanner(run.stdout);
    expect(out.startsWith('LOKET – vad vill du göra?\n')).toBe(true);
    expect(out).toContain('Möten och åtgärder: skriv `hjälp möten`');
    expect(out).not.toContain('"level"');
    expect(run.stderr).toContain('database ready');
  }, 60_000);

  it('a cluster added in one run is listed in the next, and `\\` continues a message', async () => {
    const first = await npmStart('cluster add Rymd \\\nsector:space\ncluster list\n', database.env);
    expect(first.code).toBe(0);
    expect(withoutNpmBanner(first.stdout)).toContain('Klustret ”Rymd” (sektor: space) är tillagt.');
    const second = await npmStart('cluster list\n', database.env);
    expect(withoutNpmBanner(second.stdout)).toContain('Rymd – space');
  }, 60_000);

  it('`as @name` runs a command as another local person who is not a manager', async () => {
    const run = await npmStart('as @erik cluster add Skog sector:forest\nas @erik join Rymd\nas @erik whoami\n', database.env);
    const out = withoutNpmBanner(run.stdout);
    expect(out).toContain('Du får inte köra `kluster ny`');
    expect(out).toContain('Du är nu medlem i Rymd.');
    expect(out).toMatch(/Namn: erik/);
  }, 60_000);

  it('a partial Slack configuration stops with a message naming the missing variable', async () => {
    const run = await npmStart('help\n', { ...database.env, SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('SLACK_SIGNING_SECRET: required');
    expect(withoutNpmBanner(run.stdout)).toBe('');
  }, 60_000);
});

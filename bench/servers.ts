// The processes a server benchmark measures: LOKET as `npm start` runs it and the bare Bolt app, each on
// its own loopback port, plus a keep-alive HTTP client that posts signed slash commands to either.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/migrate.js';
import { signSlackRequest, slackUser, slashCommandBody, FORM_CONTENT_TYPE, type FakeSlackApi } from '../test/support/fake-slack-api.js';
import type { Seeded } from './seed.js';
import { freePort } from '../test/support/processes.js';

export const SIGNING_SECRET = 'bench-signing-secret';

export interface RunningServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** LOKET's HTTP server on `databaseUrl`, answering Slack through `slackApiUrl` (a fake on loopback); `nodeArgs`
 *  go to Node before the loader (e.g. `--cpu-prof`). */
export async function startLoket(input: { databaseUrl: string; slackApiUrl: string; nodeArgs?: string[] }): Promise<RunningServer> {
  const port = await freePort();
  return startProcess([...(input.nodeArgs ?? []), '--import', 'tsx', 'bot/main.ts'], port, {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_API_URL: input.slackApiUrl,
    LOKET_SECRET_KEY: 'b'.repeat(48),
    DATABASE_URL: input.databaseUrl,
    LOG_LEVEL: 'warn',
  });
}

export async function startBareBolt(): Promise<RunningServer> {
  const port = await freePort();
  return startProcess(['--import', 'tsx', 'bench/bare-bolt.ts'], port, { SLACK_SIGNING_SECRET: SIGNING_SECRET });
}

/** The bare writing app (bench/bare-writer.ts): acks, inserts one row into its own table on `databaseUrl`,
 *  answers at response_url. */
export async function startBareWriter(input: { databaseUrl: string; storeBeforeAck?: boolean }): Promise<RunningServer> {
  const port = await freePort();
  const storing: Record<string, string> = input.storeBeforeAck ? { STORE_BEFORE_ACK: '1', TABLE: 'bench_stored_notes' } : {};
  return startProcess(['--import', 'tsx', 'bench/bare-writer.ts'], port, { SLACK_SIGNING_SECRET: SIGNING_SECRET, DATABASE_URL: input.databaseUrl, ...storing });
}

async function startProcess(args: string[], port: number, env: Record<string, string>): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  // Remembered from the start: a process killed by a signal has no exit code, and a second stop() must not
  // wait for an 'exit' event that has already been emitted.
  let running = true;
  const exited = new Promise<void>((resolve) => child.once('exit', () => { running = false; resolve(); }));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  // Generous: a cold start migrates and loads the TypeScript loader, slow on a busy CI machine.
  const deadline = Date.now() + 180_000;
  while ((await fetch(`${base}/ready`).catch(() => undefined))?.status !== 200) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    pid: child.pid!,
    stop: () => {
      if (running) {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }
      return exited;
    },
  };
}

/** Resident memory of a process in MiB (Linux /proc). */
export function residentMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

export interface SlashTarget {
  base: string;
  teamId: string;
  userId: string;
  responseUrl: (id: string) => string;
}

/** Posts one signed `/loket <text>` and resolves with the HTTP status when the acknowledgement arrives. */
export function postSlash(target: SlashTarget, text: string, id: string): Promise<number> {
  const body = slashCommandBody({ text, team_id: target.teamId, user_id: target.userId, trigger_id: id, response_url: target.responseUrl(id) });
  const headers = { 'content-type': FORM_CONTENT_TYPE, 'content-length': String(Buffer.byteLength(body)), ...signSlackRequest(SIGNING_SECRET, body) };
  return new Promise((resolve, reject) => {
    const req = request(`${target.base}/slack/events`, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Makes the fake Slack know every seeded person by the name the seed gave them, as a real workspace knows its
 *  members: LOKET's name refresh after an answer (users.info for the sender and a few people whose names are
 *  old) then succeeds once per person, as in production, instead of failing and being retried on every command. */
export async function knowSeededPeople(fake: FakeSlackApi, db: Database, seeded: Seeded): Promise<void> {
  const people = rowsOf<{ user_id: string; display_name: string }>(await db.execute(sql`select user_id, display_name from people where programme_id = ${seeded.programmeId} and platform = 'slack'`));
  for (const p of people) fake.users.set(p.user_id, slackUser(p.user_id, p.display_name));
}

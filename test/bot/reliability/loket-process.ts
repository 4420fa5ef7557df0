// LOKET as `npm start` runs it, in a child process the test or benchmark controls: started, killed with
// any signal, restarted on the same port and database. Used by the durability and outage runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FORM_CONTENT_TYPE, signSlackRequest, slashCommandBody } from '../../support/fake-slack-api.js';
import { freePort, waitUntil } from '../../support/processes.js';

export { freePort, waitUntil };

export const SIGNING_SECRET = 'durability-signing-secret';
export const TEAM_ID = 'T0DURABLE1';
export const USER_ID = 'U0DURABLE1';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface LoketProcess {
  base: string;
  child: ChildProcess;
  /** What the process wrote to stderr (its JSON log lines, or its one-line refusal to start). */
  stderr(): string;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** A single-workspace Slack server; USER_ID is a project manager through LOKET_ADMINS. */
export function slackServerEnv(options: { port: number; databaseUrl: string; slackApiUrl: string }): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(options.port),
    DATABASE_URL: options.databaseUrl,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-durability-token',
    SLACK_API_URL: options.slackApiUrl,
    LOKET_SECRET_KEY: 'd'.repeat(40),
    LOKET_ADMINS: `slack:${USER_ID}`,
    LOG_LEVEL: 'warn',
  };
}

export function startLoket(env: Record<string, string>): LoketProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  // Keep the tail only: a long run logs a lot, and the end is what explains a failure.
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-40_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    base: `http://127.0.0.1:${env.PORT}`,
    child,
    stderr: () => stderr,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      return exited;
    },
  };
}

export async function readyStatus(base: string): Promise<number | undefined> {
  const response = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  return response?.status;
}

export async function waitReady(loket: LoketProcess, timeoutMs = 60_000): Promise<void> {
  try {
    await waitUntil(async () => (await readyStatus(loket.base)) === 200, timeoutMs, 'LOKET ready');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${loket.stderr().slice(-3000)}`);
  }
}

export interface SlashResult {
  /** HTTP status of the acknowledgement; undefined when the connection failed (the server died). */
  status?: number;
  /** The acknowledgement's body: empty, or an immediate answer such as "try again". */
  body: string;
  ms: number;
}

/** A signed `/loket` command as Slack posts it. */
export async function sendSlash(base: string, text: string, trigger: string, responseUrl: string): Promise<SlashResult> {
  const body = slashCommandBody({ team_id: TEAM_ID, user_id: USER_ID, user_name: 'pm', text, trigger_id: trigger, response_url: responseUrl });
  const started = Date.now();
  try {
    const response = await fetch(`${base}/slack/events`, {
      method: 'POST', body, headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(SIGNING_SECRET, body) }, signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: await response.text(), ms: Date.now() - started };
  } catch {
    return { body: '', ms: Date.now() - started };
  }
}

// LOKET servers as child processes for the operations tests (rolling upgrade, restore): started as `node`
// directly in their own process group (so stopping the group stops the server, not just an npm wrapper),
// from this checkout or from another version's source tree, on a database the test names.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FakeSlackApi } from '../support/fake-slack-api.js';
import { shownText } from '../bot/slack/slack-harness.js';
import { readyStatus, sendSlash, slackServerEnv, waitUntil } from '../bot/reliability/loket-process.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Server {
  base: string;
  stderr(): string;
  stop(): Promise<void>;
  /** Sends `signal` to the server's whole process group and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** False once the process has exited (killed, or crashed). */
  running(): boolean;
}

/** `node --import tsx bot/main.ts` in `dir` (default: this checkout) as a single-workspace Slack server. */
export async function startServer(options: { dir?: string; port: number; databaseUrl: string; fake: FakeSlackApi; env?: Record<string, string> }): Promise<Server> {
  const env = { ...slackServerEnv({ port: options.port, databaseUrl: options.databaseUrl, slackApiUrl: options.fake.url }), ...options.env };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { cwd: options.dir ?? ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Server = {
    base: `http://127.0.0.1:${options.port}`,
    stderr: () => stderr,
    async stop() {
      await server.kill('SIGTERM');
    },
    running: () => child.exitCode === null && child.signalCode === null,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      await exited;
    },
  };
  try {
    await waitUntil(async () => (await readyStatus(server.base)) === 200, 90_000, () => `server in ${options.dir ?? 'this checkout'} ready\n${stderr.slice(-3000)}`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** A signed `/loket` command; resolves with the acknowledgement's status and the text LOKET answered. */
export async function command(server: Server, fake: FakeSlackApi, text: string): Promise<{ status?: number; answer: string }> {
  const id = randomUUID();
  const ack = await sendSlash(server.base, text, `trig-${id}`, fake.responseUrl(id));
  if (ack.status !== 200) return { status: ack.status, answer: ack.body };
  const answered = await fake.waitFor((s) => s.responses.find((r) => r.id === id), 30_000);
  return { status: ack.status, answer: ack.body || shownText(answered.body) };
}

// Weekly digest fan-out under Slack's rate limits: the real digest job and Slack notifier post one week's
// digest to N subscribed channels of one workspace (a programme seeded by the one seeder) through a fake
// Slack Web API on loopback that enforces 1 message/s per channel and 50 messages/s per workspace and
// answers a few calls with 429 Retry-After anyway, as Slack does under load. The floor is
// max(messages per channel × 1 s, total messages ÷ 50/s); the figure is the total time against it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createSlackNotifier } from '../bot/slack/slack-notifier.js';
import { migrate } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';
import { routeNotifiers } from '../handlers/core/notifier.js';
import { runWeeklyDigest } from '../handlers/weekly/weekly-digest.js';
import { defaultRhythm } from '../handlers/weekly/weekly-rhythm.js';
import type { OpenedDatabase } from '../db/client.js';
import { onPglite, onScratchPostgres } from './bench-databases.js';
import { seedProgramme } from './seed.js';

const PER_WORKSPACE_PER_SECOND = 50;
// A small share of calls is refused even within the limits, as a busy Slack does; seeded, so runs compare.
const SPURIOUS_429 = 0.02;

export interface DigestResult {
  channels: number;
  messages: number;
  limited: number;
  seconds: number;
  floor: number;
  posted: number;
}

/** The fake: 429 + Retry-After when a channel had a message in the last second, the workspace had 50 in
 *  the last second, or the dice say so. */
async function startLimitedSlack() {
  const lastInChannel = new Map<string, number>();
  const recent: number[] = [];
  const stats = { posts: 0, limited: 0 };
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const channel = body.get('channel') ?? '';
      const now = Date.now();
      while (recent.length && recent[0]! <= now - 1000) recent.shift();
      if (now - (lastInChannel.get(channel) ?? 0) < 1000 || recent.length >= PER_WORKSPACE_PER_SECOND || random() < SPURIOUS_429) {
        stats.limited++;
        res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      lastInChannel.set(channel, now);
      recent.push(now);
      stats.posts++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, channel, ts: `${Math.floor(now / 1000)}.${String(stats.posts).padStart(6, '0')}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, stats, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** On real Postgres when DATABASE_URL is set (as a server runs), else on in-memory PGlite, which shares the
 *  event loop with the sends and so delays some of them into bursts. */
export async function runDigestBench(input: { channels: number; timeBudgetMs: number; log: (line: string) => void }): Promise<DigestResult> {
  const url = process.env.DATABASE_URL;
  input.log(`  on ${url ? 'Postgres (scratch database)' : 'PGlite (in memory; set DATABASE_URL for Postgres)'}`);
  const run = async (opened: OpenedDatabase) => {
    await migrate(opened.db);
    const repos = createRepositories(opened.db);
    const seeded = await seedProgramme(opened.db, { rows: 10_000 });
    const now = new Date();
    const { person } = await repos.people.upsert({ programmeId: seeded.programmeId, platform: 'slack', workspaceExternalId: seeded.workspaceId, userId: seeded.managerUserId }, 'Petra', now);
    for (let i = 0; i < input.channels; i++) {
      await repos.digests.subscribe({ programmeId: seeded.programmeId, platform: 'slack', workspaceExternalId: seeded.workspaceId, channelId: `C${String(i).padStart(6, '0')}`, weekday: 1, time: '00:00', language: 'sv', createdBy: person.id, at: now });
    }
    const slack = await startLimitedSlack();
    try {
      const logger = pino({ level: 'silent' });
      const notifier = routeNotifiers({ slack: createSlackNotifier({ token: () => 'xoxb-bench', apiUrl: slack.url, logger }) });
      const deps = { repos, clock: { now: () => new Date() }, logger, notifier, programmeIds: [seeded.programmeId], rhythm: { ...defaultRhythm, timezone: 'Europe/Stockholm', defaultLanguage: 'sv' as const } };
      const started = performance.now();
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), input.timeBudgetMs).unref());
      const outcome = await Promise.race([runWeeklyDigest(deps), timeout]);
      const seconds = (performance.now() - started) / 1000;
      const perChannel = slack.stats.posts / input.channels;
      const floor = Math.max(Math.ceil(perChannel) * 1, slack.stats.posts / PER_WORKSPACE_PER_SECOND);
      const posted = outcome === 'timeout' ? 0 : outcome.sent;
      input.log(`  ${input.channels} channels, ${slack.stats.posts} messages (${perChannel.toFixed(1)} per channel), ${slack.stats.limited} answered 429; digests posted: ${outcome === 'timeout' ? 'timed out' : posted}`);
      input.log(`  total ${seconds.toFixed(1)} s; floor max(${Math.ceil(perChannel)} × 1 s, ${slack.stats.posts} ÷ ${PER_WORKSPACE_PER_SECOND}/s) = ${floor.toFixed(1)} s; ratio ${(seconds / floor).toFixed(2)}×`);
      return { channels: input.channels, messages: slack.stats.posts, limited: slack.stats.limited, seconds, floor, posted };
    } finally {
      await slack.close();
    }
  };
  return url ? onScratchPostgres(url, run) : onPglite(run);
}

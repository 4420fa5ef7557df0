// Weekly digest fan-out: `npx tsx bench/digest.bench.ts [channels]`.
// 1 000 Slack channels (default) subscribe in an in-memory PGlite programme with 20 clusters, so each
// digest is a message plus two thread replies. A fake Slack Web API on 127.0.0.1 enforces one message
// per second per channel (an earlier post answers 429 with Retry-After: 1). The real digest job and
// Slack notifier post it all once; the figures compare the total time with the floor the per-channel
// limit sets. Prints; asserts nothing. Loopback only, bounded by TIME_BUDGET_MS.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createSlackNotifier } from '../bot/slack/slack-notifier.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createRepositories } from '../db/repositories.js';
import { routeNotifiers } from '../scheduled/outbox.js';
import { defaultRhythm } from '../scheduled/weekly-rhythm.js';
import { runWeeklyDigest } from '../scheduled/weekly-digest.job.js';

const CHANNELS = Number(process.argv[2] ?? 1000);
const CLUSTERS = 20;
const TIME_BUDGET_MS = 10 * 60_000;
const NOW = new Date('2026-03-06T13:30:00Z');

/** The fake: one message per second per channel, 429 + Retry-After otherwise. */
async function startLimitedSlack() {
  const last = new Map<string, number>();
  const stats = { posts: 0, limited: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const channel = body.get('channel') ?? '';
      const now = Date.now();
      if (now - (last.get(channel) ?? 0) < 1000) {
        stats.limited++;
        res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      last.set(channel, now);
      stats.posts++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, channel, ts: `${Math.floor(now / 1000)}.${String(stats.posts).padStart(6, '0')}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, stats, close: () => server.close() };
}

async function seed(repos: ReturnType<typeof createRepositories>) {
  const { programme } = await repos.programmes.create('Bench');
  const { person } = await repos.people.upsert({ programmeId: programme.id, platform: 'slack', workspaceExternalId: 'TBENCH', userId: 'UPM' }, 'Petra', NOW);
  for (let i = 0; i < CLUSTERS; i++) await repos.clusters.create({ programmeId: programme.id, name: `Kluster ${i}`, sector: 'bench', at: NOW });
  for (let i = 0; i < CHANNELS; i++) {
    await repos.digests.subscribe({ programmeId: programme.id, platform: 'slack', workspaceExternalId: 'TBENCH', channelId: `C${String(i).padStart(6, '0')}`, weekday: 5, time: '14:00', language: 'sv', createdBy: person.id, at: NOW });
  }
  return programme.id;
}

async function main() {
  const opened = await openDatabase({ dataDir: 'memory://' });
  await migrate(opened.db);
  const repos = createRepositories(opened.db);
  const programmeId = await seed(repos);
  const slack = await startLimitedSlack();
  const logger = pino({ level: 'error' });
  const notifier = routeNotifiers({ slack: createSlackNotifier({ token: () => 'xoxb-bench', apiUrl: slack.url, logger }) });
  const deps = { repos, clock: { now: () => NOW }, logger, notifier, programmeIds: [programmeId], rhythm: { ...defaultRhythm, timezone: 'Europe/Stockholm', defaultLanguage: 'sv' as const } };
  const started = performance.now();
  const run = runWeeklyDigest(deps);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), TIME_BUDGET_MS).unref());
  const outcome = await Promise.race([run, timeout]);
  const seconds = (performance.now() - started) / 1000;
  const messagesPerChannel = Math.ceil((CLUSTERS + 1) / 8);
  const floor = messagesPerChannel - 1;
  console.log(`channels: ${CHANNELS}, messages per channel: ${messagesPerChannel} (1 + ${messagesPerChannel - 1} in thread)`);
  console.log(`digests posted: ${outcome === 'timeout' ? `timed out after ${TIME_BUDGET_MS / 1000} s` : outcome.sent}`);
  console.log(`messages accepted: ${slack.stats.posts}, answered 429: ${slack.stats.limited}`);
  console.log(`total: ${seconds.toFixed(1)} s; floor set by 1 msg/s/channel: ${floor} s (if every channel ran in parallel); ratio ${(seconds / Math.max(floor, 1)).toFixed(1)}×`);
  slack.close();
  await opened.close();
}

await main();

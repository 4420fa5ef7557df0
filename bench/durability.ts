// Durability under SIGKILL: the real server on a scratch Postgres database takes a burst of signed `/loket`
// commands that write (notes, meetings with two action lines, weekly progress), is killed with SIGKILL
// mid-burst, and restarted; then the inbox drains and every command is checked against the database.
// Prints: sent, acked, replied before the kill, in flight at the kill, stored, completed after restart, lost.
// Usage: DATABASE_URL=postgres://…/any npx tsx bench/durability.ts [commands] [connections]   (the server's own database
// is a scratch database created next to it and dropped afterwards). test/bot/durability.slow.test.ts asserts.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/migrate.js';
import type { Database } from '../db/database.js';
import { startFakeSlackApi, type FakeSlackApi } from '../test/support/fake-slack-api.js';
import { freePort, sendSlash, slackServerEnv, startLoket, waitReady, waitUntil, type LoketProcess, type SlashResult } from '../test/bot/reliability/loket-process.js';
import { onScratchPostgres } from './bench-databases.js';

export interface DurabilityFigures {
  sent: number;
  acked: number;
  /** Acknowledged with "try again" (the database did not take the command within 2 s): not expected stored. */
  toldTryAgain: number;
  notAcked: number;
  repliedBeforeKill: number;
  inFlightAtKill: number;
  stored: number;
  completedAfterRestart: number;
  repliedAfterRestart: number;
  /** Acknowledged (so Slack told the user it arrived) but not stored after the drain. */
  lost: number;
  /** A success reply was sent but the command is not stored: must be 0. */
  repliedButMissing: number;
  /** Meetings stored without both of their action lines: must be 0. */
  halfWritten: number;
  /** Commands stored more than once: must be 0. */
  duplicates: number;
  /** Commands answered twice (killed between sending the answer and marking it sent). */
  answeredTwice: number;
  restartToDrainedSeconds: number;
}

type Kind = 'note' | 'meeting' | 'progress';
interface Planned { i: number; kind: Kind; marker: string; trigger: string; text: string }

export interface DurabilityOptions {
  postgresUrl: string;
  commands: number;
  /** Kill once this share of the acknowledged commands is answered (default 0.25). */
  killAfterShare?: number;
  /** Requests open at once (default: all of them). Slack sends each command on its own connection, but a
   *  machine shared with other work may not parse a thousand requests within Slack's 3 s; then a cap
   *  like a load balancer's keeps the burst about the server, not the sender. */
  connections?: number;
  log?: (line: string) => void;
}

export async function runDurability(options: DurabilityOptions): Promise<DurabilityFigures> {
  const log = options.log ?? (() => {});
  const fake = await startFakeSlackApi();
  try {
    return await onScratchPostgres(options.postgresUrl, async (opened, _name, url) => {
      const env = slackServerEnv({ port: await freePort(), databaseUrl: url, slackApiUrl: fake.url });
      return await burstKillRestart(env, fake, opened.db, options.commands, options.killAfterShare ?? 0.25, options.connections ?? options.commands, log);
    }, 2);
  } finally {
    await fake.close();
  }
}

async function burstKillRestart(env: Record<string, string>, fake: FakeSlackApi, db: Database, count: number, killAfterShare: number, connections: number, log: (line: string) => void): Promise<DurabilityFigures> {
  const run = randomBytes(3).toString('hex');
  const plan = planCommands(run, count);
  let loket = startLoket(env);
  try {
    await waitReady(loket);
    await setUpClusters(loket, fake, run, plan.filter((p) => p.kind === 'progress').length);
    log(`burst: ${count} commands at once over at most ${connections} connections; SIGKILL once ${Math.round(killAfterShare * 100)} % of those acknowledged are answered`);
    let settled = 0;
    let acked = 0;
    const send = limitConnections(connections);
    const acks = plan.map((p) =>
      send(() => sendSlash(loket.base, p.text, p.trigger, fake.responseUrl(p.trigger))).then((result) => {
        settled += 1;
        if (result.status === 200 && result.body === '') acked += 1;
        return result;
      }));
    const answered = () => fake.responses.filter((r) => r.id.startsWith(`b${run}`)).length;
    // Kill mid-burst: once the share is answered while acknowledged commands still wait for their answer
    // (those are the ones the inbox must save); failing that, once the burst has settled and a few are
    // answered — acknowledgements go before command work, so a fast machine may settle the whole burst
    // before answering much, and a kill with nothing answered would prove less.
    const inFlight = Math.max(5, Math.round(count * 0.05));
    const enough = () => answered() >= Math.max(5, acked * killAfterShare) && acked - answered() >= inFlight;
    await waitUntil(async () => enough() || (settled === count && answered() >= 5), 180_000, 'the moment to kill', 5)
      .catch((error: unknown) => {
        throw new Error(`${(error as Error).message}; answered ${answered()}, acks settled ${settled}\n${loket.stderr().slice(-3000)}`);
      });
    await loket.kill('SIGKILL');
    const repliedBeforeKill = new Set(fake.responses.filter((r) => r.id.startsWith(`b${run}`)).map((r) => r.id));
    const results = await Promise.all(acks);
    log(`killed with ${repliedBeforeKill.size} answered; restarting`);

    loket = startLoket(env);
    const restarted = Date.now();
    await waitReady(loket);
    await waitUntil(async () => (await unfinishedInbox(db)) === 0, 180_000, 'inbox drained', 500);
    const restartToDrainedSeconds = (Date.now() - restarted) / 1000;
    return await tally(db, fake, plan, results, repliedBeforeKill, restartToDrainedSeconds);
  } finally {
    await loket.kill('SIGKILL');
  }
}

function limitConnections(size: number) {
  let open = 0;
  const waiting: (() => void)[] = [];
  return async <T>(request: () => Promise<T>): Promise<T> => {
    if (open >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else open += 1;
    try {
      return await request();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else open -= 1;
    }
  };
}

function planCommands(run: string, count: number): Planned[] {
  let progress = 0;
  return Array.from({ length: count }, (_, i) => {
    const marker = `d${run}x${i}y`;
    const kind: Kind = i % 10 < 6 ? 'note' : i % 10 < 9 ? 'meeting' : 'progress';
    const text =
      kind === 'note' ? `note K${run}0 Lärdom ${marker}`
        : kind === 'meeting' ? `meeting "Möte ${marker}" cluster:K${run}0\naction: @me Första ${marker} due:2030-06-01\naction: @me Andra ${marker} due:2030-06-01`
          : `progress cluster:K${run}${progress++} done: ${marker}`;
    return { i, kind, marker, trigger: `b${run}.${i}`, text };
  });
}

/** One cluster per progress command (progress is one note per cluster and week, updated in place). */
async function setUpClusters(loket: LoketProcess, fake: FakeSlackApi, run: string, progressCount: number): Promise<void> {
  for (let start = 0; start < Math.max(progressCount, 1); start += 10) {
    const wave = Array.from({ length: Math.min(10, Math.max(progressCount, 1) - start) }, (_, j) => start + j);
    await Promise.all(wave.map((k) => sendSlash(loket.base, `cluster add K${run}${k} sector:space`, `s${run}.${k}`, fake.responseUrl(`s${run}.${k}`))));
  }
  await fake.waitFor((s) => s.responses.filter((r) => r.id.startsWith(`s${run}.`)).length >= Math.max(progressCount, 1), 60_000);
}

async function unfinishedInbox(db: Database): Promise<number> {
  const rows = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from inbox where status in ('received', 'answered')`));
  return rows[0]?.n ?? -1;
}

async function tally(db: Database, fake: FakeSlackApi, plan: Planned[], results: SlashResult[], repliedBeforeKill: Set<string>, restartToDrainedSeconds: number): Promise<DurabilityFigures> {
  const counts = await storedCounts(db);
  const answers = new Map<string, number>();
  for (const r of fake.responses) answers.set(r.id, (answers.get(r.id) ?? 0) + 1);
  const f: DurabilityFigures = {
    sent: plan.length, acked: 0, toldTryAgain: 0, notAcked: 0, repliedBeforeKill: repliedBeforeKill.size, inFlightAtKill: 0, stored: 0,
    completedAfterRestart: 0, repliedAfterRestart: 0, lost: 0, repliedButMissing: 0, halfWritten: counts.halfWritten, duplicates: 0, answeredTwice: 0, restartToDrainedSeconds,
  };
  plan.forEach((p, index) => {
    const ack = results[index]!;
    const triedAgain = ack.status === 200 && ack.body.includes('LOKET');
    const acked = ack.status === 200 && !triedAgain;
    const stored = counts.byMarker.get(p.marker) ?? 0;
    const replied = repliedBeforeKill.has(p.trigger);
    f.acked += acked ? 1 : 0;
    f.toldTryAgain += triedAgain ? 1 : 0;
    f.notAcked += ack.status === undefined ? 1 : 0;
    f.stored += stored > 0 ? 1 : 0;
    f.duplicates += stored > 1 ? 1 : 0;
    f.answeredTwice += (answers.get(p.trigger) ?? 0) > 1 ? 1 : 0;
    if (replied && stored === 0) f.repliedButMissing += 1;
    if (acked && stored === 0) f.lost += 1;
    if (acked && !replied) {
      f.inFlightAtKill += 1;
      if (stored > 0) f.completedAfterRestart += 1;
      if (answers.has(p.trigger)) f.repliedAfterRestart += 1;
    }
  });
  return f;
}

/** How often each command's marker is stored, and meetings whose action lines are not both there. */
async function storedCounts(db: Database): Promise<{ byMarker: Map<string, number>; halfWritten: number }> {
  const byMarker = new Map<string, number>();
  const add = (text: string | null) => {
    const marker = /d[0-9a-f]{6}x\d+y/.exec(text ?? '')?.[0];
    if (marker) byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
  };
  for (const r of rowsOf<{ text: string }>(await db.execute(sql`select text from notes where meeting_id is null`))) add(r.text);
  for (const r of rowsOf<{ done: string }>(await db.execute(sql`select done from progress_notes`))) add(r.done);
  const meetingsRows = rowsOf<{ title: string; actions: number }>(await db.execute(
    sql`select m.title, (select count(*)::int from action_items a where a.meeting_id = m.id) as actions from meetings m`,
  ));
  let halfWritten = 0;
  for (const m of meetingsRows) {
    add(m.title);
    if (/d[0-9a-f]{6}x\d+y/.test(m.title) && m.actions !== 2) halfWritten += 1;
  }
  return { byMarker, halfWritten };
}

export function formatFigures(f: DurabilityFigures): string {
  return [
    `sent ${f.sent}, acked ${f.acked} (told to try again ${f.toldTryAgain}, no ack ${f.notAcked})`,
    `replied before SIGKILL ${f.repliedBeforeKill}; acked but unanswered at the kill (in flight) ${f.inFlightAtKill}`,
    `after restart: in-flight commands completed ${f.completedAfterRestart} of ${f.inFlightAtKill}, of which answered ${f.repliedAfterRestart}; drained ${f.restartToDrainedSeconds.toFixed(1)} s after restart`,
    `stored ${f.stored}; lost ${f.lost}; replied but missing ${f.repliedButMissing}; half-written meetings ${f.halfWritten}; stored twice ${f.duplicates}; answered twice ${f.answeredTwice}`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('bench/durability.ts needs DATABASE_URL (a Postgres server; a scratch database is created on it and dropped)\n');
    process.exit(1);
  }
  const commands = Number(process.argv[2] ?? 1000);
  const connections = Number(process.argv[3] ?? commands);
  const figures = await runDurability({ postgresUrl: url, commands, connections, log: (line) => console.log(line) });
  console.log(formatFigures(figures));
}

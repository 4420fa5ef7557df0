// GET /metrics: the server's figures in Prometheus's text format (README "Metrics"). Counters and the
// answer-time histogram are kept in this process; the inbox, outbox and digest figures are read from the
// database when Prometheus scrapes (through ports the composition root wires, bot/main.ts), and the pool
// figures from the database client's own count (db/client.ts). Every series carries an `instance` label,
// since several servers may share one database.
import { createHash, timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandObserver } from '../handlers/core/settings.js';
import type { Logger } from './logger.js';

/** What the scrape reads from the database (db/metrics.repository.ts). */
export interface MetricsSources {
  inboxWaiting(): Promise<{ depth: number; oldestReceivedAt: Date | null }>;
  outboxByStatus(): Promise<Record<string, number>>;
  digestRunsByStatus(): Promise<Record<string, number>>;
}

/** A connection pool's figures (db/client.ts `poolUse`), per pool: `main`, and `admission` where the inbox
 *  stores commands through a pool of its own (bot/inbox-runner.ts). */
export type PoolSources = Record<string, () => { size: number; busy: number }>;

/** Told when an answer reached the user, with the seconds since the command was acknowledged. */
export type AnswerTimer = (seconds: number) => void;

export interface Metrics {
  registry: Registry;
  /** Handed to the core (CoreSettings.commands). */
  commands: CommandObserver;
  /** Each adapter's answer timer. */
  answered(platform: string): AnswerTimer;
  /** Answers sent by the inbox's recovery, timed from when the command was stored. */
  answeredSince(platform: string, receivedAt: Date): void;
  /** The GET /metrics handler: Bearer `token` required when one is set (LOKET_METRICS_TOKEN). */
  handler(token: string | undefined): RequestHandler;
}

/** From a command taken to its answer delivered: most answers take tens of milliseconds, a backlog minutes. */
const ANSWER_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

/** hostname:pid unless LOKET_INSTANCE names the server. */
export function defaultInstance(): string {
  return `${hostname()}:${process.pid}`;
}

export function createMetrics(deps: { instance: string; sources?: MetricsSources; pools?: PoolSources; logger: Logger; now?: () => Date }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ instance: deps.instance });
  // Node's own figures (CPU, memory, event-loop delay, GC): what a slow answer is weighed against.
  collectDefaultMetrics({ register: registry });
  const now = deps.now ?? (() => new Date());
  const warn = (what: string) => (err: unknown) => deps.logger.warn({ err, metric: what }, 'metric could not be read');

  const commands = new Counter({
    name: 'loket_commands_total',
    help: 'Commands the core ran, by platform, verb (unknown: no command matched; none: the workspace has joined no programme) and outcome (ok, refused, error).',
    labelNames: ['platform', 'verb', 'outcome'] as const,
    registers: [registry],
  });
  const answers = new Histogram({
    name: 'loket_answer_seconds',
    help: 'Seconds from a command acknowledged (Slack) or received (Teams) to its answer delivered, by platform.',
    labelNames: ['platform'] as const,
    buckets: ANSWER_BUCKETS,
    registers: [registry],
  });
  const { sources, pools } = deps;
  if (sources) {
    // Both inbox gauges are collected in the same scrape: one query answers them.
    let reading: ReturnType<MetricsSources['inboxWaiting']> | undefined;
    const inboxWaiting = () => (reading ??= sources.inboxWaiting().finally(() => (reading = undefined)));
    new Gauge({
      name: 'loket_inbox_waiting',
      help: 'Commands acknowledged but not yet answered (inbox rows received or answered), across all instances.',
      registers: [registry],
      async collect() {
        this.reset();
        const waiting = await inboxWaiting().catch(warn('loket_inbox_waiting'));
        if (waiting) this.set(waiting.depth);
      },
    });
    new Gauge({
      name: 'loket_inbox_oldest_waiting_seconds',
      help: 'Age in seconds of the oldest command acknowledged but not yet answered; 0 when none waits.',
      registers: [registry],
      async collect() {
        this.reset();
        const waiting = await inboxWaiting().catch(warn('loket_inbox_oldest_waiting_seconds'));
        if (waiting) this.set(waiting.oldestReceivedAt ? Math.max(0, (now().getTime() - waiting.oldestReceivedAt.getTime()) / 1000) : 0);
      },
    });
    byStatus('loket_outbox_messages', 'Outbox messages (exchange proposals, introductions, follow-ups) by status, across all instances.', () => sources.outboxByStatus());
    byStatus('loket_digest_posts', 'Weekly digest posts (one per channel and week) by status: done, failed, unknown (may have been posted), claimed (being posted).', () => sources.digestRunsByStatus());
  }
  if (pools) {
    const poolGauge = (name: string, help: string, value: (use: { size: number; busy: number }) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'] as const,
        registers: [registry],
        collect() {
          for (const [pool, use] of Object.entries(pools)) this.set({ pool }, value(use()));
        },
      });
    poolGauge('loket_db_pool_size', 'Connections the pool may open.', (use) => use.size);
    poolGauge('loket_db_pool_in_use', 'Connections running a statement or holding a transaction.', (use) => Math.min(use.busy, use.size));
    poolGauge('loket_db_pool_waiting', 'Statements and transactions waiting for a free connection.', (use) => Math.max(0, use.busy - use.size));
  }

  function byStatus(name: string, help: string, read: () => Promise<Record<string, number>>) {
    new Gauge({
      name,
      help,
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const counts = await read().catch(warn(name));
        for (const [status, n] of Object.entries(counts ?? {})) this.set({ status }, n);
      },
    });
  }

  return {
    registry,
    commands: {
      ran({ platform, verb, outcome }) {
        commands.inc({ platform, verb, outcome });
      },
    },
    answered: (platform) => (seconds) => answers.observe({ platform }, seconds),
    answeredSince(platform, receivedAt) {
      answers.observe({ platform }, Math.max(0, (now().getTime() - receivedAt.getTime()) / 1000));
    },
    handler(token) {
      const expected = token ? digest(`Bearer ${token}`) : undefined;
      return async (req, res) => {
        // Compared as fixed-length digests in constant time, so the answer's timing tells nothing of the token.
        if (expected && !timingSafeEqual(digest(req.get('authorization') ?? ''), expected)) {
          res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('unauthorized\n');
          return;
        }
        try {
          const body = await registry.metrics();
          res.status(200).type(registry.contentType).send(body);
        } catch (err) {
          deps.logger.warn({ err }, 'metrics could not be collected');
          res.status(500).type('text/plain').send('metrics unavailable\n');
        }
      };
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

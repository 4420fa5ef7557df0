// Shared pieces of the weekly jobs (weekly-tick.ts): their settings, their dependencies, and the
// claim-then-send step that makes each post happen at most once across every instance.
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { RunKey } from '../../db/job-runs.repository.js';
import type { Repositories } from '../../db/repositories.js';
import type { Clock } from '../core/context.js';
import type { Language } from '../core/incoming.js';
import { weekNumber } from '../core/weeks.js';
import { DeliveryError, type Delivery, type Notifier } from '../core/notifier.js';

export interface RhythmSettings {
  timezone: string;
  defaultLanguage: Language;
  prompt: { weekday: number; time: string };
  reminder: { weekday: number; time: string };
  /** ISO week numbers, inclusive: no reminders and no silent weeks (Swedish summer holidays). */
  summerBreak: { from: number; to: number };
  silentWeeksBeforeEscalation: number;
}

export const defaultRhythm: Omit<RhythmSettings, 'timezone' | 'defaultLanguage'> = {
  prompt: { weekday: 4, time: '09:00' },
  reminder: { weekday: 5, time: '09:00' },
  summerBreak: { from: 28, to: 31 },
  silentWeeksBeforeEscalation: 3,
};

export interface WeeklyDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  rhythm: RhythmSettings;
  /** Only these programmes (tests sharing one database); absent: every programme. */
  programmeIds?: string[];
}

export interface WeeklyTickDeps extends Omit<WeeklyDeps, 'repos'> {
  db: Database;
}

export async function programmesOf(deps: Pick<WeeklyDeps, 'repos' | 'programmeIds'>): Promise<string[]> {
  return deps.programmeIds ?? (await deps.repos.weeklyRuns.programmeIds()).ids;
}

export function inSummerBreak(isoWeek: string, rhythm: RhythmSettings): boolean {
  const week = weekNumber(isoWeek);
  return week >= rhythm.summerBreak.from && week <= rhythm.summerBreak.to;
}

// Longer than any send can take (bounded retries of a few seconds): a claim this old lost its process.
const STALE_CLAIM_MS = 15 * 60 * 1000;

/** Marks a job's claims whose process died as unknown. Called by a job only when it is due, so idle
 *  ticks (nearly all of them) cost no write. */
export async function settleStaleClaims(deps: Pick<WeeklyDeps, 'repos' | 'clock'>, job: string): Promise<void> {
  const now = deps.clock.now();
  await deps.repos.weeklyRuns.markStale([job], new Date(now.getTime() - STALE_CLAIM_MS), now);
}

export type SendOutcome = 'sent' | 'skipped' | 'failed' | 'gone' | 'unknown';

/**
 * Claims (job, target, period), then sends, then records the outcome. The claim is committed before the
 * send, so a second instance never sends the same thing; a crash between send and record leaves the row
 * 'claimed', which the next tick marks 'unknown' rather than re-posting (neither platform takes an
 * idempotency key).
 */
export async function sendOnce(deps: Pick<WeeklyDeps, 'repos' | 'clock' | 'logger'>, key: RunKey, send: () => Promise<Delivery>): Promise<SendOutcome> {
  const { claimed } = await deps.repos.weeklyRuns.claim(key, deps.clock.now());
  if (!claimed) return 'skipped';
  try {
    const delivery = await send();
    await deps.repos.weeklyRuns.finish(key, 'done', deps.clock.now(), delivery.messageId ? JSON.stringify({ messageId: delivery.messageId }) : undefined);
    return 'sent';
  } catch (error) {
    const kind = error instanceof DeliveryError ? error.kind : 'unknown';
    // 'gone' is final for this period too: the caller turns the subscription off, so nothing retries it.
    await deps.repos.weeklyRuns.finish(key, kind === 'unknown' ? 'unknown' : 'failed', deps.clock.now(), `${kind}: ${String(error instanceof Error ? error.message : error)}`);
    deps.logger.warn({ err: error, job: key.job, target: key.target, period: key.period, kind }, 'proactive send did not succeed');
    return kind;
  }
}

/** Runs `work` over `items` with at most `limit` at a time, so one slow channel does not hold up the rest. */
export async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

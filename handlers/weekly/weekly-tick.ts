// One tick of the weekly rhythm. node-cron calls this every few minutes on every instance; each job
// decides from the clock whether it is due, and the claim rows decide who sends. Nothing here depends
// on being the only process.
import { createRepositories } from '../db/repositories.js';
import { runActionReminders } from './action-reminder.job.js';
import { runWeeklyDigest } from './weekly-digest.job.js';
import { runWeeklyReminders } from './weekly-reminder.job.js';
import { runSilentEscalation } from './silent-escalation.job.js';
import type { WeeklyDeps, WeeklyTickDeps } from './weekly-rhythm.js';

export const WEEKLY_TICK_CRON = '*/5 * * * *';

export async function runWeeklyTick(tick: WeeklyTickDeps) {
  const deps: WeeklyDeps = { ...tick, repos: createRepositories(tick.db) };
  const steps = {
    prompt: () => runWeeklyReminders(deps, 'prompt'),
    reminder: () => runWeeklyReminders(deps, 'reminder'),
    actions: () => runActionReminders(deps),
    escalation: () => runSilentEscalation(deps),
    digest: () => runWeeklyDigest(deps),
  };
  const result: Record<string, number> = {};
  for (const [name, step] of Object.entries(steps)) {
    // One job failing (e.g. a database hiccup) must not keep the others from their turn.
    try {
      result[name] = (await step()).sent;
    } catch (err) {
      deps.logger.error({ err, step: name }, 'weekly job failed');
    }
  }
  return result;
}

// One tick of the weekly rhythm: the prompt, the reminder, the action and knowledge reminders, the silent
// escalation and the digest. The scheduler (scheduled/scheduler.ts) calls this every few minutes on every
// instance; each job decides from the clock whether it is due, and the claim rows decide who sends. Nothing
// here depends on being the only process.
import { createRepositories } from '../../db/repositories.js';
import { runAgendaReminders } from '../agenda/agenda-reminder.js';
import { runActionReminders } from './action-reminder.js';
import { runWeeklyDigest } from './weekly-digest.js';
import { runWeeklyReminders } from './weekly-reminder.js';
import { runSilentEscalation } from './silent-escalation.js';
import { runAssessmentReminders } from '../assessment/assessment-reminder.js';
import type { WeeklyDeps, WeeklyTickDeps } from './weekly-rhythm.js';

export async function runWeeklyTick(tick: WeeklyTickDeps) {
  const deps: WeeklyDeps = { ...tick, repos: createRepositories(tick.db) };
  const steps = {
    prompt: () => runWeeklyReminders(deps, 'prompt'),
    reminder: () => runWeeklyReminders(deps, 'reminder'),
    actions: () => runActionReminders(deps),
    escalation: () => runSilentEscalation(deps),
    digest: () => runWeeklyDigest(deps),
    // Self-assessments (issue 23): a leader whose last assessment is over six months old, once.
    assessments: () => runAssessmentReminders(deps),
    // Planned meetings (issue 22): the day before, the agenda to the people concerned and the digest channels.
    agenda: () => runAgendaReminders(deps),
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

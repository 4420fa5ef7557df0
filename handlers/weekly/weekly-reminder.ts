// Thursday's prompt and Friday's reminder to each leader whose cluster has no note this ISO week.
// Nothing is sent on Swedish days off, in the summer break, or while the leader is away.
import { dayIn } from '../core/dates.js';
import type { Reply } from '../core/reply.js';
import { dueInstant, isDayOff, isoWeekday, isoWeekOf } from '../core/weeks.js';
import { t } from '../i18n/index.js';
import { personTarget } from '../core/person-target.js';
import { remindStaleKnowledge } from '../continuity/knowledge-review-reminder.js';
import { inSummerBreak, programmesOf, sendOnce, settleStaleClaims, type WeeklyDeps } from './weekly-rhythm.js';

export type ReminderKind = 'prompt' | 'reminder';
export const REMINDER_JOBS: Record<ReminderKind, string> = { prompt: 'weekly-prompt', reminder: 'weekly-reminder' };

/** Due only on its own local day (a reminder a day late is noise), from its local time on. */
export function reminderDue(deps: Pick<WeeklyDeps, 'clock' | 'rhythm'>, kind: ReminderKind): boolean {
  const now = deps.clock.now();
  const { timezone } = deps.rhythm;
  const at = deps.rhythm[kind];
  const today = dayIn(timezone, now);
  if (isoWeekday(today) !== at.weekday || now < dueInstant(now, timezone, at.weekday, at.time)) return false;
  return !isDayOff(today) && !inSummerBreak(isoWeekOf(now, timezone), deps.rhythm);
}

export async function runWeeklyReminders(deps: WeeklyDeps, kind: ReminderKind): Promise<{ sent: number }> {
  if (!reminderDue(deps, kind)) return { sent: 0 };
  await settleStaleClaims(deps, REMINDER_JOBS[kind]);
  const now = deps.clock.now();
  const isoWeek = isoWeekOf(now, deps.rhythm.timezone);
  const today = dayIn(deps.rhythm.timezone, now);
  let sent = 0;
  for (const programmeId of await programmesOf(deps)) {
    const { clusters } = await deps.repos.progress.clustersWithLeaders(programmeId);
    const written = new Set((await deps.repos.progress.ofWeeks(programmeId, [isoWeek])).notes.map((n) => n.clusterId));
    const leaders = clusters.flatMap((c) => (c.leader && !written.has(c.cluster.id) && deps.notifier.handles(c.leader.platform) ? [{ ...c, leader: c.leader }] : []));
    const { absences } = await deps.repos.progress.absencesOverlapping(programmeId, leaders.map((c) => c.leader.id), today, today);
    const away = new Set(absences.map((a) => a.personId));
    // Skips what earlier ticks already settled with one query; the claim still guarantees once.
    const { targets: settled } = await deps.repos.weeklyRuns.settledTargets(REMINDER_JOBS[kind], isoWeek);
    for (const { cluster, leader } of leaders.filter((c) => !away.has(c.leader.id) && !settled.has(`${c.cluster.id}:${c.leader.id}`))) {
      const target = await personTarget(deps.repos, programmeId, leader);
      if (!target) continue;
      const language = leader.language ?? deps.rhythm.defaultLanguage;
      const reply = reminderReply(kind, cluster.name, isoWeek, language);
      const key = { job: REMINDER_JOBS[kind], target: `${cluster.id}:${leader.id}`, period: isoWeek };
      if ((await sendOnce(deps, key, () => deps.notifier.sendDirect(target, reply))) === 'sent') sent += 1;
    }
    // Knowledge continuity (issue 11): Friday's reminder also lists each owner's entries due for review.
    if (kind === 'reminder') sent += await remindStaleKnowledge(deps, programmeId, isoWeek);
  }
  return { sent };
}

function reminderReply(kind: ReminderKind, cluster: string, week: string, language: 'sv' | 'en'): Reply {
  const quoted = /\s/.test(cluster) ? `"${cluster}"` : cluster;
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: t(language, kind === 'prompt' ? 'reminder.prompt' : 'reminder.second', { cluster, week }) }],
    // One click opens the form, pre-filled from last week.
    buttons: [{ label: t(language, 'reminder.button'), command: `progress cluster:${quoted}`, style: 'primary' }],
  };
}

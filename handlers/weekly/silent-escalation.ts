// After N silent weeks in a row the project managers are told, once per silent stretch. Weeks in the
// summer break, weeks the leader was away, and weeks before the cluster existed neither count nor break
// the stretch.
import type { Repositories } from '../../db/repositories.js';
import { daysOfWeek, isoWeekOf, previousWeek } from '../core/weeks.js';
import { dayIn } from '../core/dates.js';
import { t } from '../i18n/index.js';
import { personTarget } from '../core/person-target.js';
import { reminderDue } from './weekly-reminder.js';
import { inSummerBreak, programmesOf, sendOnce, settleStaleClaims, type RhythmSettings, type WeeklyDeps } from './weekly-rhythm.js';

export const ESCALATION_JOB = 'silent-escalation';
// A year back is enough: past that the stretch's first week is no longer stable, and a cluster silent
// for a year is a matter for the steering group, not a bot.
const LOOKBACK_WEEKS = 52;

export async function runSilentEscalation(deps: WeeklyDeps): Promise<{ sent: number }> {
  // Same day and time as the second reminder: the leader has had both nudges first.
  if (!reminderDue(deps, 'reminder')) return { sent: 0 };
  await settleStaleClaims(deps, ESCALATION_JOB);
  const thisWeek = isoWeekOf(deps.clock.now(), deps.rhythm.timezone);
  let sent = 0;
  for (const programmeId of await programmesOf(deps)) {
    const { clusters } = await deps.repos.progress.clustersWithLeaders(programmeId);
    const { managers } = await deps.repos.weeklyRuns.managersOf(programmeId);
    for (const { cluster, leader } of clusters) {
      const createdDay = dayIn(deps.rhythm.timezone, cluster.createdAt);
      const stretch = await silentStretch(deps.repos, deps.rhythm, programmeId, { clusterId: cluster.id, leaderId: leader?.id, createdDay }, thisWeek);
      if (stretch.weeks < deps.rhythm.silentWeeksBeforeEscalation) continue;
      for (const manager of managers) {
        const target = await personTarget(deps.repos, programmeId, manager);
        if (!target || !deps.notifier.handles(target.platform)) continue;
        const language = manager.language ?? deps.rhythm.defaultLanguage;
        const text = t(language, 'escalation.text', { cluster: cluster.name, weeks: stretch.weeks, leader: leader?.displayName ?? '–' });
        const key = { job: ESCALATION_JOB, target: `${cluster.id}:${manager.id}`, period: stretch.since };
        const outcome = await sendOnce(deps, key, () => deps.notifier.sendDirect(target, { visibility: 'private', blocks: [{ type: 'text', text }] }));
        if (outcome === 'sent') sent += 1;
      }
    }
  }
  return { sent };
}

/** Completed silent weeks before `thisWeek`, back to the last note, and the first week of that stretch. */
export async function silentStretch(repos: Repositories, rhythm: RhythmSettings, programmeId: string, c: { clusterId: string; leaderId: string | undefined; createdDay: string }, thisWeek: string) {
  const weeks = Array.from({ length: LOOKBACK_WEEKS }, (_, i) => previousWeek(thisWeek, i + 1));
  const { notes } = await repos.progress.ofWeeks(programmeId, weeks);
  const written = new Set(notes.filter((n) => n.clusterId === c.clusterId).map((n) => n.isoWeek));
  const oldest = daysOfWeek(weeks[weeks.length - 1]!).monday;
  const { absences } = c.leaderId ? await repos.progress.absencesOverlapping(programmeId, [c.leaderId], oldest, daysOfWeek(thisWeek).monday) : { absences: [] };
  let count = 0;
  let since = thisWeek;
  for (const week of weeks) {
    const { monday, sunday } = daysOfWeek(week);
    if (written.has(week) || sunday < c.createdDay) break;
    const excused = inSummerBreak(week, rhythm) || absences.some((a) => a.fromDate <= sunday && a.toDate >= monday);
    if (excused) continue;
    count += 1;
    since = week;
  }
  return { weeks: count, since };
}

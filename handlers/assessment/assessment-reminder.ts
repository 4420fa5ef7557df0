// The six-month rhythm of self-assessments (issue 23): when a cluster's last assessment is older than six
// months, its leader is reminded once — on the weekly prompt's day and hour, never on a Swedish day off, in
// the summer break or while the leader is away (then the next week's tick tries again). The claim is keyed
// by the assessment reminded about, so a new assessment starts a new six months and nothing repeats.
import { dayIn } from '../core/dates.js';
import { personTarget } from '../core/person-target.js';
import type { Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { reminderDue } from '../weekly/weekly-reminder.js';
import { programmesOf, sendOnce, settleStaleClaims, type WeeklyDeps } from '../weekly/weekly-rhythm.js';

export const ASSESSMENT_REMINDER_JOB = 'assessment-reminder';
const RHYTHM_MONTHS = 6;

/** The day six calendar months before `day` (31 August → 29 February or 28 February, as the calendar has it). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export async function runAssessmentReminders(deps: WeeklyDeps): Promise<{ sent: number }> {
  if (!reminderDue(deps, 'prompt')) return { sent: 0 };
  await settleStaleClaims(deps, ASSESSMENT_REMINDER_JOB);
  const today = dayIn(deps.rhythm.timezone, deps.clock.now());
  const before = monthsBefore(today, RHYTHM_MONTHS);
  let sent = 0;
  for (const programmeId of await programmesOf(deps)) {
    const { clusters: assessed } = await deps.repos.assessments.firstAndLatest(programmeId);
    const stale = new Map(assessed.filter((c) => c.latest.assessedOn < before).map((c) => [c.clusterId, c.latest]));
    if (!stale.size) continue;
    const { clusters } = await deps.repos.progress.clustersWithLeaders(programmeId);
    const due = clusters.flatMap((c) => (c.leader && stale.has(c.cluster.id) && deps.notifier.handles(c.leader.platform) ? [{ cluster: c.cluster, leader: c.leader, latest: stale.get(c.cluster.id)! }] : []));
    const { absences } = await deps.repos.progress.absencesOverlapping(programmeId, due.map((c) => c.leader.id), today, today);
    const away = new Set(absences.map((a) => a.personId));
    for (const { cluster, leader, latest } of due.filter((c) => !away.has(c.leader.id))) {
      const target = await personTarget(deps.repos, programmeId, leader);
      if (!target) continue;
      const reply = reminderReply(cluster.name, latest.assessedOn, leader.language ?? deps.rhythm.defaultLanguage);
      const key = { job: ASSESSMENT_REMINDER_JOB, target: `${cluster.id}:${leader.id}`, period: latest.id };
      if ((await sendOnce(deps, key, () => deps.notifier.sendDirect(target, reply))) === 'sent') sent += 1;
    }
  }
  return { sent };
}

function reminderReply(cluster: string, date: string, language: 'sv' | 'en'): Reply {
  const quoted = /\s/.test(cluster) ? `"${cluster}"` : cluster;
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: t(language, 'assess.reminder', { cluster: quoted, date }) }],
    // One click opens the form, pre-filled from the last assessment.
    buttons: [{ label: t(language, 'assess.form_title'), command: `assess ${quoted}`, style: 'primary' }],
  };
}

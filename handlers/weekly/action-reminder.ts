// Thursday's nudge to owners of action items that are overdue or due within a week: open items are
// carried forward until done, and their owners hear about them once a week, on the same days off rules.
import { addDays, dayIn } from '../core/dates.js';
import type { Reply } from '../core/reply.js';
import { isoWeekOf } from '../core/weeks.js';
import { t } from '../i18n/index.js';
import { personTarget } from '../core/person-target.js';
import { reminderDue } from './weekly-reminder.js';
import { programmesOf, sendOnce, settleStaleClaims, type WeeklyDeps } from './weekly-rhythm.js';

export const ACTION_REMINDER_JOB = 'weekly-actions';
const LOOKAHEAD_DAYS = 7;

interface DueItem {
  number: number;
  text: string;
  dueOn: string | null;
  meetingNumber: number;
  ownerId: string;
}

export async function runActionReminders(deps: WeeklyDeps): Promise<{ sent: number }> {
  if (!reminderDue(deps, 'prompt')) return { sent: 0 };
  await settleStaleClaims(deps, ACTION_REMINDER_JOB);
  const now = deps.clock.now();
  const today = dayIn(deps.rhythm.timezone, now);
  const isoWeek = isoWeekOf(now, deps.rhythm.timezone);
  let sent = 0;
  for (const programmeId of await programmesOf(deps)) {
    const { actions } = await deps.repos.actionItems.dueBy(programmeId, addDays(today, LOOKAHEAD_DAYS));
    const byOwner = groupByOwner(actions);
    const { absences } = await deps.repos.progress.absencesOverlapping(programmeId, [...byOwner.keys()], today, today);
    const away = new Set(absences.map((a) => a.personId));
    for (const [ownerId, items] of byOwner) {
      if (away.has(ownerId)) continue;
      const { person } = await deps.repos.people.findById(programmeId, ownerId);
      if (!person || !deps.notifier.handles(person.platform)) continue;
      const target = await personTarget(deps.repos, programmeId, person);
      if (!target) continue;
      const reply = actionReminderReply(items, today, person.language ?? deps.rhythm.defaultLanguage);
      const key = { job: ACTION_REMINDER_JOB, target: ownerId, period: isoWeek };
      if ((await sendOnce(deps, key, () => deps.notifier.sendDirect(target, reply))) === 'sent') sent += 1;
    }
  }
  return { sent };
}

function groupByOwner(items: DueItem[]): Map<string, DueItem[]> {
  const groups = new Map<string, DueItem[]>();
  for (const item of items) groups.set(item.ownerId, [...(groups.get(item.ownerId) ?? []), item]);
  return groups;
}

function actionReminderReply(items: DueItem[], today: string, language: 'sv' | 'en'): Reply {
  const lines = items.map((a) => t(language, (a.dueOn ?? '') < today ? 'action_reminder.overdue' : 'action_reminder.due', { id: `A${a.number}`, text: a.text, due: a.dueOn ?? '', meeting: `M${a.meetingNumber}` }));
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: t(language, 'action_reminder.intro') }, { type: 'list', items: lines }],
    buttons: [{ label: t(language, 'action_reminder.button'), command: 'actions mine' }],
  };
}

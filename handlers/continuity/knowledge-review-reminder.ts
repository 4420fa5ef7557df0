// Friday's list of knowledge entries due for review, one message per owner (issue 11). Runs with the
// weekly reminder, on the same days-off, summer and absence rules, and claims (job, owner, week) first.
import type { KnowledgeEntry } from '../../db/knowledge-review.repository.js';
import { dayIn } from '../core/dates.js';
import type { Reply } from '../core/reply.js';
import { staleBlocks } from './continuity-status.js';
import { t } from '../i18n/index.js';
import { personTarget } from '../core/person-target.js';
import { sendOnce, settleStaleClaims, type WeeklyDeps } from '../weekly/weekly-rhythm.js';

export const KNOWLEDGE_REVIEW_JOB = 'knowledge-review';

export async function remindStaleKnowledge(deps: WeeklyDeps, programmeId: string, isoWeek: string): Promise<number> {
  await settleStaleClaims(deps, KNOWLEDGE_REVIEW_JOB);
  const now = deps.clock.now();
  const today = dayIn(deps.rhythm.timezone, now);
  const { entries } = await deps.repos.knowledge.staleAll(programmeId, now);
  const byOwner = new Map<string, KnowledgeEntry[]>();
  for (const e of entries) byOwner.set(e.ownerId, [...(byOwner.get(e.ownerId) ?? []), e]);
  const { absences } = await deps.repos.progress.absencesOverlapping(programmeId, [...byOwner.keys()], today, today);
  const away = new Set(absences.map((a) => a.personId));
  let sent = 0;
  for (const [ownerId, owned] of byOwner) {
    if (away.has(ownerId)) continue;
    const { person } = await deps.repos.people.findById(programmeId, ownerId);
    if (!person || !deps.notifier.handles(person.platform)) continue;
    const target = await personTarget(deps.repos, programmeId, person);
    if (!target) continue;
    const reply = staleReply(owned, person.language ?? deps.rhythm.defaultLanguage);
    const key = { job: KNOWLEDGE_REVIEW_JOB, target: ownerId, period: isoWeek };
    if ((await sendOnce(deps, key, () => deps.notifier.sendDirect(target, reply))) === 'sent') sent += 1;
  }
  return sent;
}

function staleReply(entries: KnowledgeEntry[], language: 'sv' | 'en'): Reply {
  const first = entries[0]!;
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: t(language, 'knowledge_reminder.intro') }, ...staleBlocks(language, entries, 'continuity.stale_mine')],
    buttons: [{ label: t(language, 'knowledge_reminder.button', { id: `N${first.number}` }), command: `note review N${first.number}` }],
  };
}

// «Kommande möten» in the other features' views (status, the weekly digest, App Home, the handover pack):
// one block, the same lines everywhere. Planned meetings are shown, never counted: they are not activities
// until logged, and no count query reads planned_meetings.
import type { Repositories } from '../../db/repositories.js';
import type { Language } from '../core/incoming.js';
import type { ReplyBlock } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { upcomingSectionLine } from './planned-views.js';

export interface UpcomingInput {
  repos: Pick<Repositories, 'plannedMeetings'>;
  programmeId: string;
  now: Date;
  timezone: string;
  language: Language;
  /** Only meetings of these clusters; undefined → the whole programme. */
  clusterIds?: readonly string[] | undefined;
  /** Only meetings that concern this person (invited, planned by them, or of their clusters). */
  personId?: string;
  limit: number;
  withinDays?: number;
}

export async function upcomingSection(input: UpcomingInput): Promise<ReplyBlock | undefined> {
  const { repos, programmeId, now, language, timezone } = input;
  const until = input.withinDays ? new Date(now.getTime() + input.withinDays * 86_400_000) : undefined;
  const { planned, total } = await repos.plannedMeetings.listUpcoming({
    programmeId, from: now, limit: input.limit,
    ...(until ? { until } : {}),
    ...(input.clusterIds ? { clusterIds: [...input.clusterIds] } : {}),
    ...(input.personId ? { personId: input.personId } : {}),
  });
  if (total === 0) return undefined;
  const items = planned.map((p) => upcomingSectionLine(language, p, timezone));
  if (total > items.length) items.push(t(language, 'upcoming.more', { count: total - items.length, command: language === 'sv' ? '`möten kommande`' : '`meetings upcoming`' }));
  return { type: 'list', title: t(language, 'upcoming.section'), items };
}

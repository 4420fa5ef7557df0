// Some time after an introduction, each side is asked "did you meet? what did you learn, what will you
// try?". The question is queued in the outbox under a key unique per (proposal, side), which is this job's
// claim: however many ticks and instances see it due, each side is asked once. People who are away are
// asked on the first tick after they are back; a side that already told what they learned is not asked.
import { subDays } from 'date-fns';
import type { Logger } from 'pino';
import { FOLLOW_UP_KEY } from '../../db/exchanges.repository.js';
import type { Repositories } from '../../db/repositories.js';
import type { Clock } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import type { Language } from '../core/incoming.js';
import { shortId } from '../core/short-ids.js';
import { followUpMessage } from './exchange-messages.js';

/** Issue 7's default: two weeks after both said yes. */
export const EXCHANGE_FOLLOW_UP_DAYS = 14;
// Bounds one tick's work; what is left is picked up by the next tick.
const PER_TICK = 200;

export interface FollowUpDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  timezone: string;
  defaultLanguage: Language;
  followUpAfterDays?: number;
  programmeIds?: string[];
}

export async function runExchangeFollowUps(deps: FollowUpDeps): Promise<{ queued: number }> {
  const now = deps.clock.now();
  const introducedBefore = subDays(now, deps.followUpAfterDays ?? EXCHANGE_FOLLOW_UP_DAYS);
  const today = dayIn(deps.timezone, now);
  let queued = 0;
  for (const programmeId of deps.programmeIds ?? (await deps.repos.weeklyRuns.programmeIds()).ids) {
    const { due } = await deps.repos.exchanges.followUpsDue({ programmeId, introducedBefore, today, limit: PER_TICK });
    for (const side of due) {
      const { person } = await deps.repos.people.findById(programmeId, side.person_id);
      if (!person) continue;
      const reply = followUpMessage({ id: shortId('X', side.number), otherName: side.other_name, otherCluster: side.other_cluster, needTopic: side.need_topic }, person.language ?? deps.defaultLanguage);
      const { queued: isNew } = await deps.repos.outbox.enqueue({
        programmeId, kind: FOLLOW_UP_KEY, key: `${FOLLOW_UP_KEY}:${side.proposal_id}:${side.side}`, personIds: [person.id], reply: reply as unknown as Record<string, unknown>, at: now,
      });
      if (isNew) queued += 1;
    }
  }
  if (queued) deps.logger.info({ queued }, 'exchange follow-ups queued');
  return { queued };
}

// The weekly digest: every active subscription is posted once per ISO week, at or after its own local
// day and time. Each tick re-checks; the claim row makes the post happen once across instances.
import type { DigestSubscription } from '../../db/digests.repository.js';
import { DIGEST_JOB } from '../../db/schema/index.js';
import type { Reply } from '../core/reply.js';
import { buildDigest } from './digest-content.js';
import { dueInstant, isoWeekOf } from '../core/weeks.js';
import type { ChannelTarget } from '../core/notifier.js';
import { eachLimited, programmesOf, sendOnce, settleStaleClaims, type WeeklyDeps } from './weekly-rhythm.js';

export { DIGEST_JOB };
// Channels are posted in parallel up to this many. Most of a channel's time is the notifier's pacing
// (1 message/s per channel for thread replies), which costs a waiting promise, not a connection.
const CONCURRENCY = 200;

export function digestTarget(s: Pick<DigestSubscription, 'platform' | 'workspaceExternalId' | 'channelId'>): string {
  return `${s.platform}:${s.workspaceExternalId}:${s.channelId}`;
}

export async function runWeeklyDigest(deps: WeeklyDeps): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const { timezone } = deps.rhythm;
  let sent = 0;
  const period = isoWeekOf(now, timezone);
  for (const programmeId of await programmesOf(deps)) {
    const { subscriptions } = await deps.repos.digests.listActive(programmeId);
    const dueNow = subscriptions.filter((s) => deps.notifier.handles(s.platform) && now >= dueInstant(now, timezone, s.weekday, s.time));
    if (dueNow.length === 0) continue;
    await settleStaleClaims(deps, DIGEST_JOB);
    // Only an optimisation: the claim in postDigest is what guarantees once.
    const { targets: settled } = await deps.repos.weeklyRuns.settledTargets(DIGEST_JOB, period);
    const due = dueNow.filter((s) => !settled.has(digestTarget(s)));
    // Every channel of a programme gets the same digest per language, so it is built once per run, and
    // before any claim: a failure to build it must leave nothing claimed, so the next tick retries.
    const digests = new Map<string, Reply>();
    for (const language of new Set(due.map((s) => s.language))) digests.set(language, await buildDigest({ repos: deps.repos, programmeId, now, timezone, language }));
    await eachLimited(due, CONCURRENCY, async (subscription) => {
      if ((await postDigest(deps, subscription, period, digests.get(subscription.language)!)) === 'sent') sent += 1;
    });
  }
  return { sent };
}

async function postDigest(deps: WeeklyDeps, subscription: DigestSubscription, period: string, digest: Reply) {
  const { repos, notifier } = deps;
  const key = { job: DIGEST_JOB, target: digestTarget(subscription), period };
  const target = await channelTarget(deps, subscription);
  const outcome = await sendOnce(deps, key, () => notifier.postToChannel(target, digest));
  if (outcome === 'gone') await repos.digests.deactivate(subscription.programmeId, subscription.id, 'gone', deps.clock.now());
  return outcome;
}

async function channelTarget(deps: WeeklyDeps, s: DigestSubscription): Promise<ChannelTarget> {
  const { conversation } = await deps.repos.conversations.find(s.programmeId, s.platform, s.channelId);
  return { platform: s.platform, workspaceId: s.workspaceExternalId, channelId: s.channelId, ...(conversation ? { reference: conversation.reference } : {}) };
}

// The peer exchange's periodic tick on every instance (scheduled/scheduler.ts says how often): queue the
// follow-up questions that are due, then deliver the outbox — which also sends anything a command queued but
// could not deliver right after its commit (a crash, a platform outage). Claims in the database make
// running it everywhere safe.
import { createRepositories } from '../../db/repositories.js';
import type { Language } from '../core/incoming.js';
import { runExchangeFollowUps } from './exchange-follow-up.js';
import { deliverOutbox, type OutboxDeps } from '../core/outbox-dispatcher.js';

export interface ExchangeTickDeps extends OutboxDeps {
  timezone: string;
  defaultLanguage: Language;
  followUpAfterDays?: number;
}

export async function runExchangeTick(deps: ExchangeTickDeps) {
  const repos = createRepositories(deps.db);
  let queued = 0;
  // A failing follow-up query must not keep already queued messages from going out.
  try {
    queued = (await runExchangeFollowUps({ ...deps, repos })).queued;
  } catch (err) {
    deps.logger.error({ err }, 'exchange follow-ups failed');
  }
  const delivered = await deliverOutbox(deps);
  return { queued, ...delivered };
}

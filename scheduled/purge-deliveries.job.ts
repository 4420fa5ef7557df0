import type { Repositories } from '../db/repositories.js';
import type { Clock } from '../handlers/core/context.js';

/** Forgets delivery keys no platform will redeliver any more, so the idempotency table stays small. */
export async function purgeDeliveries({ repos, clock }: { repos: Repositories; clock: Clock }) {
  return repos.deliveries.purgeExpired(clock.now());
}

// The nightly clean-up of the idempotency table that makes a redelivered Slack event or Teams activity act
// once (run-command.ts claims a delivery key per message); the scheduler says when.
import type { Database } from '../../db/database.js';
import { createRepositories } from '../../db/repositories.js';
import type { Clock } from './context.js';

/** Forgets delivery keys no platform will redeliver any more, so the idempotency table stays small. */
export async function purgeDeliveries({ db, clock }: { db: Database; clock: Clock }) {
  return createRepositories(db).deliveries.purgeExpired(clock.now());
}

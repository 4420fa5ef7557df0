// The database handle as the adapters and the jobs see it: something the composition root opened and they
// pass on to the core's and the features' use cases, never read themselves. Only handlers/ and db/ look
// inside (repositories, transactions), so access rules and auditing cannot be skipped (docs/architecture.md).
export type { Database } from '../../db/database.js';

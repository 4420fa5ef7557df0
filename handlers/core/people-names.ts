// People's display names from the platform's directory. A Slack event, a DM and a mention carry only a user
// id, so the Slack adapter asks Slack (users.info) after the answer has gone out, or hears it from a
// user_change event, and hands the names here; the next reply shows the real name instead of the id.
import { createRepositories } from '../../db/repositories.js';
import type { Database } from '../../db/database.js';
import type { Clock } from './context.js';
import type { Platform } from './incoming.js';

/** A name asked for more than a day ago is asked for again (README "Connecting Slack"). */
export const NAME_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How many never-asked people of a workspace ride along with each refresh, so old rows get names too. */
const BACKFILL_PER_REFRESH = 5;

export interface PeopleNames {
  /** Of the user ids a message named, the ones whose directory name is missing or older than a day, plus
   *  a few never-asked people of the same workspace. */
  toRefresh(platform: Platform, workspaceId: string, userIds: string[]): Promise<string[]>;
  /** Stores directory names; an empty name is ignored (the stored one stays). */
  update(platform: Platform, names: { userId: string; name: string }[]): Promise<{ updated: number }>;
}

export function createPeopleNames({ db, clock }: { db: Database; clock: Clock }): PeopleNames {
  const repos = createRepositories(db);
  return {
    async toRefresh(platform, workspaceId, userIds) {
      const staleBefore = new Date(clock.now().getTime() - NAME_MAX_AGE_MS);
      return (await repos.people.namesToRefresh(platform, workspaceId, [...new Set(userIds)], staleBefore, BACKFILL_PER_REFRESH)).userIds;
    },
    async update(platform, names) {
      let updated = 0;
      for (const { userId, name } of names) {
        const clean = name.trim();
        if (!clean) continue;
        updated += (await repos.people.setDirectoryName(platform, userId, clean, clock.now())).updated;
      }
      return { updated };
    },
  };
}

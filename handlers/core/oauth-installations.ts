// The port through which the Slack adapter's installation store (bot/slack/installation-store.ts, Bolt's
// InstallationStore) keeps each workspace's OAuth installation: its bot token and the installer's user
// token. The adapter seals the tokens before they reach this port and opens them only on their way to Bolt;
// the port stores them, so the adapter never talks to the database itself (docs/architecture.md).
import type { Database } from '../../db/database.js';
import type { SlackInstallationRow } from '../../db/schema/index.js';
import { createSlackInstallationsRepository, type SlackInstallationValues } from '../../db/slack-installations.repository.js';
import type { Clock } from './context.js';

/** One stored installation, its tokens still sealed. */
export type StoredInstallation = SlackInstallationRow;
/** What an install or a token refresh stores: the installation without its id and timestamps. */
export type InstallationValues = SlackInstallationValues;

export interface OAuthInstallations {
  /** The installation under its key (`team:T…`, or `enterprise:E…` for an org-wide install). */
  find(installKey: string): Promise<StoredInstallation | undefined>;
  /** A new install, a reinstall or a refreshed token: the row's tokens and scopes are replaced, and the
   *  first install's time stays. */
  save(values: InstallationValues): Promise<void>;
  /** The installation and every token in it (Bolt's deleteInstallation). */
  remove(installKey: string): Promise<void>;
  /** tokens_revoked for people: only their user tokens go; LOKET itself stays installed. */
  removeUserTokens(installKey: string, userIds: string[]): Promise<{ removed: number }>;
  /** A request from workspace `teamId` was authorized through organisation `enterpriseId`'s org-wide
   *  install: remembered, so an org-wide uninstall reaches the workspace and proactive posts find a token. */
  servedByEnterprise(teamId: string, enterpriseId: string): Promise<void>;
  /** The organisation whose org-wide install was seen serving a workspace. */
  enterpriseOf(teamId: string): Promise<string | undefined>;
}

export function createOAuthInstallations({ db, clock }: { db: Database; clock: Clock }): OAuthInstallations {
  const repo = createSlackInstallationsRepository({ db });
  return {
    find: async (installKey) => (await repo.find(installKey)).installation,
    save: async (values) => {
      await repo.save(values, clock.now());
    },
    remove: async (installKey) => {
      await repo.remove(installKey);
    },
    removeUserTokens: (installKey, userIds) => repo.removeUserTokens(installKey, userIds, clock.now()),
    servedByEnterprise: (teamId, enterpriseId) => repo.noteEnterpriseWorkspace(teamId, enterpriseId),
    enterpriseOf: async (teamId) => (await repo.enterpriseOfTeam(teamId)).enterpriseId,
  };
}

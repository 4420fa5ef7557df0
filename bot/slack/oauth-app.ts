// The Bolt app in OAuth mode: many workspaces, each with its own installation in Postgres. Bolt's
// installer answers the install routes and, as `authorize`, gives every request its workspace's bot token,
// refreshing rotating tokens that expire within two hours.
import { App, ExpressReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { Express } from 'express';
import type { Clock, CoreSettings } from '../../handlers/core/context.js';
import type { Database } from '../../handlers/core/database.js';
import type { Language } from '../../handlers/core/incoming.js';
import type { SecretKeys } from '../../handlers/core/key-ring.js';
import { createOAuthInstallations } from '../../handlers/core/oauth-installations.js';
import { createConnectWorkspace } from '../../handlers/core/run-for-person.js';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createInstallationStore } from './installation-store.js';
import { oauthReceiverOptions } from './oauth-install.js';
import { tokenCipherFor } from './token-cipher.js';

export interface OAuthAppOptions {
  config: Extract<SlackConfig, { mode: 'oauth' }>;
  expressApp: Express;
  eventsPath: string;
  db: Database;
  clock: Clock;
  settings: CoreSettings;
  /** LOKET_SECRET_KEY and the keys it replaced: tokens sealed with any of them open. */
  secretKey: SecretKeys;
  language: Language;
  logger: Logger;
  boltLogger: BoltLogger;
  clientOptions: webApi.WebClientOptions;
}

export function createOAuthApp(options: OAuthAppOptions): { app: App; botToken(workspaceId: string): Promise<string | undefined> } {
  const { config, db, clock, logger } = options;
  const store = createInstallationStore({ installations: createOAuthInstallations({ db, clock }), cipher: tokenCipherFor(options.secretKey) });
  const connect = createConnectWorkspace({ db, clock, logger, settings: options.settings });
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    app: options.expressApp,
    endpoints: options.eventsPath,
    logger: options.boltLogger,
    processBeforeResponse: false,
    ...oauthReceiverOptions({ ...config, store, connect, clientOptions: options.clientOptions, language: options.language, logger }),
  });
  const installer = receiver.installer;
  if (!installer) throw new Error('Slack OAuth: Bolt did not set up its installer');
  // No authorize here: Bolt takes the installer's, which reads the installation store.
  const app = new App({ receiver, logger: options.boltLogger, clientOptions: options.clientOptions, ignoreSelf: true, convoStore: false });
  return {
    app,
    /** For proactive posts: undefined when LOKET is not (or no longer) installed in the workspace. */
    async botToken(workspaceId) {
      // A workspace without an install of its own may be served by its organisation's org-wide install.
      const row = await store.findRow({ teamId: workspaceId, enterpriseId: await store.enterpriseOf(workspaceId) });
      if (!row?.botToken) return undefined;
      const auth = await installer.authorize({ teamId: workspaceId, enterpriseId: row.enterpriseId ?? undefined, isEnterpriseInstall: false });
      return auth.botToken;
    },
  };
}

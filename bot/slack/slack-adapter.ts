// Wires Bolt onto LOKET: HTTP (ExpressReceiver on the shared Express app, POST /slack/events) or Socket
// Mode, signature verification by Bolt, and the listeners that hand every message to the core.
import { App, ExpressReceiver, SocketModeReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { Express } from 'express';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Language, ProcessIncoming } from '../../handlers/core/incoming.js';
import type { Inbox } from '../../handlers/core/inbox.js';
import { systemClock, type Clock, type CoreSettings } from '../../handlers/core/context.js';
import type { Database } from '../../handlers/core/database.js';
import { allKeys, type SecretKeys } from '../../handlers/core/key-ring.js';
import { createInstallations } from '../../handlers/core/installations.js';
import { createOAuthInstallations } from '../../handlers/core/oauth-installations.js';
import { createRunForPerson } from '../../handlers/core/run-for-person.js';
import { createPeopleNames } from '../../handlers/core/people-names.js';
import { nameRefresher } from './name-refresher.js';
import { registerLifecycleListeners } from './lifecycle-listeners.js';
import { createOAuthApp } from './oauth-app.js';
import { toBoltLogger } from './bolt-logger.js';
import { createBotIdentity } from './bot-identity.js';
import { registerListeners } from './slack-listeners.js';
import { answerUnreadablePayload } from './bad-request.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface RegisterSlackOptions {
  expressApp: Express;
  config: SlackConfig;
  core: ProcessIncoming;
  logger: Logger;
  /** Language of the apology when something fails before the core knows the user's (default sv). */
  language?: Language;
  /** Slash commands are stored here before they are acknowledged (README "Reliability"). */
  inbox?: Inbox;
  /** Told the seconds from each acknowledgement to its answer (GET /metrics). */
  answered?: (seconds: number) => void;
  /** App Home and OAuth installs run outside a message, so they need what the core runs with. Without
   *  them (some tests) the Home tab and uninstall events are not handled; OAuth mode requires them. */
  db?: Database;
  clock?: Clock;
  settings?: CoreSettings;
  /** LOKET_SECRET_KEY (with LOKET_SECRET_KEY_PREVIOUS): seals the installation tokens of OAuth mode. */
  secretKey?: SecretKeys;
}

export interface SlackAdapter {
  app: App;
  /** Waits for replies in flight (and closes the Socket Mode connection); the HTTP server is the caller's. */
  stop(): Promise<void>;
  /** The bot token for proactive posts to a workspace; undefined where LOKET is not installed (OAuth mode). */
  botToken(workspaceId: string): Promise<string | undefined>;
}

export async function registerSlack(options: RegisterSlackOptions): Promise<SlackAdapter> {
  const { config, logger } = options;
  const boltLogger = toBoltLogger(logger, secretsOf(config, options.secretKey));
  const clientOptions = webClientOptions(config.apiUrl, boltLogger);
  if (config.mode === 'oauth') return registerOAuth(options, config, boltLogger, clientOptions);
  const identity = createBotIdentity({ token: config.botToken, clientOptions, logger });
  const receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.appToken, logger: boltLogger, installerOptions: { clientOptions: socketClientOptions(config.apiUrl, boltLogger) } })
      : new ExpressReceiver({
          signingSecret: config.signingSecret,
          app: options.expressApp,
          endpoints: SLACK_EVENTS_PATH,
          logger: boltLogger,
          // Ack first and work after: a command's core run can take longer than Slack's 3 s.
          processBeforeResponse: false,
          processEventErrorHandler: answerUnreadablePayload,
        });
  const app = new App({
    receiver,
    // authorize instead of token: Bolt would call auth.test at start-up or before every event (bot-identity.ts).
    authorize: async () => ({ botToken: config.botToken, ...identity.current() }),
    logger: boltLogger,
    clientOptions,
    ignoreSelf: true,
    // LOKET keeps no conversation state in process memory (several instances may serve one workspace).
    convoStore: false,
  });
  const inFlight = new Set<Promise<void>>();
  registerListeners(app, { core: options.core, logger, language: options.language ?? 'sv', inFlight, ...(options.inbox ? { inbox: options.inbox } : {}), ...(options.answered ? { answered: options.answered } : {}) });
  registerLifecycle(app, options, inFlight);
  void identity.refresh();
  if (config.mode === 'socket') startSocketMode(app, logger);

  return {
    app,
    async stop() {
      if (config.mode === 'socket') await app.stop().catch((error: unknown) => logger.warn({ err: error, platform: 'slack' }, 'Socket Mode stop failed'));
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await identity.settled();
    },
    botToken: async () => config.botToken,
  };
}

function registerOAuth(options: RegisterSlackOptions, config: Extract<SlackConfig, { mode: 'oauth' }>, boltLogger: BoltLogger, clientOptions: webApi.WebClientOptions): SlackAdapter {
  const { db, settings, secretKey, logger } = options;
  if (!db || !settings || !secretKey) throw new Error('Slack OAuth mode needs the database, the core settings and LOKET_SECRET_KEY');
  const language = options.language ?? 'sv';
  const clock = options.clock ?? systemClock;
  const { app, botToken } = createOAuthApp({ config, expressApp: options.expressApp, eventsPath: SLACK_EVENTS_PATH, db, clock, settings, secretKey, language, logger, boltLogger, clientOptions });
  const inFlight = new Set<Promise<void>>();
  registerListeners(app, { core: options.core, logger, language, inFlight, ...(options.inbox ? { inbox: options.inbox } : {}), ...(options.answered ? { answered: options.answered } : {}) });
  registerLifecycle(app, options, inFlight);
  return {
    app,
    async stop() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    botToken,
  };
}

function registerLifecycle(app: App, options: RegisterSlackOptions, inFlight: Set<Promise<void>>): void {
  const { db, settings, logger } = options;
  if (!db || !settings) return;
  const clock = options.clock ?? systemClock;
  const runForPerson = createRunForPerson({ db, clock, logger, settings });
  const installations = createInstallations({ db, clock, logger });
  const oauthInstallations = createOAuthInstallations({ db, clock });
  const names = createPeopleNames({ db, clock });
  registerLifecycleListeners(app, { installations, oauthInstallations, logger, language: options.language ?? 'sv', inFlight, runForPerson, names });
  // After every answered request: names Slack sent only as ids are asked for (users.info).
  app.use(nameRefresher({ names, logger, inFlight }));
}

/** Values Bolt's own debug lines could carry (the OAuth code exchange logs its request body). */
function secretsOf(config: SlackConfig, secretKey: SecretKeys | undefined): string[] {
  const values = [config.signingSecret, ...(secretKey ? allKeys(secretKey) : []), 'botToken' in config ? config.botToken : undefined, 'appToken' in config ? config.appToken : undefined];
  if (config.mode === 'oauth') values.push(config.clientSecret, config.stateSecret);
  return values.filter((v): v is string => Boolean(v));
}

function webClientOptions(apiUrl: string | undefined, logger: BoltLogger): webApi.WebClientOptions {
  return {
    logger,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    // The default retries for ~30 minutes; a chat reply that late is worse than a logged failure.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  };
}

// Without our retryConfig: the Socket Mode client's own (many quick retries) suits keeping a connection.
function socketClientOptions(apiUrl: string | undefined, logger: BoltLogger): webApi.WebClientOptions {
  return { logger, ...(apiUrl ? { slackApiUrl: apiUrl } : {}) };
}

// Socket Mode connects in the background: a Slack outage must not keep /health and /ready from serving.
function startSocketMode(app: App, logger: Logger): void {
  app.start().then(
    () => logger.info({ platform: 'slack' }, 'Slack Socket Mode connected'),
    (error: unknown) => logger.error({ err: error, platform: 'slack' }, 'Slack Socket Mode could not connect'),
  );
}

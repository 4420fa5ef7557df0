// Wires Bolt onto LOKET: HTTP (ExpressReceiver on the shared Express app, POST /slack/events) or Socket
// Mode, signature verification by Bolt, and the listeners that hand every message to the core.
import { App, ExpressReceiver, SocketModeReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { Express } from 'express';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Language, ProcessIncoming } from '../../handlers/core/incoming.js';
import { toBoltLogger } from './bolt-logger.js';
import { createBotIdentity } from './bot-identity.js';
import { registerListeners } from './slack-listeners.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface RegisterSlackOptions {
  expressApp: Express;
  config: SlackConfig;
  core: ProcessIncoming;
  logger: Logger;
  /** Language of the apology when something fails before the core knows the user's (default sv). */
  language?: Language;
}

export interface SlackAdapter {
  app: App;
  /** Waits for replies in flight (and closes the Socket Mode connection); the HTTP server is the caller's. */
  stop(): Promise<void>;
}

export async function registerSlack(options: RegisterSlackOptions): Promise<SlackAdapter> {
  const { config, logger } = options;
  if (config.mode === 'oauth') throw new Error('Slack OAuth install is not available yet');
  const boltLogger = toBoltLogger(logger);
  const clientOptions = webClientOptions(config.apiUrl, boltLogger);
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
  registerListeners(app, { core: options.core, logger, language: options.language ?? 'sv', inFlight });
  void identity.refresh();
  if (config.mode === 'socket') startSocketMode(app, logger);

  return {
    app,
    async stop() {
      if (config.mode === 'socket') await app.stop().catch((error: unknown) => logger.warn({ err: error, platform: 'slack' }, 'Socket Mode stop failed'));
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await identity.settled();
    },
  };
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

// The bot's own user and bot ids, learned from auth.test in the background. Bolt would otherwise call
// auth.test at start-up (an unreachable Web API would stop the server from starting) or, with
// tokenVerificationEnabled: false, before every single event (an outage would drop every event).
import { webApi } from '@slack/bolt';
import type { Logger } from '../logger.js';

export interface BotIdentity {
  botUserId?: string;
  botId?: string;
}

const RETRY_AFTER_MS = 60_000;

export function createBotIdentity(options: { token: string; clientOptions: webApi.WebClientOptions; logger: Logger }) {
  // One attempt per refresh: the next event asks again after a minute instead of piling up retries.
  const client = new webApi.WebClient(options.token, { ...options.clientOptions, retryConfig: { retries: 0 } });
  let known: BotIdentity = {};
  let pending: Promise<void> | undefined;
  let lastAttempt = 0;

  function refresh(): Promise<void> {
    lastAttempt = Date.now();
    pending ??= client.auth
      .test()
      .then((result) => {
        known = { botUserId: result.user_id, botId: result.bot_id };
        options.logger.info({ platform: 'slack', team: result.team_id, botUserId: result.user_id }, 'Slack bot identity known');
      })
      .catch((error: unknown) => {
        options.logger.warn({ err: error, platform: 'slack' }, 'Slack auth.test failed; will retry on a later event');
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  /** What is known now; asks again in the background while the ids are still missing. */
  function current(): BotIdentity {
    if (!known.botUserId && !pending && Date.now() - lastAttempt > RETRY_AFTER_MS) void refresh();
    return known;
  }

  return { refresh, current, settled: () => pending ?? Promise.resolve() };
}

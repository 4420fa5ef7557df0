// Proactive Slack posts (digests, reminders) through the Web API with the bot token. Slack allows about
// one message per second per channel and a few dozen per second per workspace, so posts to one channel
// are paced and each workspace's posts are throttled; a 429 is retried after its Retry-After a bounded
// number of times; every outcome maps to a DeliveryError kind the claim rows use.
import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Reply } from '../../handlers/core/reply.js';
import { DeliveryError, type ChannelTarget, type Delivery, type Notifier, type PersonTarget } from '../../handlers/core/notifier.js';
import { renderBlocks } from './render-blocks.js';
import { createWorkspacePacer } from './workspace-pacer.js';

const MAX_RATE_LIMIT_RETRIES = 3;
// Slack's chat.postMessage allows bursts per workspace but throttles sustained fan-out; 50/s is the pace
// its rate-limit docs give for posting across channels, and what the digest benchmark's fake enforces.
const DEFAULT_PER_WORKSPACE_PER_SECOND = 50;
// Never sleep longer than this on one Retry-After: a tick must end well before the claim turns stale.
const MAX_RETRY_AFTER_MS = 30_000;
// Answers that mean the bot can no longer post there: the subscription is turned off, not retried.
const GONE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'team_not_found', 'user_not_found', 'cannot_dm_bot']);

export interface SlackNotifierOptions {
  /** The bot token for a workspace (single-workspace mode: always the configured SLACK_BOT_TOKEN). */
  token(workspaceId: string): Promise<string | undefined> | string | undefined;
  apiUrl?: string;
  logger: Logger;
  /** Milliseconds between two posts to one channel (Slack: ~1 s). */
  perChannelIntervalMs?: number;
  /** Posts per second to one workspace, across its channels. */
  perWorkspacePerSecond?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const interval = options.perChannelIntervalMs ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clients = new Map<string, { web: WebClient; pace: () => Promise<void> }>();
  const inLane = createLanes(interval, sleep);
  // A little over a second per window: the request still has to travel after its send time is counted.
  const throttle = () => createWorkspacePacer(options.perWorkspacePerSecond ?? DEFAULT_PER_WORKSPACE_PER_SECOND, 1050, sleep);

  const client = async (workspaceId: string) => {
    const token = await options.token(workspaceId);
    if (!token) throw new DeliveryError('failed', `no Slack bot token for workspace ${workspaceId}`);
    // One client and one throttle per token: a token is one workspace's installation.
    let entry = clients.get(token);
    if (!entry) {
      // Retries are ours (bounded, with pacing); the client's own would hide 429s and stretch a tick.
      entry = { web: new WebClient(token, { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), rejectRateLimitedCalls: true, retryConfig: { retries: 0 } }), pace: throttle() };
      clients.set(token, entry);
    }
    return entry;
  };

  const post = async ({ web, pace }: { web: WebClient; pace: () => Promise<void> }, channel: string, reply: Reply, threadTs?: string): Promise<string | undefined> => {
    const { text, blocks } = renderBlocks(reply);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await inLane(channel, async () => {
          await pace();
          return web.chat.postMessage({ channel, text, blocks, ...(threadTs ? { thread_ts: threadTs } : {}) });
        });
        return result.ts;
      } catch (error) {
        const retryAfterMs = rateLimited(error);
        if (retryAfterMs === undefined || attempt >= MAX_RATE_LIMIT_RETRIES) throw toDeliveryError(error);
        options.logger.warn({ channel, attempt, retryAfterMs }, 'slack rate limited; retrying after Retry-After');
        await sleep(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
      }
    }
  };

  const postLong = async (workspaceId: string, channel: string, reply: Reply): Promise<Delivery> => {
    const slack = await client(workspaceId);
    const [first, ...rest] = splitForThread(reply);
    const ts = await post(slack, channel, first!);
    // Long digests continue in the first message's thread, so the channel shows one message a week.
    for (const part of rest) {
      try {
        await post(slack, channel, part, ts);
      } catch (error) {
        // The parent is out: reporting failure would re-post it, so a lost thread part is only logged.
        options.logger.warn({ err: error, channel }, 'slack thread reply failed');
      }
    }
    return ts ? { messageId: ts } : {};
  };

  return {
    handles: (platform) => platform === 'slack',
    postToChannel: (target: ChannelTarget, reply: Reply) => postLong(target.workspaceId, target.channelId, reply),
    async sendDirect(person: PersonTarget, reply: Reply) {
      const { web } = await client(person.workspaceId);
      const opened = await web.conversations.open({ users: person.userId }).catch((error: unknown) => Promise.reject(toDeliveryError(error)));
      const channel = opened.channel?.id;
      if (!channel) throw new DeliveryError('failed', 'conversations.open returned no channel');
      return postLong(person.workspaceId, channel, reply);
    },
    // conversations.open with several users opens (or finds) their multi-person DM with the bot; it works
    // only within one workspace, which routeNotifiers checks before calling this.
    async sendGroup(people: PersonTarget[], reply: Reply) {
      const workspaceId = people[0]?.workspaceId ?? '';
      const { web } = await client(workspaceId);
      const users = people.map((p) => p.userId).join(',');
      const opened = await web.conversations.open({ users }).catch((error: unknown) => Promise.reject(toDeliveryError(error)));
      const channel = opened.channel?.id;
      if (!channel) throw new DeliveryError('failed', 'conversations.open returned no channel');
      return postLong(workspaceId, channel, reply);
    },
  };
}

/** Posts in one channel run one after another, at least `interval` apart; channels do not wait for each other. */
function createLanes(interval: number, sleep: (ms: number) => Promise<void>) {
  const lanes = new Map<string, Promise<unknown>>();
  const lastPost = new Map<string, number>();
  return <T>(channel: string, work: () => Promise<T>): Promise<T> => {
    const run = (lanes.get(channel) ?? Promise.resolve()).catch(() => undefined).then(async () => {
      const wait = (lastPost.get(channel) ?? 0) + interval - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await work();
      } finally {
        lastPost.set(channel, Date.now());
      }
    });
    lanes.set(channel, run);
    return run;
  };
}

function rateLimited(error: unknown): number | undefined {
  const e = error as Partial<WebAPICallError>;
  return e.code === ErrorCode.RateLimitedError ? (e as { retryAfter: number }).retryAfter * 1000 : undefined;
}

/** An answer from Slack is a certain failure; a request that may have reached Slack is unknown. */
function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = error as Partial<WebAPICallError> & { data?: { error?: string }; original?: { code?: string }; statusCode?: number };
  switch (e.code) {
    case ErrorCode.PlatformError:
      return new DeliveryError(GONE.has(e.data?.error ?? '') ? 'gone' : 'failed', `slack: ${e.data?.error}`);
    case ErrorCode.RateLimitedError:
      return new DeliveryError('failed', 'slack: rate limited, retries exhausted');
    case ErrorCode.HTTPError:
      return new DeliveryError('failed', `slack: HTTP ${e.statusCode}`);
    case ErrorCode.RequestError:
      // Refused connections never reached Slack; anything else (timeouts, resets) may have.
      return new DeliveryError(e.original?.code === 'ECONNREFUSED' || e.original?.code === 'ENOTFOUND' ? 'failed' : 'unknown', `slack: ${String(e.original?.code ?? e.message)}`);
    default:
      return new DeliveryError('unknown', `slack: ${String((error as Error)?.message ?? error)}`);
  }
}

// A list block renders as up to a few Slack blocks (3 000 characters per section); 8 per message keeps
// every part far below 50 blocks.
const BLOCKS_PER_MESSAGE = 8;

/** A long Reply as a first message and thread replies, each well within 50 blocks, so nothing is cut. */
export function splitForThread(reply: Reply): Reply[] {
  if (reply.blocks.length <= BLOCKS_PER_MESSAGE) return [reply];
  const parts: Reply[] = [];
  for (let i = 0; i < reply.blocks.length; i += BLOCKS_PER_MESSAGE) {
    const blocks = reply.blocks.slice(i, i + BLOCKS_PER_MESSAGE);
    parts.push(i === 0 ? { ...reply, blocks, buttons: [], links: [] } : { visibility: reply.visibility, blocks });
  }
  // Buttons and links belong under the last part, where the reader ends.
  const last = parts[parts.length - 1]!;
  parts[parts.length - 1] = { ...last, ...(reply.buttons ? { buttons: reply.buttons } : {}), ...(reply.links ? { links: reply.links } : {}) };
  return parts;
}

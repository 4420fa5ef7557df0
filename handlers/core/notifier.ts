// The platform-neutral port for messages LOKET sends without being asked (reminders, digests,
// escalations, the outbox). It lives in the core because both sides meet here: the adapters implement it
// (bot/slack/slack-notifier.ts, bot/teams/teams-notifier.ts) and the features' proactive use cases and the
// jobs that run them only call it, so neither side depends on the other (docs/architecture.md).
import type { Reply } from './reply.js';

export type ProactivePlatform = 'slack' | 'teams';

export interface ChannelTarget {
  platform: ProactivePlatform;
  workspaceId: string;
  channelId: string;
  /** Teams: the stored conversation reference (required there); Slack needs only the channel id. */
  reference?: Record<string, unknown>;
}

export interface PersonTarget {
  platform: ProactivePlatform;
  workspaceId: string;
  userId: string;
  displayName: string;
  /** Teams: the 1:1 chat LOKET already has with the person, if any (a bot cannot open one itself). */
  reference?: Record<string, unknown>;
  /** Where to mention the person instead when there is no 1:1 chat (Teams). */
  fallbackChannel?: ChannelTarget;
}

export interface Delivery {
  messageId?: string;
}

/**
 * Why a send did not succeed, which decides what the claim row becomes:
 * - `failed`: the platform answered with an error, so nothing was posted — retried on the next tick;
 * - `gone`: the bot was removed or the channel no longer exists — the subscription is turned off;
 * - `unknown`: the request may have reached the platform (timeout, connection reset) — never re-posted.
 */
export class DeliveryError extends Error {
  constructor(
    readonly kind: 'failed' | 'gone' | 'unknown',
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Notifier {
  handles(platform: string): boolean;
  postToChannel(target: ChannelTarget, reply: Reply): Promise<Delivery>;
  sendDirect(person: PersonTarget, reply: Reply): Promise<Delivery>;
  /** One message to several people of one workspace together (a Slack group DM). Optional: Teams bots
   *  cannot create group chats, so there `routeNotifiers` sends each person the message 1:1 instead. */
  sendGroup?(people: PersonTarget[], reply: Reply): Promise<Delivery>;
}

/** One notifier per platform behind one port; a platform that is not configured is simply not handled. */
export function routeNotifiers(byPlatform: Partial<Record<ProactivePlatform, Notifier>>): Notifier {
  const pick = (platform: ProactivePlatform): Notifier => {
    const notifier = byPlatform[platform];
    if (!notifier) throw new DeliveryError('failed', `no notifier for ${platform}`);
    return notifier;
  };
  return {
    handles: (platform) => platform in byPlatform && byPlatform[platform as ProactivePlatform] !== undefined,
    postToChannel: (target, reply) => pick(target.platform).postToChannel(target, reply),
    sendDirect: (person, reply) => pick(person.platform).sendDirect(person, reply),
    sendGroup: (people, reply) => sendGroup(pick, people, reply),
  };
}

/** A group message where the platform can open one for everyone (one Slack workspace), else the same
 *  message 1:1 to each (bots cannot open chats across workspaces, nor group chats in Teams). */
async function sendGroup(pick: (platform: ProactivePlatform) => Notifier, people: PersonTarget[], reply: Reply): Promise<Delivery> {
  const [first] = people;
  if (!first) throw new DeliveryError('failed', 'a group message needs at least one person');
  const notifier = pick(first.platform);
  const together = people.every((p) => p.platform === first.platform && p.workspaceId === first.workspaceId);
  if (together && people.length > 1 && notifier.sendGroup) return notifier.sendGroup(people, reply);
  let sent = 0;
  for (const person of people) {
    try {
      await pick(person.platform).sendDirect(person, reply);
      sent += 1;
    } catch (error) {
      // Someone already has it: retrying the whole message would send it to them twice.
      if (sent > 0) throw new DeliveryError('unknown', `sent to ${sent} of ${people.length}: ${String((error as Error)?.message ?? error)}`);
      throw error;
    }
  }
  return {};
}

import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { ChannelAccess } from '../../handlers/core/channels.js';

/** One workspace's bot token (single-token mode), or a lookup per workspace (OAuth mode). */
export type SlackToken = string | ((workspaceId: string) => Promise<string | undefined>);

/**
 * Asks Slack whether the bot is in a channel (conversations.info → is_member; needs channels:read and,
 * for private channels, groups:read). A private channel the bot is not in answers channel_not_found.
 * Any other failure counts as reachable: an outage of Slack's API must not block a subscription, and the
 * first post would then report the channel as gone anyway.
 */
export function createSlackChannelAccess({ token, apiUrl, logger }: { token: SlackToken; apiUrl?: string; logger: Logger }): ChannelAccess {
  const clients = new Map<string, WebClient>();
  const clientFor = async (workspaceId: string) => {
    const value = typeof token === 'string' ? token : await token(workspaceId);
    if (!value) return undefined;
    let web = clients.get(value);
    if (!web) clients.set(value, (web = new WebClient(value, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 1 } })));
    return web;
  };
  return {
    async botIsMember({ platform, workspaceId, channelId }) {
      if (platform !== 'slack') return true;
      try {
        const web = await clientFor(workspaceId);
        // Not installed there (OAuth mode): LOKET could never post a digest in that channel.
        if (!web) return false;
        const info = await web.conversations.info({ channel: channelId });
        const channel = info.channel as { is_member?: boolean; is_im?: boolean; is_mpim?: boolean } | undefined;
        return Boolean(channel?.is_member || channel?.is_im || channel?.is_mpim);
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code === 'channel_not_found') return false;
        logger.warn({ err: error, channel: channelId }, 'could not ask Slack whether LOKET is in the channel');
        return true;
      }
    },
  };
}

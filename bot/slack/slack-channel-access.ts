import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { ChannelAccess } from '../../handlers/core/channels.js';

/**
 * Asks Slack whether the bot is in a channel (conversations.info → is_member; needs channels:read and,
 * for private channels, groups:read). A private channel the bot is not in answers channel_not_found.
 * Any other failure counts as reachable: an outage of Slack's API must not block a subscription, and the
 * first post would then report the channel as gone anyway.
 */
export function createSlackChannelAccess({ token, apiUrl, logger }: { token: string; apiUrl?: string; logger: Logger }): ChannelAccess {
  const web = new WebClient(token, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 1 } });
  return {
    async botIsMember({ platform, channelId }) {
      if (platform !== 'slack') return true;
      try {
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

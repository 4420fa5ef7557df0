/** Whether LOKET's bot can post in a channel. A slash command works in any channel, but a digest can only
 *  be posted where the bot is a member, so `digest here` asks before it subscribes. */
export interface ChannelAccess {
  botIsMember(channel: { platform: string; workspaceId: string; channelId: string }): Promise<boolean>;
}

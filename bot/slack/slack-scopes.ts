// The bot scopes LOKET asks for, one reason each; manifest.json must list exactly these, and the OAuth
// installer asks for these. test/bot/slack/slack-scopes.test.ts derives the scopes from the Web API
// methods the code calls (SLACK_METHOD_SCOPES) and the events the manifest subscribes to
// (SLACK_EVENT_SCOPES), and fails when the manifest has one too few or too many.
export const SLACK_BOT_SCOPES: Record<string, string> = {
  commands: 'the /loket slash command',
  'chat:write': 'replies, digests and reminders (chat.postMessage, chat.postEphemeral)',
  'app_mentions:read': '@LOKET in a channel (app_mention events)',
  'im:history': 'direct messages to LOKET (message.im events)',
  'im:write': 'opening a direct message for reminders and introductions (conversations.open)',
  'mpim:write': 'a group DM introducing two people of the same workspace (conversations.open with several users)',
  'channels:read': '`digest here` checks that LOKET is in a public channel (conversations.info)',
  'groups:read': '`digest here` checks that LOKET is in a private channel (conversations.info)',
  'im:read': '`digest here` in a direct message (conversations.info)',
  'mpim:read': '`digest here` in a group DM (conversations.info)',
  'users:read': 'people’s real names instead of user ids (users.info, user_change events)',
};

export const slackBotScopes = (): string[] => Object.keys(SLACK_BOT_SCOPES);

/**
 * Every Web API method the Slack adapter calls, with the bot scopes Slack's method reference lists for it.
 * Where Slack accepts one of several scopes depending on the conversation (conversations.info: channels:read
 * for a public channel, groups:read for a private one, im:read for a DM, mpim:read for a group DM), LOKET
 * needs them all, since it calls the method in every kind of conversation.
 */
export const SLACK_METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  // The «Spara i LOKET» shortcut's link to the message; Slack's reference lists no scope for it.
  'chat.getPermalink': [],
  'chat.postEphemeral': ['chat:write'],
  'chat.postMessage': ['chat:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.open': ['im:write', 'mpim:write'],
  'oauth.v2.access': [],
  'users.info': ['users:read'],
  'views.open': [],
  'views.publish': [],
};

/** Events the manifest subscribes to and the scope each needs (events about the app itself need none). */
export const SLACK_EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  app_mention: ['app_mentions:read'],
  app_uninstalled: [],
  'message.im': ['im:history'],
  tokens_revoked: [],
  user_change: ['users:read'],
};

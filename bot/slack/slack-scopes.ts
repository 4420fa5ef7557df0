// The bot scopes LOKET asks for, one reason each; manifest.json must list exactly these (a test checks),
// and the OAuth installer asks for these.
export const SLACK_BOT_SCOPES: Record<string, string> = {
  commands: 'the /loket slash command',
  'chat:write': 'replies, digests and reminders',
  'app_mentions:read': '@LOKET in a channel',
  'im:history': 'direct messages to LOKET',
  'im:write': 'opening a direct message for reminders and introductions',
  'mpim:write': 'a group DM introducing two people of the same workspace (peer exchange)',
  'channels:read': '`digest here` checks that LOKET is in a public channel',
  'groups:read': '`digest here` checks that LOKET is in a private channel',
};

export const slackBotScopes = (): string[] => Object.keys(SLACK_BOT_SCOPES);

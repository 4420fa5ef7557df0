// «Spara i LOKET» on any Slack message (issue 22): a message shortcut. LOKET asks Slack for the message's
// permalink and hands the core a `save` with the message's text (unescaped), author and link; the core
// answers with its form, opened here as a modal whose submission runs like every other LOKET form
// (slack-listeners.ts, `FORM_CALLBACK_ID`). A refusal (not in a cluster, a workspace not connected) is an
// ephemeral answer through the shortcut's response_url.
import type { AllMiddlewareArgs, App, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { IncomingMessage, ProcessIncoming } from '../../handlers/core/incoming.js';
import { deliverInteractive, postDirect } from './deliver.js';
import { guarded, type GuardDeps } from './guard.js';
import { fromSlackText } from './slack-text.js';

export const SAVE_SHORTCUT_CALLBACK_ID = 'loket_save_message';

/** The manifest's `features.shortcuts` entry (scripts/slack-manifest.ts writes it; a test compares). */
export const SAVE_SHORTCUT = {
  name: 'Spara i LOKET',
  type: 'message',
  callback_id: SAVE_SHORTCUT_CALLBACK_ID,
  description: 'Spara meddelandet som anteckning, beslut, åtgärd, behov eller erbjudande',
} as const;

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
type ShortcutDeps = GuardDeps & { core: ProcessIncoming };

export function registerSaveShortcut(app: App, deps: ShortcutDeps): void {
  const { core, logger } = deps;
  app.shortcut<MessageShortcut>({ callback_id: SAVE_SHORTCUT_CALLBACK_ID, type: 'message_action' }, guarded<ShortcutArgs>(deps, {
    handler: 'slack.shortcut',
    who: ({ body }) => ({ team: body.team?.id, user: body.user.id }),
    run: async ({ body, client, respond }, state) => {
      // Both before the form opens: its trigger_id lasts 3 s, so the two calls run side by side.
      const [link, authorName] = await Promise.all([permalink(client, body, deps), nameOf(client, body.message.user)]);
      const outcome = await core(shortcutToIncoming(body, link, authorName));
      if (outcome.kind === 'duplicate') return;
      state.language = outcome.language;
      await deliverInteractive(outcome.reply, outcome.language, {
        client, logger, respond, userId: body.user.id, teamId: body.team?.id, channelId: body.channel.id, triggerId: body.trigger_id, responseUrl: body.response_url,
      });
    },
    notify: ({ body, respond, client }, text) =>
      respond({ response_type: 'ephemeral', text }).catch(() => postDirect(client, 'private', { channelId: body.channel.id, userId: body.user.id, text, blocks: [] })),
  }));
}

/** chat.getPermalink needs no scope beyond the bot's; without it the form still opens, with no link. */
async function permalink(client: ShortcutArgs['client'], body: MessageShortcut, deps: ShortcutDeps): Promise<string | undefined> {
  try {
    const answer = await client.chat.getPermalink({ channel: body.channel.id, message_ts: body.message.ts ?? body.message_ts });
    return typeof answer.permalink === 'string' ? answer.permalink : undefined;
  } catch (error) {
    deps.logger.warn({ err: error, platform: 'slack', team: body.team?.id }, 'could not get the message permalink');
    return undefined;
  }
}

/** The author's name as Slack shows it, for the form (users:read is held); LOKET may never have met them. */
async function nameOf(client: ShortcutArgs['client'], user: unknown): Promise<string | undefined> {
  if (typeof user !== 'string' || !user) return undefined;
  try {
    const { user: found } = await client.users.info({ user });
    return found?.profile?.display_name || found?.real_name || found?.name || undefined;
  } catch {
    return undefined;
  }
}

/** The `save` a person could type: the message's lines as `note:` lines, its author as a mention or, for an
 *  app's or a workflow's message, by the name Slack shows. */
export function shortcutToIncoming(body: MessageShortcut, link: string | undefined, authorName?: string): IncomingMessage {
  const workspaceId = body.team?.id || body.user.team_id || body.enterprise?.id || '';
  const { message } = body;
  const author = typeof message.user === 'string' && message.user ? `<@${message.user}>` : botName(message);
  const head = ['save', ...(author ? [`author:"${author}"`] : []), ...(link ? [`link:"${link.replace(/"/g, '')}"`] : [])].join(' ');
  const lines = fromSlackText(typeof message.text === 'string' ? message.text : '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `note: ${line}`);
  return {
    platform: 'slack',
    workspaceId,
    userId: body.user.id,
    displayName: body.user.username || body.user.name || undefined,
    channelId: body.channel.id,
    text: [head, ...lines].join('\n'),
    deliveryKey: { source: 'slack.shortcut', key: body.trigger_id },
    ...(authorName && typeof message.user === 'string' ? { mentionNames: { [message.user]: authorName } } : {}),
  };
}

function botName(message: MessageShortcut['message']): string | undefined {
  const profile = message['bot_profile'] as { name?: unknown } | undefined;
  const name = typeof message['username'] === 'string' ? message['username'] : typeof profile?.name === 'string' ? profile.name : undefined;
  return name?.replace(/["“”,]/g, ' ').trim() || undefined;
}

// The five ways a user reaches LOKET in Slack: `/loket`, a button, a modal, an @-mention, a DM. Each one
// translates the payload, runs the core, and delivers the outcome; a 'duplicate' outcome sends nothing.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ProcessIncoming } from '../../handlers/core/incoming.js';
import type { Inbox } from '../../handlers/core/inbox.js';
import { admittingSlashCommands } from '../inbox-slack.js';
import { textReply } from '../../handlers/core/reply.js';
import { deliverInteractive, formAsButton, postDirect, postToResponseUrl } from './deliver.js';
import { decodeFormMetadata } from './form-metadata.js';
import { guarded, type GuardDeps } from './guard.js';
import { ACTION_ID_PREFIX, renderBlocks } from './render-blocks.js';
import { FORM_CALLBACK_ID, formValuesToCommand } from './render-modal.js';
import { registerSaveShortcut } from './save-shortcut.js';
import { wellFormedBody } from './well-formed-body.js';
import { actionToIncoming, commandToIncoming, eventToIncoming, stripLeadingMention, viewToIncoming } from './to-incoming.js';

export const SLASH_COMMAND = '/loket';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;
type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

export interface ListenerDeps extends GuardDeps {
  core: ProcessIncoming;
  /** Where slash commands are stored before they are acknowledged (absent: acknowledged at once). */
  inbox?: Inbox;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { core, logger } = deps;
  app.use(wellFormedBody);

  const runCommand = guarded<CommandArgs>(deps, {
    handler: 'slack.command',
    who: ({ command }) => ({ team: command.team_id, user: command.user_id }),
    run: async ({ command, respond, client }, state) => {
      // With an inbox every slash command was stored before it was acknowledged (admittingSlashCommands).
      const message = { ...commandToIncoming(command), ...(deps.inbox ? { stored: true } : {}) };
      const outcome = await core(message);
      if (outcome.kind === 'duplicate') return;
      state.language = outcome.language;
      state.answered = true;
      await deliverInteractive(outcome.reply, outcome.language, {
        client, logger, respond, userId: command.user_id, teamId: command.team_id, channelId: command.channel_id,
        triggerId: command.trigger_id, responseUrl: command.response_url,
      });
      await deps.inbox?.finished(message, outcome);
    },
    // An expired response_url must not swallow the apology.
    notify: ({ respond, command, client }, text) =>
      respond({ response_type: 'ephemeral', text }).catch(() =>
        postDirect(client, 'private', { channelId: command.channel_id, userId: command.user_id, text, blocks: [] })),
  });
  // With an inbox, the command is stored before Slack is told "got it", so a crash cannot lose it.
  app.command(SLASH_COMMAND, deps.inbox ? admittingSlashCommands({ inbox: deps.inbox, logger, language: deps.language }, runCommand) : runCommand);

  app.action({ type: 'block_actions', action_id: new RegExp(`^${ACTION_ID_PREFIX}`) }, guarded<ActionArgs>(deps, {
    handler: 'slack.action',
    who: ({ body }) => ({ team: body.team?.id, user: body.user.id }),
    run: async ({ action, body, respond, client }, state) => {
      if (action.type !== 'button' || !action.value) return;
      const outcome = await core(actionToIncoming(body, action.value, action.action_id));
      if (outcome.kind === 'duplicate') return;
      state.language = outcome.language;
      state.answered = true;
      const channelId = body.channel?.id;
      await deliverInteractive(outcome.reply, outcome.language, {
        client, logger, userId: body.user.id, teamId: body.team?.id, channelId, triggerId: body.trigger_id,
        // A button inside a modal has no response_url; then the answer goes to the user directly.
        ...(body.response_url ? { respond, responseUrl: body.response_url, replaceOriginal: false as const } : {}),
      });
    },
    notify: ({ body, respond, client }, text) =>
      body.response_url
        ? respond({ response_type: 'ephemeral', replace_original: false, text })
        : postDirect(client, 'private', { channelId: body.channel?.id, userId: body.user.id, text, blocks: [] }),
  }));

  // A button LOKET does not know (another app's, or one from an old message) is acknowledged so Slack shows
  // no error, and ignored.
  app.action({ type: 'block_actions', action_id: new RegExp(`^(?!${ACTION_ID_PREFIX})`) }, async ({ ack }) => {
    await ack();
  });

  app.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, guarded<ViewArgs>(deps, {
    handler: 'slack.view',
    who: ({ body }) => ({ team: body.team?.id, user: body.user.id }),
    run: async ({ body, view, client }, state) => {
      const metadata = decodeFormMetadata(view.private_metadata);
      const text = formValuesToCommand(metadata.verb, view.state.values);
      const outcome = await core(viewToIncoming(body, metadata, text));
      if (outcome.kind === 'duplicate') return;
      state.language = outcome.language;
      state.answered = true;
      // No trigger_id: the modal is already closing, so a form in the answer is rendered as text.
      await deliverInteractive(outcome.reply, outcome.language, {
        client, logger, userId: body.user.id, teamId: body.team?.id, channelId: metadata.channelId, responseUrl: metadata.responseUrl,
      });
    },
    notify: async ({ body, view, client }, text) => {
      const metadata = safeMetadata(view.private_metadata);
      if (metadata?.responseUrl) return postToResponseUrl(metadata.responseUrl, { response_type: 'ephemeral', text });
      return postDirect(client, 'private', { channelId: metadata?.channelId, userId: body.user.id, text, blocks: [] });
    },
  }));

  // «Spara i LOKET» on a message opens the `save` form; its submission is the view above.
  registerSaveShortcut(app, deps);

  app.event('app_mention', guarded<MentionArgs>(deps, {
    handler: 'slack.mention',
    who: ({ body, event }) => ({ team: body.team_id, user: event.user }),
    run: async ({ body, event, client }, state) => {
      // A signed event with mistyped fields is nobody's message (found by fuzzing): ignore it like a bot's.
      if (typeof event.user !== 'string' || typeof event.channel !== 'string' || typeof event.text !== 'string') return;
      if (!event.user || event.bot_id || !isPersonTalking(event)) return;
      const outcome = await core(eventToIncoming({
        teamId: body.team_id, enterpriseId: body.enterprise_id, eventId: body.event_id, user: event.user,
        channel: event.channel, ts: stringOrUndefined(event.ts), text: stripLeadingMention(event.text),
        userTeam: stringOrUndefined((event as { user_team?: unknown }).user_team),
      }));
      if (outcome.kind === 'duplicate') return;
      state.language = outcome.language;
      state.answered = true;
      const { text, blocks } = renderBlocks(formAsButton(outcome.reply));
      // A channel answer goes in the thread of the mention, so a busy channel is not flooded.
      const threadTs = outcome.reply.visibility === 'channel' ? event.thread_ts ?? event.ts : event.thread_ts;
      await postDirect(client, outcome.reply.visibility, { channelId: event.channel, userId: event.user, threadTs, text, blocks });
    },
    notify: ({ event, client }, text) =>
      postDirect(client, 'private', { channelId: event.channel, userId: event.user ?? '', threadTs: event.thread_ts, text, blocks: [] }),
  }));

  app.event('message', guarded<MessageArgs>(deps, {
    handler: 'slack.dm',
    who: ({ body, event }) => ({ team: body.team_id, user: 'user' in event ? event.user : undefined }),
    run: async ({ body, event, client }, state) => {
      // Only what a person typed in a DM with LOKET; edits, deletions, joins and bot messages carry another
      // subtype or a bot_id.
      if (event.channel_type !== 'im' || !isPersonMessage(event) || ('bot_id' in event && event.bot_id) || !event.user) return;
      if (typeof event.user !== 'string' || typeof event.channel !== 'string' || (event.text !== undefined && typeof event.text !== 'string')) return;
      const outcome = await core(eventToIncoming({
        teamId: body.team_id, enterpriseId: body.enterprise_id, eventId: body.event_id, user: event.user,
        channel: event.channel, channelType: 'im', ts: stringOrUndefined(event.ts), text: stripLeadingMention(event.text ?? ''),
      }));
      if (outcome.kind === 'duplicate') return;
      state.language = outcome.language;
      state.answered = true;
      const { text, blocks } = renderBlocks(formAsButton(outcome.reply));
      await client.chat.postMessage({ channel: event.channel, text, blocks, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) });
    },
    notify: ({ event, client }, text) => client.chat.postMessage({ channel: event.channel, ...renderBlocks(textReply(text)) }),
  }));
}

// A person writing to LOKET: a plain message, one with a file, or a thread reply also sent to the
// conversation. Not an edit (message_changed; an edited mention comes again with the same ts and is a
// duplicate by its key), a deletion, a join, a bot's message, nor a mention in a canvas (document_mention).
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

function isPersonTalking(event: { subtype?: unknown }): boolean {
  return PERSON_SUBTYPES.has(event.subtype as string | undefined);
}

type PersonMessage = Extract<MessageArgs['event'], { subtype: undefined | 'file_share' | 'thread_broadcast' }>;

function isPersonMessage(event: MessageArgs['event']): event is PersonMessage {
  return isPersonTalking(event);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function safeMetadata(text: string) {
  try {
    return decodeFormMetadata(text);
  } catch {
    return undefined;
  }
}

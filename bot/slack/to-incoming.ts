// Slack payloads → IncomingMessage. Ids only; the core resolves people and programmes itself.
import type { BlockAction, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import type { IncomingConversation, IncomingMessage } from '../../handlers/core/incoming.js';
import { CHOICE_DELIVERY_SOURCE } from '../../handlers/core/reply.js';
import type { FormMetadata } from './form-metadata.js';
import { ONCE_SEPARATOR } from './render-blocks.js';
import { fromSlackText } from './slack-text.js';

/** The parts of an Events API envelope and event that LOKET reads. */
export interface SlackEventInput {
  teamId?: string;
  enterpriseId?: string;
  /** Slack Connect: the workspace of the person talking (`user_team`), when it is not the channel's. */
  userTeam?: string;
  eventId: string;
  user: string;
  channel: string;
  channelType?: string;
  /** The message's ts: with the channel it names the message, whatever event carries it. */
  ts?: string;
  /** As Slack sent it (escaped, links in `<…>`); made plain here. */
  text: string;
}

// A bot mention is `<@U…>` (or `<@U…|name>` from older clients), possibly followed by `:` or `,`.
const LEADING_MENTION = /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s:,]*/;

/** Removes the mention that addressed LOKET, so `@LOKET help` reads as `help`. Any user id is accepted:
 *  the bot's own id may not be known yet when Slack's Web API was unreachable at start-up. */
export function stripLeadingMention(text: string): string {
  return text.replace(LEADING_MENTION, '').trim();
}

export function commandToIncoming(command: SlashCommand): IncomingMessage {
  const workspaceId = command.team_id || command.enterprise_id || '';
  return {
    platform: 'slack',
    workspaceId,
    userId: command.user_id,
    displayName: command.user_name || undefined,
    channelId: command.channel_id,
    text: fromSlackText(command.text ?? ''),
    deliveryKey: { source: 'slack.command', key: command.trigger_id },
    conversation: conversation(workspaceId, command.channel_id, typeFromChannelName(command.channel_name)),
  };
}

/** `text` is the button's value: LOKET's own command text, which Slack returns verbatim (not escaped). */
export function actionToIncoming(body: BlockAction, text: string, actionId = ''): IncomingMessage {
  const workspaceId = body.team?.id || body.user.team_id || body.enterprise?.id || '';
  // A click from a view (App Home, a modal) has no channel, and a malformed payload may lack its container.
  const channelId = body.channel?.id ?? (body.container?.['channel_id'] as string | undefined);
  return {
    platform: 'slack',
    workspaceId,
    userId: body.user.id,
    displayName: body.user.username || body.user.name || undefined,
    channelId,
    text,
    deliveryKey: onceKey(actionId) ?? { source: 'slack.action', key: body.trigger_id },
    ...(channelId ? { conversation: conversation(workspaceId, channelId, typeFromChannelId(channelId, body.channel?.name)) } : {}),
  };
}

/** `text` is built from the modal's values, which Slack does not escape (plain_text_input, selects, dates). */
export function viewToIncoming(body: ViewSubmitAction, metadata: FormMetadata, text: string): IncomingMessage {
  const workspaceId = body.team?.id || body.user.team_id || body.view.team_id || body.enterprise?.id || metadata.teamId || '';
  return {
    platform: 'slack',
    workspaceId,
    userId: body.user.id,
    displayName: body.user.name || undefined,
    channelId: metadata.channelId,
    text,
    fromForm: true,
    deliveryKey: { source: 'slack.view', key: `${body.view.id}:${body.view.hash}` },
  };
}

export function eventToIncoming(input: SlackEventInput): IncomingMessage {
  // A person from another organisation in a shared channel belongs to their own workspace, whose
  // programme membership decides what they may do (Slack Connect).
  const workspaceId = input.userTeam || input.teamId || input.enterpriseId || '';
  return {
    platform: 'slack',
    workspaceId,
    userId: input.user,
    channelId: input.channel,
    text: fromSlackText(input.text),
    deliveryKey: messageKey(input),
    conversation: conversation(workspaceId, input.channel, typeFromChannelType(input.channelType, input.channel)),
  };
}

// An edited message comes again with a new event_id but the same ts (an `app_mention` with `edited`), and
// one message can come as two events (a mention in a DM: `app_mention` and `message.im`): the key names the
// message, (team, channel, ts), so it acts once. A redelivery carries the same ts, so this one key also
// covers what event_id did, in the same single claim. A ts is unique within its channel.
export const MESSAGE_SOURCE = 'slack.message';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function messageKey(input: SlackEventInput): NonNullable<IncomingMessage['deliveryKey']> {
  if (!input.ts) return { source: 'slack.event', key: input.eventId };
  // The workspace that received the event (the channel's), not the sender's (Slack Connect).
  const team = input.teamId || input.enterpriseId || '';
  // Ids from a signed but malformed payload may carry lone surrogates or NULs, which Postgres refuses in text.
  return { source: MESSAGE_SOURCE, key: `${team}:${input.channel}:${input.ts}`.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '') };
}

function conversation(teamId: string, channelId: string, type: IncomingConversation['type']): IncomingConversation {
  return { id: channelId, type, reference: { teamId, channelId } };
}

function typeFromChannelType(channelType: string | undefined, channelId: string): IncomingConversation['type'] {
  if (channelType === 'im') return 'personal';
  if (channelType === 'mpim') return 'groupChat';
  return channelType ? 'channel' : typeFromChannelId(channelId);
}

// Slash commands name the conversation instead of typing it: `directmessage`, `mpdm-a--b-1`, `privategroup`.
function typeFromChannelName(name: string | undefined): IncomingConversation['type'] {
  if (name === 'directmessage') return 'personal';
  if (name?.startsWith('mpdm-')) return 'groupChat';
  return 'channel';
}

function typeFromChannelId(channelId: string, name?: string): IncomingConversation['type'] {
  if (channelId.startsWith('D')) return 'personal';
  return name ? typeFromChannelName(name) : 'channel';
}

/** A button of a one-click question (ReplyButton.once) is known by the question, not by the click. */
function onceKey(actionId: string): IncomingMessage['deliveryKey'] {
  const at = actionId.indexOf(ONCE_SEPARATOR);
  return at < 0 ? undefined : { source: CHOICE_DELIVERY_SOURCE, key: actionId.slice(at + ONCE_SEPARATOR.length) };
}

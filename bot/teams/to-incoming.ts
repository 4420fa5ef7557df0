// Teams message activity → the platform-neutral IncomingMessage the core takes.
import type { IncomingConversation, IncomingMessage, Language } from '../../handlers/core/incoming.js';
import { CHOICE_DELIVERY_SOURCE } from '../../handlers/core/reply.js';
import { formDataToCommand } from './render-form.js';
import { mentionNames, toCommandText, type TextActivityLike } from './to-command-text.js';

/** The parts of a Teams message activity LOKET reads (the SDK's MessageActivity and recorded JSON both fit). */
export interface TeamsMessageActivity extends TextActivityLike {
  id?: string;
  type: string;
  locale?: string;
  serviceUrl?: string;
  from: { id: string; name?: string; aadObjectId?: string };
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  channelData?: { tenant?: { id?: string } } & Record<string, unknown>;
  value?: unknown;
}

export type CommandSource = 'text' | 'button' | 'form';

/**
 * The command text of a message: a card button's `loketCommand`, a card form's values rebuilt into text,
 * or the typed text. Undefined when the activity carries nothing LOKET can read (e.g. only a file).
 */
export function commandTextOf(activity: TeamsMessageActivity): { text: string; source: CommandSource } | undefined {
  const value = activity.value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const data = value as Record<string, unknown>;
    if (typeof data.loketCommand === 'string') return { text: data.loketCommand.trim(), source: 'button' };
    if (typeof data.loketForm === 'string') return { text: formDataToCommand(data.loketForm, data), source: 'form' };
  }
  // Empty raw text is a file or a reaction, not a question; a bare `@LOKET` is not empty and gets help.
  if (typeof activity.text === 'string' && activity.text.trim()) return { text: toCommandText(activity), source: 'text' };
  return undefined;
}

export function tenantOf(activity: TeamsMessageActivity): string | undefined {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
}

// The `29:` id, not the AAD object id: Teams mention entities carry only the `29:` id, and LOKET_ADMINS
// names Teams people as `teams:29:…`. Keying people by the AAD id would make a mentioned colleague a
// different person from the same colleague writing to LOKET.
export function userOf(activity: TeamsMessageActivity): string {
  return activity.from.id;
}

export function languageOf(activity: TeamsMessageActivity): Language {
  return activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

export function toIncoming(options: {
  activity: TeamsMessageActivity;
  text: string;
  /** The conversation reference the SDK built for this activity (serviceUrl, conversation, bot, user …). */
  reference: Record<string, unknown>;
  /** Used only when Teams sent no tenant at all (the Bot Framework Emulator does that). */
  fallbackTenantId: string;
}): IncomingMessage {
  const { activity, text, reference } = options;
  const names = mentionNames(activity);
  return {
    platform: 'teams',
    workspaceId: tenantOf(activity) ?? options.fallbackTenantId,
    userId: userOf(activity),
    ...(activity.from.name ? { displayName: activity.from.name } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
    text,
    ...(onceKey(activity) ?? (activity.id ? { deliveryKey: { source: 'teams.activity', key: activity.id } } : {})),
    channelId: channelConversationId(activity.conversation),
    ...(Object.keys(names).length ? { mentionNames: names } : {}),
    conversation: toConversationOf(activity, reference),
  };
}

export function toConversationOf(activity: TeamsMessageActivity, reference: Record<string, unknown>): IncomingConversation {
  const serviceUrl = activity.serviceUrl ?? (typeof reference.serviceUrl === 'string' ? reference.serviceUrl : undefined);
  // The team a channel belongs to, kept with the reference: removing LOKET from a team must forget every
  // channel of it, and a channel's id does not name its team.
  const teamId = (activity.channelData?.team as { id?: unknown } | undefined)?.id;
  const id = channelConversationId(activity.conversation);
  // A plain JSON copy: the stored reference must not carry SDK class instances.
  const stored = JSON.parse(JSON.stringify(reference)) as Record<string, unknown>;
  const storedConversation = stored.conversation as Record<string, unknown> | undefined;
  return {
    id,
    type: conversationType(activity.conversation),
    ...(serviceUrl ? { serviceUrl } : {}),
    reference: { ...stored, ...(storedConversation ? { conversation: { ...storedConversation, id } } : {}), ...(typeof teamId === 'string' ? { teamId } : {}) },
  };
}

/**
 * In a Teams channel, a message in a thread arrives with the channel's id plus `;messageid=<thread root>`.
 * What LOKET keeps is about the channel: a digest subscribed from inside a thread is posted to the channel
 * as a new post, not buried in that thread, and `digest off` in another thread finds it. The reply to the
 * message itself still goes into its thread (the SDK answers on the activity's own conversation).
 */
export function channelConversationId(conversation: TeamsMessageActivity['conversation']): string {
  return conversation.conversationType === 'channel' ? conversation.id.split(';', 1)[0]! : conversation.id;
}

function conversationType(conversation: TeamsMessageActivity['conversation']): IncomingConversation['type'] {
  const type = conversation.conversationType;
  if (type === 'personal' || type === 'channel' || type === 'groupChat') return type;
  return conversation.isGroup ? 'groupChat' : 'personal';
}

/** A button of a one-click question (ReplyButton.once) is known by the question, not by the click. */
function onceKey(activity: TeamsMessageActivity): Pick<IncomingMessage, 'deliveryKey'> | undefined {
  const value = activity.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const once = (value as Record<string, unknown>).loketOnce;
  return typeof once === 'string' && once ? { deliveryKey: { source: CHOICE_DELIVERY_SOURCE, key: once } } : undefined;
}

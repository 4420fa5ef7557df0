// Rendered replies → Slack: response_url for commands and buttons, a modal when the reply is a form,
// chat.postEphemeral / chat.postMessage for events. Transport only; nothing here decides what to say.
import type { RespondFn, webApi } from '@slack/bolt';
import type { Language } from '../../handlers/core/incoming.js';
import type { Reply } from '../../handlers/core/reply.js';
import { encodeFormMetadata, type FormMetadata } from './form-metadata.js';
import { renderBlocks } from './render-blocks.js';
import { renderModal } from './render-modal.js';
import type { Logger } from '../logger.js';

type WebClient = webApi.WebClient;

/** Where an interactive reply (slash command, button, modal) can go. */
export interface InteractiveTarget {
  client: WebClient;
  logger: Logger;
  userId: string;
  teamId?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl?: string;
  respond?: RespondFn;
  /** Buttons answer in a new message; Slack would otherwise be free to replace the one clicked. */
  replaceOriginal?: false;
}

export async function deliverInteractive(reply: Reply, language: Language, target: InteractiveTarget): Promise<void> {
  if (reply.form && target.triggerId && (await openForm(reply, language, target))) return;
  const { text, blocks } = renderBlocks(withoutForm(reply));
  const message = {
    response_type: reply.visibility === 'channel' ? ('in_channel' as const) : ('ephemeral' as const),
    text,
    blocks,
    ...(target.replaceOriginal === false ? { replace_original: false } : {}),
  };
  if (target.respond) {
    await target.respond(message);
    return;
  }
  if (target.responseUrl) {
    await postToResponseUrl(target.responseUrl, message);
    return;
  }
  await postDirect(target.client, reply.visibility, { channelId: target.channelId, userId: target.userId, text, blocks });
}

/** A modal needs a trigger_id that Slack keeps for 3 s; when opening fails, the text form still answers. */
async function openForm(reply: Reply, language: Language, target: InteractiveTarget): Promise<boolean> {
  const form = reply.form;
  if (!form || !target.triggerId) return false;
  const metadata: FormMetadata = {
    verb: form.verb,
    userId: target.userId,
    teamId: target.teamId,
    channelId: target.channelId,
    responseUrl: target.responseUrl,
  };
  try {
    await target.client.views.open({ trigger_id: target.triggerId, view: renderModal(form, language, encodeFormMetadata(metadata)) });
    return true;
  } catch (error) {
    target.logger.warn({ err: error, platform: 'slack', team: target.teamId, user: target.userId }, 'could not open the Slack modal; answering with text');
    return false;
  }
}

// The form is rendered as a modal or, where no modal can open, left to the reply's own text.
function withoutForm(reply: Reply): Reply {
  if (!reply.form) return reply;
  const { form: _form, ...rest } = reply;
  return rest;
}

/** For events there is no trigger_id, so a form becomes a button that asks for it again from a click. */
export function formAsButton(reply: Reply): Reply {
  if (!reply.form) return reply;
  const { form, ...rest } = reply;
  return { ...rest, buttons: [...(reply.buttons ?? []), { label: form.title, command: form.verb, style: 'primary' }] };
}

export async function postToResponseUrl(url: string, message: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message) });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}

export interface DirectTarget {
  channelId?: string;
  userId: string;
  threadTs?: string;
  text: string;
  blocks: ReturnType<typeof renderBlocks>['blocks'];
}

/** Private → ephemeral to the user in the channel (or their DM when there is no channel); channel → a message. */
export async function postDirect(client: WebClient, visibility: Reply['visibility'], target: DirectTarget): Promise<void> {
  const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
  // An apology has no blocks; an empty blocks array is not worth a Slack validation error.
  const content = { text: target.text, ...(target.blocks.length ? { blocks: target.blocks } : {}) };
  if (!target.channelId) {
    // Posting to a user id lands in the app's DM with that user.
    await client.chat.postMessage({ channel: target.userId, ...content });
    return;
  }
  if (visibility === 'private' && !target.channelId.startsWith('D')) {
    await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...content, ...thread });
    return;
  }
  await client.chat.postMessage({ channel: target.channelId, ...content, ...thread });
}

// What an adapter hands to the core: a message from one person in one workspace, already stripped of
// platform types. The core answers with an Outcome; the adapter renders it.
import type { Reply } from './reply.js';

import type { Platform } from '../../db/schema/workspaces.js';

export type { Platform };
export type Language = 'sv' | 'en';

export interface IncomingMessage {
  platform: Platform;
  /** Slack team id, Teams tenant id, or `local` for the console. */
  workspaceId: string;
  /** Slack user id, Teams AAD object id / `29:` id, or the console person's handle. */
  userId: string;
  displayName?: string;
  /** The platform's locale for the user when it tells (e.g. `sv-SE`, `en-US`). */
  locale?: string;
  /** The message text after `/loket` or the bot mention was removed. */
  text: string;
  /** Rebuilt from a submitted form (a Slack modal, a Teams card): a field left empty is absent from the text,
   *  where a typed command leaves out only what the person does not mean to change. */
  fromForm?: boolean;
  /** Idempotency key of the delivery (Slack event_id / trigger_id, Teams activity.id); absent in the console. */
  deliveryKey?: { source: string; key: string };
  /** Taken through the inbox (handlers/core/inbox.ts): the core keeps the answer in the inbox row, in the
   *  same commit as the command's effect. Other deliveries have no row, so they skip that write. */
  stored?: boolean;
  /** Where the message came from, for replies posted to the channel and for digests. */
  channelId?: string;
  /** Names the platform resolved for mentions in the text: `<@ID>` → display name. */
  mentionNames?: Record<string, string>;
  /** The conversation the message came from, stored by the core (once the workspace's programme is
   *  known) so that reminders and digests can be sent proactively later (Teams needs the reference). */
  conversation?: IncomingConversation;
}

export interface IncomingConversation {
  id: string;
  type: 'personal' | 'channel' | 'groupChat';
  serviceUrl?: string;
  reference: Record<string, unknown>;
}

export type Outcome =
  | { kind: 'reply'; reply: Reply; language: Language }
  /** The delivery was processed before: do nothing, reply nothing. */
  | { kind: 'duplicate' };

/** The single entry point of the core, implemented by createCore() in handlers/core/run-command.ts. */
export type ProcessIncoming = (message: IncomingMessage) => Promise<Outcome>;

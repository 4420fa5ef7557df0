// Proactive Teams posts through the adapter's send() with the stored conversation reference. A bot can
// message a person only in a 1:1 chat it already has; without one, the person is @mentioned in a channel of
// their tenant that gets the digest instead, so Teams still notifies them.
import type { Logger } from 'pino';
import type { Reply } from '../../handlers/core/reply.js';
import { t } from '../../handlers/i18n/index.js';
import { DeliveryError, type ChannelTarget, type Delivery, type Notifier, type PersonTarget } from '../../handlers/core/notifier.js';
import { mentionMarkup } from './adaptive-card.js';
import { connectorFailure } from './deliver.js';
import type { TeamsAdapter } from './teams-adapter.js';

export function createTeamsNotifier(options: { send: TeamsAdapter['send']; logger: Logger; language: 'sv' | 'en' }): Notifier {
  const deliver = async (reference: Record<string, unknown> | undefined, reply: Reply, mention?: { id: string; name: string }): Promise<Delivery> => {
    if (!reference) throw new DeliveryError('gone', 'teams: no stored conversation reference');
    try {
      // The adapter's send retries 429/503 itself (bounded) and does not hand back the activity id.
      await options.send(reference, reply, mention);
      return {};
    } catch (error) {
      throw toDeliveryError(error);
    }
  };
  return {
    handles: (platform) => platform === 'teams',
    postToChannel: (target: ChannelTarget, reply: Reply) => deliver(target.reference, reply),
    async sendDirect(person: PersonTarget, reply: Reply) {
      if (person.reference) return deliver(person.reference, reply);
      if (!person.fallbackChannel?.reference) throw new DeliveryError('gone', 'teams: no 1:1 chat and no channel to mention the person in');
      options.logger.info({ user: person.userId }, 'teams: no 1:1 chat with the person; mentioning them in the channel instead');
      const mention = { id: person.userId, name: person.displayName };
      return deliver(person.fallbackChannel.reference, mentioning(mentionMarkup(mention.name), reply, options.language), mention);
    },
  };
}

/** The reply, addressed to the person at the top (a channel post instead of a 1:1 chat). */
function mentioning(name: string, reply: Reply, language: 'sv' | 'en'): Reply {
  const [first, ...rest] = reply.blocks;
  const prefix = t(language, 'reminder.mention', { name });
  if (first?.type === 'text') return { ...reply, visibility: 'channel', blocks: [{ type: 'text', text: `${prefix}${first.text}` }, ...rest] };
  return { ...reply, visibility: 'channel', blocks: [{ type: 'text', text: prefix.trim() }, ...reply.blocks] };
}

/** 403/404: the bot was removed or the conversation is gone. Other answers are certain failures; no
 *  answer at all may mean the activity was created, so it is unknown. */
function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const { status } = connectorFailure(error);
  if (status === 403 || status === 404) return new DeliveryError('gone', `teams: HTTP ${status}`);
  if (status !== undefined) return new DeliveryError('failed', `teams: HTTP ${status}`);
  return new DeliveryError('unknown', `teams: ${String((error as Error)?.message ?? error)}`);
}

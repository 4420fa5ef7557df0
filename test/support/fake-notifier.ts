// An in-memory Notifier for the scheduled-job tests: records every send and can be told how the next
// sends end (certain failure, bot removed, unknown outcome).
import { renderPlainText, type Reply } from '../../handlers/core/reply.js';
import { DeliveryError, type ChannelTarget, type Notifier, type PersonTarget } from '../../handlers/core/notifier.js';

export interface SentMessage {
  kind: 'channel' | 'direct';
  to: string;
  target: ChannelTarget | PersonTarget;
  reply: Reply;
  text: string;
}

export interface FakeNotifier extends Notifier {
  sent: SentMessage[];
  failNext(kind: DeliveryError['kind'], times?: number): void;
  to(id: string): SentMessage[];
}

export function createFakeNotifier(): FakeNotifier {
  const sent: SentMessage[] = [];
  const failures: DeliveryError['kind'][] = [];
  let counter = 0;
  const record = async (kind: SentMessage['kind'], to: string, target: ChannelTarget | PersonTarget, reply: Reply) => {
    const failure = failures.shift();
    if (failure) throw new DeliveryError(failure, `fake ${failure}`);
    sent.push({ kind, to, target, reply, text: renderPlainText(reply) });
    return { messageId: `m${++counter}` };
  };
  return {
    sent,
    handles: (platform) => platform === 'slack' || platform === 'teams',
    postToChannel: (target, reply) => record('channel', target.channelId, target, reply),
    sendDirect: (person, reply) => record('direct', person.userId, person, reply),
    failNext: (kind, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(kind);
    },
    to: (id) => sent.filter((m) => m.to === id),
  };
}

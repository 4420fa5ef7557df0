// How to reach a person proactively: their 1:1 chat if LOKET has one, else (Teams) a mention in a
// channel of their workspace that gets the digest.
import type { Person } from '../../db/people.repository.js';
import type { Repositories } from '../../db/repositories.js';
import type { PersonTarget } from './notifier.js';

export async function personTarget(repos: Repositories, programmeId: string, person: Person): Promise<PersonTarget | undefined> {
  if (person.platform !== 'slack' && person.platform !== 'teams') return undefined;
  const platform = person.platform;
  const { conversation } = await repos.conversations.findPersonal(programmeId, platform, person.userId);
  const base = { platform, workspaceId: person.workspaceExternalId, userId: person.userId, displayName: person.displayName };
  if (conversation) return { ...base, reference: conversation.reference };
  // No cluster has a channel of its own in the schema yet; the programme's digest channel in the
  // person's workspace is where the cluster's people already read LOKET.
  const { subscriptions } = await repos.digests.listActive(programmeId);
  const channel = subscriptions.find((s) => s.platform === platform && s.workspaceExternalId === person.workspaceExternalId);
  if (!channel) return base;
  const { conversation: channelConversation } = await repos.conversations.find(programmeId, platform, channel.channelId);
  const fallbackChannel = { platform, workspaceId: channel.workspaceExternalId, channelId: channel.channelId, ...(channelConversation ? { reference: channelConversation.reference } : {}) };
  return { ...base, fallbackChannel };
}

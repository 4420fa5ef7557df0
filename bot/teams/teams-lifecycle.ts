// Teams activities that are not messages: LOKET installed (a personal install gets the welcome card, the
// same start page as Slack's App Home), and LOKET uninstalled or removed from a team (stored conversation
// references forgotten, digests there turned off). Teams sends an installationUpdate and a
// conversationUpdate for the same install or removal, so both are read and each effect happens once.
import { createInstallations, type InstallationRemoval, type Installations } from '../../handlers/core/installations.js';
import type { Outcome } from '../../handlers/core/incoming.js';
import { createRunForPerson, type IdentifiedPerson } from '../../handlers/core/run-for-person.js';
import type { CoreDeps } from '../../handlers/core/run-command.js';
import { home } from '../../handlers/programme/home.js';
import type { Logger } from '../logger.js';
import { tenantOf, toConversationOf, type TeamsMessageActivity } from './to-incoming.js';

export interface TeamsLifecycleDeps {
  installations: Installations;
  /** The person's start page (handlers/programme/home.ts), through the same person resolution as a command. */
  welcome(person: IdentifiedPerson): Promise<Outcome>;
}

/** The parts of installationUpdate / conversationUpdate activities LOKET reads (recorded JSON fits). */
export interface TeamsLifecycleActivity extends Omit<TeamsMessageActivity, 'from' | 'text' | 'channelData'> {
  action?: string;
  from?: { id: string; name?: string };
  recipient?: { id: string };
  membersAdded?: { id: string }[];
  membersRemoved?: { id: string }[];
  channelData?: { tenant?: { id?: string }; team?: { id?: string }; eventType?: string } & Record<string, unknown>;
}

export type LifecycleEvent =
  | { kind: 'installed'; personal: boolean }
  | { kind: 'removed'; removal: Omit<InstallationRemoval, 'platform' | 'workspaceExternalId'> }
  | { kind: 'none' };

const TEAM_DELETED = new Set(['teamDeleted', 'teamHardDeleted']);

/** What an activity means for LOKET's installation; upgrades and other people joining mean nothing. */
export function lifecycleEventOf(activity: TeamsLifecycleActivity): LifecycleEvent {
  const botId = activity.recipient?.id;
  const type = activity.conversation.conversationType ?? 'personal';
  const personal = type === 'personal';
  const teamId = activity.channelData?.team?.id ?? (type === 'channel' ? activity.conversation.id.split(';', 1)[0] : undefined);
  const whole = (reason: InstallationRemoval['reason']): LifecycleEvent => ({
    kind: 'removed',
    removal: { conversationIds: [activity.conversation.id], ...(type === 'channel' && teamId ? { teamId } : {}), reason, scope: type === 'channel' ? 'team' : type },
  });
  if (activity.type === 'installationUpdate') {
    if (activity.action === 'add') return { kind: 'installed', personal };
    if (activity.action === 'remove') return whole('uninstalled');
    return { kind: 'none' };
  }
  if (activity.type !== 'conversationUpdate') return { kind: 'none' };
  if (activity.channelData?.eventType && TEAM_DELETED.has(activity.channelData.eventType)) return whole('team_deleted');
  if (botId && activity.membersRemoved?.some((m) => m.id === botId)) return whole(personal ? 'uninstalled' : 'removed_from_team');
  if (botId && activity.membersAdded?.some((m) => m.id === botId)) return { kind: 'installed', personal };
  return { kind: 'none' };
}

export interface LifecycleContext {
  activity: TeamsLifecycleActivity;
  reference: Record<string, unknown>;
  send(reply: Outcome & { kind: 'reply' }): Promise<void>;
}

export function createLifecycleHandler(deps: TeamsLifecycleDeps & { log: Logger; fallbackTenantId: string }) {
  return async function handleLifecycle({ activity, reference, send }: LifecycleContext): Promise<void> {
    const event = lifecycleEventOf(activity);
    if (event.kind === 'none') return;
    const workspaceId = tenantOf(activity as TeamsMessageActivity) ?? deps.fallbackTenantId;
    const context = { platform: 'teams', workspace: workspaceId, handler: `teams.${activity.type}`, activityId: activity.id };
    if (event.kind === 'removed') {
      const result = await deps.installations.removed({ platform: 'teams', workspaceExternalId: workspaceId, ...event.removal });
      deps.log.info({ ...context, programme: result.programmeId, ...event.removal, removed: result }, 'teams: LOKET removed');
      return;
    }
    const userId = activity.from?.id;
    // The welcome first: it connects the first workspace of a fresh deployment, as a first command does,
    // so the 1:1 chat can then be stored under that programme.
    const outcome = event.personal && userId ? await deps.welcome(personOf(activity, workspaceId, userId)) : undefined;
    const conversation = toConversationOf(activity as TeamsMessageActivity, reference);
    const { stored, first } = await deps.installations.opened({ platform: 'teams', workspaceId, userId, conversation });
    deps.log.info({ ...context, personal: event.personal, stored, first }, 'teams: LOKET installed');
    if (outcome?.kind === 'reply' && first) await send(outcome);
  };
}

function personOf(activity: TeamsLifecycleActivity, workspaceId: string, userId: string): IdentifiedPerson {
  return {
    platform: 'teams',
    workspaceId,
    userId,
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    // The person's Teams locale decides the welcome's language until they set `profile lang:`.
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

/** The production wiring: installs and removals on the database, the welcome from handlers/programme/home.ts. */
export function createTeamsLifecycle(deps: CoreDeps): TeamsLifecycleDeps {
  const runForPerson = createRunForPerson(deps);
  return { installations: createInstallations(deps), welcome: (person) => runForPerson(person, home, 'home') };
}

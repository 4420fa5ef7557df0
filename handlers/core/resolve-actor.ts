import type { ActorFacts, Person } from '../../db/people.repository.js';
import type { Repositories } from '../../db/repositories.js';
import { toLanguage } from '../i18n/index.js';
import type { Actor } from './actor.js';
import type { Clock, CoreSettings } from './context.js';
import type { IncomingMessage } from './incoming.js';

interface ResolveDeps {
  clock: Clock;
  settings: CoreSettings;
}

/**
 * The workspace a message came from. The console always belongs to the default programme; the first
 * Slack or Teams workspace to reach a fresh deployment is connected to it too; any later one waits for
 * `programme join <code>` (docs/architecture.md "Programmes, workspaces and people").
 */
export async function resolveWorkspace(message: IncomingMessage, repos: Repositories, { clock, settings }: ResolveDeps) {
  const { workspace } = await repos.workspaces.ensure(message.platform, message.workspaceId);
  if (workspace.programmeId) return { workspace };
  await repos.workspaces.lockFirstConnection();
  const { programme } = await repos.programmes.ensureDefault(settings.defaultProgrammeName);
  const isFirst = message.platform === 'console' || (await repos.workspaces.countPlatformWorkspaces(programme.id)).total === 0;
  if (!isFirst) return { workspace };
  const connected = await repos.workspaces.connect(workspace.id, programme.id, clock.now());
  await repos.audit.record({ programmeId: programme.id, actorId: null, action: 'workspace.connect', subjectType: 'workspace', subjectId: workspace.id, detail: { platform: message.platform, externalId: message.workspaceId, first: true }, at: clock.now() });
  return connected;
}

/** The person behind a message, their language and roles. Configured admins become managers here. */
export async function resolveActor(message: IncomingMessage, programmeId: string, repos: Repositories, { clock, settings }: ResolveDeps, readAlready?: ActorFacts): Promise<Actor> {
  const now = clock.now();
  const identity = { programmeId, platform: message.platform, workspaceExternalId: message.workspaceId, userId: message.userId };
  // One read for a person LOKET knows by the name it has (nearly every message), usually made already
  // together with the workspace's (readAlready); writes only for a person met for the first time, a changed
  // name, or a configured admin not yet manager.
  let facts = readAlready?.person.programmeId === programmeId ? readAlready : (await repos.people.actorFacts(identity)).facts;
  if (!facts || nameChanged(facts.person, message.displayName)) {
    await repos.people.upsert(identity, message.displayName, now);
    facts = (await repos.people.actorFacts(identity)).facts!;
  }
  const isAdmin = settings.admins.some((a) => a.platform === message.platform && a.userId === message.userId);
  if (isAdmin && !facts.roles.includes('manager')) {
    const { granted } = await repos.programmeRoles.grant(programmeId, facts.person.id, 'manager', null, now);
    if (granted) await repos.audit.record({ programmeId, actorId: null, action: 'role.grant', subjectType: 'person', subjectId: facts.person.id, detail: { role: 'manager', by: 'configuration' }, at: now });
    facts = { ...facts, roles: [...facts.roles, 'manager'] };
  }
  const { person, roles, memberships } = facts;
  return {
    personId: person.id,
    programmeId,
    programmeName: facts.programmeName,
    platform: message.platform,
    workspaceId: message.workspaceId,
    userId: message.userId,
    displayName: person.displayName,
    language: person.language ?? toLanguage(message.locale) ?? settings.defaultLanguage,
    organisationId: person.organisationId,
    gender: person.gender,
    programmeRoles: roles,
    clusterRoles: memberships.map((m) => ({ clusterId: m.cluster.id, clusterName: m.cluster.name, role: m.role })),
    openClusters: memberships.map((m) => m.cluster),
  };
}

/** What people.upsert would change: a name the platform sent that differs from the stored one, unless the
 *  stored one came from the platform's directory (users.info), which wins over a payload's handle. */
function nameChanged(person: Person, displayName: string | undefined): boolean {
  const name = displayName?.trim();
  return Boolean(name) && person.nameRefreshedAt === null && person.displayName !== name;
}

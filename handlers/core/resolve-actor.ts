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
export async function resolveActor(message: IncomingMessage, programmeId: string, repos: Repositories, { clock, settings }: ResolveDeps): Promise<Actor> {
  const now = clock.now();
  const identity = { programmeId, platform: message.platform, workspaceExternalId: message.workspaceId, userId: message.userId };
  const { person } = await repos.people.upsert(identity, message.displayName, now);
  if (settings.admins.some((a) => a.platform === message.platform && a.userId === message.userId)) {
    const { granted } = await repos.programmeRoles.grant(programmeId, person.id, 'manager', null, now);
    if (granted) await repos.audit.record({ programmeId, actorId: null, action: 'role.grant', subjectType: 'person', subjectId: person.id, detail: { role: 'manager', by: 'configuration' }, at: now });
  }
  const [{ programme }, { roles }, { memberships }] = await Promise.all([
    repos.programmes.findById(programmeId),
    repos.programmeRoles.rolesOf(programmeId, person.id),
    repos.clusters.membershipsOf(programmeId, person.id),
  ]);
  return {
    personId: person.id,
    programmeId,
    programmeName: programme?.name ?? '',
    platform: message.platform,
    workspaceId: message.workspaceId,
    userId: message.userId,
    displayName: person.displayName,
    language: person.language ?? toLanguage(message.locale) ?? settings.defaultLanguage,
    organisationId: person.organisationId,
    gender: person.gender,
    programmeRoles: roles,
    clusterRoles: memberships.map((m) => ({ clusterId: m.cluster.id, clusterName: m.cluster.name, role: m.role })),
  };
}

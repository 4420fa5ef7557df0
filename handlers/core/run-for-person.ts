import { createRepositories } from '../../db/repositories.js';
import { toLanguage } from '../i18n/index.js';
import type { ViewHandler } from './context.js';
import { notConnectedReply } from './error-replies.js';
import type { IncomingMessage, Outcome } from './incoming.js';
import { resolveActor, resolveWorkspace } from './resolve-actor.js';
import type { CoreDeps } from './run-command.js';

/** A person the platform identified without a message: someone opening Slack's App Home or installing the
 *  Teams app. There is no text, no reply target and no delivery key. */
export interface IdentifiedPerson {
  platform: IncomingMessage['platform'];
  workspaceId: string;
  userId: string;
  displayName?: string;
  locale?: string;
}

export type RunForPerson = (person: IdentifiedPerson, handler: ViewHandler, verb: string) => Promise<Outcome>;

/**
 * Runs a read-only view (e.g. handlers/home.ts) for a person, through the same workspace and person
 * resolution as a command: an unconnected workspace gets the "not connected" reply and nothing else, the
 * first workspace of a fresh deployment is connected as on its first command, and the language is the
 * person's. One transaction, like a command, so the person row and the view agree.
 */
export function createRunForPerson(deps: CoreDeps): RunForPerson {
  return async (person, handler, verb) => {
    const language = toLanguage(person.locale) ?? deps.settings.defaultLanguage;
    const message: IncomingMessage = { ...person, text: '' };
    return deps.db.transaction(async (tx) => {
      const repos = createRepositories(tx);
      const { workspace } = await resolveWorkspace(message, repos, deps);
      if (!workspace.programmeId) return { kind: 'reply', language, reply: notConnectedReply(language) };
      const actor = await resolveActor(message, workspace.programmeId, repos, deps);
      const command = { verb, args: [], lines: [], raw: '' };
      const reply = await handler({ command, actor, message, repos, clock: deps.clock, settings: deps.settings, logger: deps.logger.child({ handler: verb }) });
      return { kind: 'reply', language: actor.language, reply };
    });
  };
}

export type ConnectWorkspace = (platform: IncomingMessage['platform'], workspaceId: string, detail: Record<string, unknown>) => Promise<{ programmeName?: string }>;

/**
 * What a workspace's first message would do, run at install time: the first workspace of a fresh
 * deployment is connected to its programme; any other stays unconnected until `programme join <code>`.
 * A reinstall keeps the connection it had, so the programme's records and people stay where they were.
 */
export function createConnectWorkspace(deps: CoreDeps): ConnectWorkspace {
  return (platform, workspaceId, detail) =>
    deps.db.transaction(async (tx) => {
      const repos = createRepositories(tx);
      const { workspace } = await resolveWorkspace({ platform, workspaceId, userId: '', text: '' }, repos, deps);
      if (!workspace.programmeId) return {};
      // The audit log is the programme's: an install into a workspace that has not joined one is only logged.
      await repos.audit.record({ programmeId: workspace.programmeId, actorId: null, action: 'workspace.install', subjectType: 'workspace', subjectId: workspace.id, detail: { platform, externalId: workspaceId, ...detail }, at: deps.clock.now() });
      const { programme } = await repos.programmes.findById(workspace.programmeId);
      return { programmeName: programme?.name ?? '' };
    });
}

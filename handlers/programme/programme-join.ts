import type { Repositories } from '../../db/repositories.js';
import type { Clock } from '../core/context.js';
import { hashCode } from '../core/codes.js';
import { LoketError } from '../core/errors.js';
import type { Language } from '../core/incoming.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

export const programmeJoinExample = 'programme join K7Q2-9XPM';

export interface ProgrammeJoinDeps {
  code: string | undefined;
  workspace: { id: string; platform: string; externalId: string; programmeId: string | null };
  language: Language;
  repos: Repositories;
  clock: Clock;
}

/** Connects a workspace that has no programme yet; it runs before there is an actor, since a person of an
 *  unconnected workspace belongs to no programme. */
export async function programmeJoin({ code, workspace, language, repos, clock }: ProgrammeJoinDeps): Promise<Reply> {
  if (workspace.programmeId) {
    const { programme } = await repos.programmes.findById(workspace.programmeId);
    return textReply(t(language, 'join_programme.already', { programme: programme?.name ?? '' }));
  }
  if (!code) throw new LoketError('args.missing', { what: 'code.what' }, programmeJoinExample);
  const now = clock.now();
  const { code: used } = await repos.codes.consume('invite', hashCode(code), `${workspace.platform}:${workspace.externalId}`, now);
  if (!used) throw new LoketError('join_programme.invalid', {}, programmeJoinExample);
  await repos.workspaces.connect(workspace.id, used.programmeId, now);
  await repos.audit.record({ programmeId: used.programmeId, actorId: null, action: 'workspace.connect', subjectType: 'workspace', subjectId: workspace.id, detail: { platform: workspace.platform, externalId: workspace.externalId }, at: now });
  const { programme } = await repos.programmes.findById(used.programmeId);
  return textReply(t(language, 'join_programme.ok', { programme: programme?.name ?? '' }));
}

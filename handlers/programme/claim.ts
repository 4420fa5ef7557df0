import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { hashCode } from '../core/codes.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'claim K7Q2-9XPM';

/** Bootstrap: the first project manager proves they can read LOKET's start-up log. */
export async function claim({ args, actor, repos, clock }: HandlerContext<{ code: string }>): Promise<Reply> {
  const { code } = args;
  const now = clock.now();
  const { code: used } = await repos.codes.consume('claim', hashCode(code), actor.personId, now);
  if (!used || used.programmeId !== actor.programmeId) throw new LoketError('claim.invalid', {}, example);
  await repos.programmeRoles.grant(actor.programmeId, actor.personId, 'manager', null, now);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'role.claim', subjectType: 'person', subjectId: actor.personId, at: now });
  return textReply(t(actor.language, 'claim.ok'));
}

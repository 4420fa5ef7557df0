import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { resolvePerson } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'role @anna manager';

/** `role @x manager|board`: programme-level roles, given by a project manager. */
export async function role(ctx: HandlerContext<{ person: PersonRef; role: 'manager' | 'board' }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const roleName = args.role;
  const person = await resolvePerson(ctx, args.person, example);
  const now = clock.now();
  const { granted } = await repos.programmeRoles.grant(actor.programmeId, person.id, roleName, actor.personId, now);
  const params = { person: person.displayName, role: t(actor.language, `role.${roleName}`) };
  if (!granted) return textReply(t(actor.language, 'role.already', params));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'role.grant', subjectType: 'person', subjectId: person.id, detail: { role: roleName }, at: now });
  return textReply(t(actor.language, 'role.ok', params));
}

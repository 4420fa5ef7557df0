import { people as mentioned, positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { resolvePerson } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'role @anna manager';
const roleNames = { manager: 'manager', board: 'board' } as const;

/** `role @x manager|board`: programme-level roles, given by a project manager. */
export async function role(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  const requested = positional(command)[0]?.toLowerCase();
  const person = await resolvePerson(ctx, mentioned(command)[0], example);
  if (!requested) throw new LoketError('args.missing', { what: 'role.manager' }, example);
  const roleName = roleNames[requested as keyof typeof roleNames];
  if (!roleName) throw new LoketError('role.invalid', { role: requested }, example);
  const now = clock.now();
  const { granted } = await repos.programmeRoles.grant(actor.programmeId, person.id, roleName, actor.personId, now);
  const params = { person: person.displayName, role: t(actor.language, `role.${roleName}`) };
  if (!granted) return textReply(t(actor.language, 'role.already', params));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'role.grant', subjectType: 'person', subjectId: person.id, detail: { role: roleName }, at: now });
  return textReply(t(actor.language, 'role.ok', params));
}

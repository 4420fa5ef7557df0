import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { resolvePerson } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'board add @karin';

/** `board add @x`: marks an advisory-board member (AP2), the same programme role `role @x board` gives. */
export async function boardAdd(ctx: HandlerContext<{ person: PersonRef }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const person = await resolvePerson(ctx, args.person, example);
  const now = clock.now();
  const { granted } = await repos.programmeRoles.grant(actor.programmeId, person.id, 'board', actor.personId, now);
  if (!granted) return textReply(t(actor.language, 'board.already', { person: person.displayName }));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'role.grant', subjectType: 'person', subjectId: person.id, detail: { role: 'board' }, at: now });
  return textReply(t(actor.language, 'board.added', { person: person.displayName }));
}

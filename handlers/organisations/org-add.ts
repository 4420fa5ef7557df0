import type { HelixType } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

/** `org add <org number> <name> type:<helix type>` — organisations are de-duplicated by org number. */
export async function orgAdd({ args, actor, repos, clock }: HandlerContext<{ number: string; name: string; type: HelixType }>): Promise<Reply> {
  const { number: orgNumber, name, type } = args;
  const lang = actor.language;
  const now = clock.now();
  const { organisation, created } = await repos.organisations.add({ programmeId: actor.programmeId, orgNumber, name, helixType: type, at: now });
  if (!created) return textReply(t(lang, 'org.exists', { org: orgNumber, name: organisation.name }));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'organisation.add', subjectType: 'organisation', subjectId: organisation.id, detail: { orgNumber, name, type }, at: now });
  return textReply(t(lang, 'org.added', { name, org: orgNumber, type: t(lang, `helix.${type}`) }));
}

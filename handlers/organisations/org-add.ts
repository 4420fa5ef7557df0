import { helixTypes, type HelixType } from '../../db/schema/index.js';
import { option, positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { normaliseOrgNumber } from '../core/org-number.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

const example = 'org add 556677-8899 "Norrbotten Space AB" type:company';

/** `org add <org number> <name> type:<helix type>` — organisations are de-duplicated by org number. */
export async function orgAdd({ command, actor, repos, clock }: HandlerContext): Promise<Reply> {
  const [rawNumber, ...nameWords] = positional(command);
  if (!rawNumber) throw new LoketError('args.missing', { what: 'org.name_what' }, example);
  const orgNumber = normaliseOrgNumber(rawNumber);
  if (!orgNumber) throw new LoketError('org.number_invalid', { org: rawNumber }, example);
  const name = nameWords.join(' ').trim();
  if (!name) throw new LoketError('args.missing', { what: 'org.name_what' }, example);
  const type = (option(command, 'type') ?? '').toLowerCase();
  if (!helixTypes.includes(type as HelixType)) throw new LoketError('org.type_invalid', { type }, example);
  const lang = actor.language;
  const now = clock.now();
  const { organisation, created } = await repos.organisations.add({ programmeId: actor.programmeId, orgNumber, name, helixType: type as HelixType, at: now });
  if (!created) return textReply(t(lang, 'org.exists', { org: orgNumber, name: organisation.name }));
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'organisation.add', subjectType: 'organisation', subjectId: organisation.id, detail: { orgNumber, name, type }, at: now });
  return textReply(t(lang, 'org.added', { name, org: orgNumber, type: t(lang, `helix.${type as HelixType}`) }));
}

import { genders, type Gender } from '../../db/schema/index.js';
import { option } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { normaliseOrgNumber } from '../core/org-number.js';
import type { Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { whoami } from './whoami.js';

const example = 'profile org:556677-8899 gender:woman lang:sv';

/** `profile [org:…] [gender:…] [lang:sv|en]`: self-declared facts; with no arguments it shows them. */
export async function profile(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  const changes: { language?: 'sv' | 'en'; gender?: Gender; organisationId?: string } = {};
  const lang = option(command, 'lang')?.toLowerCase();
  if (lang !== undefined) {
    if (lang !== 'sv' && lang !== 'en') throw new LoketError('profile.lang_invalid', {}, example);
    changes.language = lang;
  }
  const gender = option(command, 'gender')?.toLowerCase();
  if (gender !== undefined) {
    if (!genders.includes(gender as Gender)) throw new LoketError('profile.gender_invalid', {}, example);
    changes.gender = gender as Gender;
  }
  const org = option(command, 'org');
  if (org !== undefined) {
    const orgNumber = normaliseOrgNumber(org);
    if (!orgNumber) throw new LoketError('org.number_invalid', { org }, example);
    const { organisation } = await repos.organisations.findByOrgNumber(actor.programmeId, orgNumber);
    if (!organisation) throw new LoketError('profile.org_not_found', { org: orgNumber }, `org add ${orgNumber} "…" type:company`);
    changes.organisationId = organisation.id;
  }
  if (Object.keys(changes).length === 0) return { ...(await whoami(ctx)), title: t(actor.language, 'profile.title') };
  const now = clock.now();
  const { person } = await repos.people.updateProfile(actor.programmeId, actor.personId, changes, now);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'profile.update', subjectType: 'person', subjectId: actor.personId, detail: { fields: Object.keys(changes) }, at: now });
  const updated = { ...actor, language: person.language ?? actor.language, gender: person.gender, organisationId: person.organisationId };
  const shown = await whoami({ ...ctx, actor: updated });
  return { ...shown, title: t(updated.language, 'profile.updated') };
}

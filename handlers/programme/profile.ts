import type { Gender } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import type { Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { whoami } from './whoami.js';

/** `profile [org:…] [gender:…] [lang:sv|en]`: self-declared facts; with no arguments it shows them. */
export async function profile(ctx: HandlerContext<{ org?: string; gender?: Gender; lang?: 'sv' | 'en' }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const changes: { language?: 'sv' | 'en'; gender?: Gender; organisationId?: string } = {};
  if (args.lang !== undefined) changes.language = args.lang;
  if (args.gender !== undefined) changes.gender = args.gender;
  if (args.org !== undefined) {
    const { organisation } = await repos.organisations.findByOrgNumber(actor.programmeId, args.org);
    // The example names what to replace in the reader's language: a «…» name would be added as «…».
    if (!organisation) throw new LoketError('profile.org_not_found', { org: args.org }, actor.language === 'sv' ? `org add ${args.org} "Organisationens namn" typ:företag` : `org add ${args.org} "Organisation name" type:company`);
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

import type { HandlerContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { rolesOf } from '../core/access.js';
import { t } from '../i18n/index.js';

export async function whoami({ actor, repos }: HandlerContext): Promise<Reply> {
  const lang = actor.language;
  const none = t(lang, 'whoami.none');
  const roles = [...rolesOf(actor)].map((role) => t(lang, `role.${role}`)).join(', ');
  const clusters = actor.clusterRoles.map((m) => `${m.clusterName} (${t(lang, `role.${m.role}`)})`).join(', ');
  const organisation = actor.organisationId
    ? (await repos.organisations.findById(actor.programmeId, actor.organisationId)).organisation
    : undefined;
  return {
    visibility: 'private',
    title: t(lang, 'whoami.title'),
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: t(lang, 'whoami.name'), value: actor.displayName },
          { label: t(lang, 'whoami.platform'), value: `${actor.platform} (${actor.workspaceId})` },
          { label: t(lang, 'whoami.roles'), value: roles },
          { label: t(lang, 'whoami.clusters'), value: clusters || none },
          { label: t(lang, 'whoami.organisation'), value: organisation ? `${organisation.name} (${organisation.orgNumber})` : none },
          { label: t(lang, 'whoami.gender'), value: actor.gender ? t(lang, `gender.${actor.gender}`) : none },
          { label: t(lang, 'whoami.language'), value: t(lang, `language.${lang}`) },
        ],
      },
    ],
  };
}

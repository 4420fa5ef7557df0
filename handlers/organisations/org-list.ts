import type { HelixType } from '../../db/schema/index.js';
import type { HandlerContext } from '../core/context.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

/** `org list [type]`: the organisations registered in the programme, by name, optionally of one helix type. */
export async function orgList({ args, actor, repos }: HandlerContext<{ type: HelixType | undefined }>): Promise<Reply> {
  const lang = actor.language;
  const { organisations } = await repos.organisations.list(actor.programmeId, args.type);
  const type = args.type ? t(lang, `helix.${args.type}`) : undefined;
  if (organisations.length === 0) return textReply(type ? t(lang, 'org.list_empty_type', { type }) : t(lang, 'org.list_empty'));
  const items = organisations.map((o) => t(lang, 'org.list_item', { name: o.name, org: o.orgNumber, type: t(lang, `helix.${o.helixType}`) }));
  const title = type ? t(lang, 'org.list_title_type', { type, count: organisations.length }) : t(lang, 'org.list_title', { count: organisations.length });
  return { visibility: 'private', title, blocks: [{ type: 'list', items }] };
}

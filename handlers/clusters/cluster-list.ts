import type { HandlerContext } from '../core/context.js';
import { textReply, type Reply } from '../core/reply.js';
import { t } from '../i18n/index.js';

export async function clusterList({ actor, repos }: HandlerContext): Promise<Reply> {
  const lang = actor.language;
  const { clusters } = await repos.clusters.list(actor.programmeId);
  if (clusters.length === 0) return textReply(t(lang, 'cluster.list_empty'));
  const items = clusters.map((row) =>
    t(lang, 'cluster.list_item', {
      cluster: row.cluster.name,
      sector: row.cluster.sector,
      leader: row.leader ?? t(lang, 'whoami.none'),
      deputies: row.deputies.length ? t(lang, 'cluster.list_deputies', { names: row.deputies.join(', ') }) : '',
      members: row.memberCount,
    }),
  );
  return { visibility: 'private', title: t(lang, 'cluster.list_title', { count: clusters.length }), blocks: [{ type: 'list', items }] };
}

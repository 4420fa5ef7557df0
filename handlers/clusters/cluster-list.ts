import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { textReply, type Reply, type ReplyBlock } from '../core/reply.js';
import { list, t } from '../i18n/index.js';

/** `cluster list [all]`: the active clusters; `all` adds the retired ones, marked, after them. */
export async function clusterList({ args, actor, repos, settings }: HandlerContext<{ all: 'all' | undefined }>): Promise<Reply> {
  const lang = actor.language;
  const { clusters: rows } = await repos.clusters.list(actor.programmeId, { includeRetired: true });
  const active = rows.filter((row) => !row.cluster.retiredAt);
  const retired = rows.filter((row) => row.cluster.retiredAt);
  if (rows.length === 0) return textReply(t(lang, 'cluster.list_empty'));
  const items = active.map((row) =>
    t(lang, 'cluster.list_item', {
      cluster: row.cluster.name,
      sector: row.cluster.sector,
      leader: row.leader ?? t(lang, 'whoami.none'),
      deputies: row.deputies.length ? t(lang, 'cluster.list_deputies', { names: list(lang, row.deputies) }) : '',
      members: row.memberCount,
    }),
  );
  if (args.all) {
    items.push(...retired.map((row) => t(lang, 'cluster.list_retired_mark', { cluster: row.cluster.name, date: dayIn(settings.timezone, row.cluster.retiredAt!), sector: row.cluster.sector, members: row.memberCount })));
    return { visibility: 'private', title: t(lang, 'cluster.list_title_all', { count: active.length, retired: retired.length }), blocks: [{ type: 'list', items }] };
  }
  const blocks: ReplyBlock[] = items.length ? [{ type: 'list', items }] : [];
  if (retired.length) blocks.push({ type: 'text', text: t(lang, 'cluster.list_retired_hint', { n: retired.length }) });
  return { visibility: 'private', title: t(lang, 'cluster.list_title', { count: active.length }), blocks };
}

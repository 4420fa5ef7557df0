import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import type { Bilingual } from '../core/spec.js';
import { t } from '../i18n/index.js';

export const renameExample: Bilingual = { sv: 'kluster byt-namn Rymd "Swedish Space Cluster"', en: 'cluster rename Rymd "Swedish Space Cluster"' };
export const retireExample: Bilingual = { sv: 'kluster avveckla Rymd', en: 'cluster retire Rymd' };

/** `cluster rename <cluster> <new name>` (PM): the cluster keeps its id, so all its records follow the name. */
export async function clusterRename(ctx: HandlerContext<{ cluster: string; name: string }>): Promise<Reply> {
  const { args, actor, repos, clock } = ctx;
  const lang = actor.language;
  const cluster = await requireCluster(ctx, args.cluster, renameExample[lang]);
  const name = args.name.trim();
  const { cluster: taken } = await repos.clusters.findByName(actor.programmeId, name);
  // Another cluster's name (in any case) is refused; the same cluster may change only its case ("rymd" → "Rymd").
  if (taken && taken.id !== cluster.id) throw new LoketError('cluster.exists', { cluster: taken.name }, renameExample[lang]);
  await repos.clusters.rename({ programmeId: actor.programmeId, clusterId: cluster.id, name });
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.rename', subjectType: 'cluster', subjectId: cluster.id, detail: { from: cluster.name, to: name }, at: clock.now() });
  return textReply(t(lang, 'cluster.renamed', { old: cluster.name, name }));
}

/** `cluster retire <cluster>` (PM): records stay and are read as before; the cluster takes no new work. */
export async function clusterRetire(ctx: HandlerContext<{ cluster: string }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const lang = actor.language;
  const cluster = await requireCluster(ctx, args.cluster, retireExample[lang]);
  if (cluster.retiredAt) return textReply(t(lang, 'cluster.already_retired', { cluster: cluster.name, date: dayIn(settings.timezone, cluster.retiredAt) }));
  const now = clock.now();
  await repos.clusters.retire({ programmeId: actor.programmeId, clusterId: cluster.id, at: now });
  // The cluster takes no exchanges any more: its open needs and offers close with it, so no round proposes an
  // offer nobody will keep and `exchange list` shows only what can still be taken up.
  const closed = await repos.exchanges.closeClusterPosts(actor.programmeId, cluster.id, now);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'cluster.retire', subjectType: 'cluster', subjectId: cluster.id, detail: { name: cluster.name, ...closed }, at: now });
  const done = t(lang, 'cluster.retire_done', { cluster: cluster.name });
  return textReply(closed.needs + closed.offers ? `${done}\n${t(lang, 'cluster.retire_closed_posts', closed)}` : done);
}

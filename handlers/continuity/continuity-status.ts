// What `status` and `status <cluster>` add about continuity: the person-dependency signals and the
// knowledge entries due for review. Kept here so status.ts only calls in.
import type { Cluster } from '../../db/clusters.repository.js';
import type { ClusterScope } from '../../db/status.repository.js';
import type { KnowledgeEntry } from '../../db/knowledge-review.repository.js';
import type { HandlerContext } from '../core/context.js';
import type { Language } from '../core/incoming.js';
import type { ReplyBlock } from '../core/reply.js';
import { continuitySignals, emptySignals } from './continuity.js';
import { continuityClusterBlocks, continuityOverviewBlocks } from './continuity-views.js';
import { t } from '../i18n/index.js';

const STALE_SHOWN = 5;

export async function continuityOverview(ctx: HandlerContext, scope: ClusterScope, today: string): Promise<ReplyBlock[]> {
  const { actor, repos, clock } = ctx;
  const signals = await continuitySignals(repos, actor.programmeId, scope, today, false);
  const { clusters } = await repos.clusters.list(actor.programmeId);
  const inScope = clusters.filter((c) => !scope || scope.includes(c.cluster.id));
  const names = new Map(inScope.map((c) => [c.cluster.id, c.cluster.name]));
  const all = inScope.map((c) => signals.get(c.cluster.id) ?? emptySignals(c.cluster.id));
  const { entries } = await repos.knowledge.staleOwnedBy(actor.programmeId, actor.personId, clock.now());
  return [...continuityOverviewBlocks(actor.language, all, (id) => names.get(id) ?? '?'), ...staleBlocks(actor.language, entries, 'continuity.stale_mine')];
}

export async function continuityCluster(ctx: HandlerContext, cluster: Cluster, today: string): Promise<ReplyBlock[]> {
  const { actor, repos, clock } = ctx;
  const signals = (await continuitySignals(repos, actor.programmeId, [cluster.id], today)).get(cluster.id) ?? emptySignals(cluster.id);
  const { entries } = await repos.knowledge.staleOfCluster(actor.programmeId, cluster.id, clock.now());
  return [...continuityClusterBlocks(actor.language, signals, cluster.name), ...staleBlocks(actor.language, entries, 'continuity.stale_cluster')];
}

/** At most a few entries, each with the command that marks it reviewed. */
export function staleBlocks(lang: Language, entries: KnowledgeEntry[], title: 'continuity.stale_mine' | 'continuity.stale_cluster'): ReplyBlock[] {
  if (entries.length === 0) return [];
  const items = entries.slice(0, STALE_SHOWN).map((e) => staleLine(lang, e));
  if (entries.length > STALE_SHOWN) items.push(t(lang, 'continuity.more', { n: entries.length - STALE_SHOWN }));
  return [{ type: 'list', title: t(lang, title, { n: entries.length }), items }];
}

export function staleLine(lang: Language, e: KnowledgeEntry): string {
  const text = e.text.length > 80 ? `${e.text.slice(0, 79)}…` : e.text;
  return t(lang, 'continuity.stale_line', { id: `N${e.number}`, text, cluster: e.cluster ?? '–', owner: e.owner, date: e.lastReviewed });
}

// `handover pack <cluster>`: the pack without handing over, e.g. before a leader's leave or for a new deputy.
import type { Cluster } from '../../db/clusters.repository.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import type { Reply, ReplyLink } from '../core/reply.js';
import { gatherPack, type HandoverPack } from './handover-pack.js';
import { renderPackMarkdown } from './handover-markdown.js';
import { fileStem, pathBlocks, publishFiles } from './handover-publish.js';
import { t } from '../i18n/index.js';

export const handoverPackExample = 'handover pack Rymd';

/** Builds, stores and publishes the pack (Markdown + JSON); records who made it. */
export async function producePack(ctx: HandlerContext, cluster: Cluster, handover?: { from: string; to: string }): Promise<{ pack: HandoverPack; links: ReplyLink[]; paths: string[] }> {
  const { actor, repos, clock, settings } = ctx;
  const today = dayIn(settings.timezone, clock.now());
  const pack = await gatherPack(repos, actor.programmeId, cluster, today, settings.timezone);
  const stem = `loket-handover-${fileStem(cluster.name)}-${today}`;
  const { links, paths } = await publishFiles(ctx, [
    { name: `${stem}.md`, contentType: 'text/markdown; charset=utf-8', content: renderPackMarkdown(actor.language, pack, handover) },
    { name: `${stem}.json`, contentType: 'application/json; charset=utf-8', content: JSON.stringify({ ...pack, handover: handover ?? null }, null, 2) },
  ]);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'handover.pack', subjectType: 'cluster', subjectId: cluster.id, detail: { files: [...links.map((l) => l.label), ...paths] }, at: clock.now() });
  return { pack, links, paths };
}

/** What the pack holds, in one line, so the chat reply says what the file is worth opening for. */
export function packSummary(ctx: HandlerContext, pack: HandoverPack): string {
  return t(ctx.actor.language, 'pack.summary', {
    actions: pack.openActions.length,
    planActions: pack.openPlanActions.length,
    gaps: pack.plan.gaps.filter((g) => g.uncovered).length,
    weeks: pack.progress.length,
    decisions: pack.decisions.length,
    organisations: pack.organisations.length,
    contacts: pack.contacts.length,
    exchanges: pack.openExchanges.length,
    recurring: pack.recurringMeetings.length,
  });
}

/** A PM, or the cluster's own leader or deputy: the pack carries the cluster's contacts in one file. */
function mayTakePack(ctx: HandlerContext, clusterId: string): boolean {
  const { actor } = ctx;
  return actor.programmeRoles.includes('manager') || actor.clusterRoles.some((m) => m.clusterId === clusterId && (m.role === 'leader' || m.role === 'deputy'));
}

export async function handoverPack(ctx: HandlerContext<{ cluster: string }>): Promise<Reply> {
  const cluster = await requireCluster(ctx, ctx.args.cluster, handoverPackExample);
  if (!mayTakePack(ctx, cluster.id)) throw new LoketError('handover.pack_not_allowed', { cluster: cluster.name }, handoverPackExample);
  const { pack, links, paths } = await producePack(ctx, cluster);
  const lang = ctx.actor.language;
  const text = `${t(lang, 'pack.ready', { cluster: cluster.name })}\n${packSummary(ctx, pack)}`;
  return { title: t(lang, 'pack.title', { cluster: cluster.name }), blocks: [{ type: 'text', text }, ...pathBlocks(paths)], links: links.length ? links : undefined, visibility: 'private' };
}

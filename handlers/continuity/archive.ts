// `archive export [cluster]` (PM): the programme's records in a form that outlives LOKET. Two files rather
// than one zip: the HTML page opens straight from a download or a shared drive with no unpacking, the JSON
// is for machines, and both are text, like every file LOKET stores (export_files holds text).
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { requireCluster } from '../core/lookups.js';
import type { Reply } from '../core/reply.js';
import { gatherArchive } from './archive-data.js';
import { renderArchiveHtml } from './archive-html.js';
import { fileStem, LINK_DAYS, pathBlocks, publishFiles } from './handover-publish.js';
import { t } from '../i18n/index.js';

export const archiveExample = 'archive export Rymd';

export async function archiveExport(ctx: HandlerContext<{ cluster: string | undefined }>): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const name = ctx.args.cluster;
  const cluster = name ? await requireCluster(ctx, name, archiveExample) : undefined;
  const now = clock.now();
  const data = await gatherArchive(repos, { programmeId: actor.programmeId, programmeName: actor.programmeName, cluster, generatedAt: now, timezone: settings.timezone });
  const stem = `loket-archive-${fileStem(cluster?.name ?? actor.programmeName)}-${dayIn(settings.timezone, now)}`;
  const { links, paths } = await publishFiles(ctx, [
    { name: `${stem}.html`, contentType: 'text/html; charset=utf-8', content: renderArchiveHtml(actor.language, data) },
    { name: `${stem}.json`, contentType: 'application/json; charset=utf-8', content: JSON.stringify(data, null, 2) },
  ]);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'archive.export', subjectType: cluster ? 'cluster' : 'programme', subjectId: cluster?.id ?? actor.programmeId, detail: { meetings: data.meetings.length, notes: data.notes.length }, at: now });
  const lang = actor.language;
  const counts = { meetings: data.meetings.length, notes: data.notes.length, progress: data.progress.length, gaps: data.plans.length, exchanges: data.exchanges.length, days: LINK_DAYS };
  const text = t(lang, links.length ? 'archive.ready_links' : 'archive.ready_paths', { scope: cluster?.name ?? actor.programmeName, ...counts });
  return { title: t(lang, 'archive.title', { name: cluster?.name ?? actor.programmeName }), blocks: [{ type: 'text', text }, ...pathBlocks(paths)], links: links.length ? links : undefined, visibility: 'private' };
}

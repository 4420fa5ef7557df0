import type { HandlerContext } from '../core/context.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { readPeriod } from '../core/period.js';
import type { Reply } from '../core/reply.js';
import { DEFAULT_LINK_DAYS } from '../core/signed-links.js';
import { t } from '../i18n/index.js';
import { buildExportFiles, type ExportFormat } from './export-files.js';
import { computeIndicators } from './indicators.js';
import { publishFiles } from '../core/publish-files.js';
import { scopeOf } from './status.js';

const example = 'export Rymd format:csv from:2026-01-01 to:2026-03-31';

/** `export [cluster] [format:csv|json] [from:…] [to:…]`: the funder report's files as expiring links. */
export async function exportReport(ctx: HandlerContext<{ cluster?: string; format?: ExportFormat; from?: string; to?: string }>): Promise<Reply> {
  const { args, actor, repos, clock, settings } = ctx;
  const format = args.format ?? 'csv';
  const period = readPeriod(args, settings.timezone, clock.now(), example);
  const own = scopeOf(ctx);
  const name = args.cluster;
  let scope = own;
  let stem = `loket-${period.from}-${period.to}`;
  if (name) {
    const cluster = await requireCluster(ctx, name, example);
    if (own && !own.includes(cluster.id)) throw new LoketError('status.not_yours', { cluster: cluster.name }, 'export');
    scope = [cluster.id];
    stem = `loket-${cluster.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}-${period.from}-${period.to}`;
  }
  const input = { programmeId: actor.programmeId, scope, ...period, timezone: ctx.settings.timezone };
  const indicators = await computeIndicators(repos, actor.programmeId, scope, period, ctx.settings.timezone);
  const { targets } = await repos.targets.list(actor.programmeId);
  const { activities } = await repos.exports.activities(input);
  const { participants } = await repos.exports.participants(input);
  const { meetings: evaluations } = await repos.evaluations.byMeeting(actor.programmeId, period.from, period.to, scope);
  const files = buildExportFiles({ indicators, targets, activities, participants, evaluations }, format, stem, actor.language);
  const now = clock.now();
  const { links, paths } = await publishFiles(ctx, files);
  await repos.audit.record({ programmeId: actor.programmeId, actorId: actor.personId, action: 'export.create', subjectType: 'programme', subjectId: actor.programmeId, detail: { format, scope: name ?? 'all', ...period }, at: now });
  const lang = actor.language;
  const text = t(lang, links.length ? 'export.ready_links' : 'export.ready_paths', { from: period.from, to: period.to, days: DEFAULT_LINK_DAYS, activities: activities.length });
  const blocks: Reply['blocks'] = [{ type: 'text', text }];
  if (paths.length) blocks.push({ type: 'list', items: paths });
  return { blocks, links: links.length ? links : undefined, visibility: 'private' };
}

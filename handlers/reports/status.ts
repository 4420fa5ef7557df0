import type { ClusterScope } from '../../db/status.repository.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { readPeriod, type Period } from '../core/period.js';
import type { Reply, ReplyBlock } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { computeIndicators, indicatorFields } from './indicators.js';
import { clusterFields, clusterLine, helixMix, statusTotals, toFacts } from './status-views.js';
import { loadProgrammeTotals } from './status-totals.js';
import { continuityCluster, continuityOverview } from '../continuity/continuity-status.js';
import { dashboardLink } from '../dashboard/dashboard.js';

export const statusExample = 'status Rymd from:2026-01-01 to:2026-03-31';
// One message must fit Slack's limits and still be read at a glance; `status all` pages through the rest.
const ATTENTION_LIMIT = 10;
const PAGE_SIZE = 20;

/** Managers see every cluster; anyone else the clusters they lead or deputise (the role table lets only
 *  leaders and deputies in besides managers). */
export function scopeOf(ctx: HandlerContext): ClusterScope {
  const { actor } = ctx;
  if (actor.programmeRoles.includes('manager')) return undefined;
  return actor.clusterRoles.filter((m) => m.role === 'leader' || m.role === 'deputy').map((m) => m.clusterId);
}

/** What `status` shows: the advisory board follows the whole programme, so a board member reads every
 *  cluster, as a manager does (exports, which carry personal data, keep `scopeOf`). */
export function statusScopeOf(ctx: HandlerContext): ClusterScope {
  return ctx.actor.programmeRoles.includes('board') ? undefined : scopeOf(ctx);
}

/** `status [cluster|all] [from:…] [to:…]`: the programme overview, one cluster in depth, or every cluster. */
export async function status(ctx: HandlerContext<StatusArgs>): Promise<Reply> {
  const { args, settings, clock } = ctx;
  const period = readPeriod(args, settings.timezone, clock.now(), statusExample);
  const today = dayIn(settings.timezone, clock.now());
  const target = args.cluster;
  // `page` is not one of the grammar's keys, so the page number is a plain word after `all`: `status all 2`.
  const all = target === undefined ? undefined : ALL.exec(target);
  if (all) return statusAll(ctx, period, today, all[1] ? Number(all[1]) : 1);
  if (target) return statusCluster(ctx, target, period, today);
  return overview(ctx, period, today);
}

type StatusArgs = { cluster?: string; from?: string; to?: string };
const ALL = /^(?:all|alla)(?:\s+(\d{1,6}))?$/i;

async function overview(ctx: HandlerContext, period: Period, today: string): Promise<Reply> {
  const { actor, repos } = ctx;
  const lang = actor.language;
  const scope = statusScopeOf(ctx);
  const { clusters } = await repos.status.clusters({ programmeId: actor.programmeId, scope, ...period, today });
  const facts = clusters.map((row) => toFacts(row, today));
  const indicators = await computeIndicators(repos, actor.programmeId, scope, period, ctx.settings.timezone);
  const { targets } = await repos.targets.list(actor.programmeId);
  const totals = await loadProgrammeTotals(repos, { programmeId: actor.programmeId, scope, today, meetings: indicators.activities, clusters: facts });
  const blocks: ReplyBlock[] = [{ type: 'fields', fields: statusTotals(lang, totals) }, { type: 'fields', fields: indicatorFields(lang, indicators, targets) }];
  const attention = facts.filter((c) => c.reasons.length > 0);
  if (attention.length) blocks.push({ type: 'list', title: t(lang, 'status.attention'), items: attention.slice(0, ATTENTION_LIMIT).map((c) => clusterLine(lang, c)) });
  else blocks.push({ type: 'text', text: t(lang, 'status.all_well') });
  if (attention.length > ATTENTION_LIMIT) blocks.push({ type: 'text', text: t(lang, 'status.more', { n: attention.length - ATTENTION_LIMIT }) });
  // Knowledge continuity (issue 11): person dependency per cluster and the asker's entries due for review.
  blocks.push(...(await continuityOverview(ctx, scope, today)));
  if (scope) blocks.push({ type: 'text', text: t(lang, 'status.own_only') });
  // Digest delivery troubles are the PM's to fix, not the board's to read.
  else if (actor.programmeRoles.includes('manager')) blocks.push(...(await digestTroubles(ctx)));
  // Web view (issue 12): a PM's overview links to the same numbers as charts, for the same period.
  const webView = await dashboardLink(ctx, period);
  if (webView) return { title: t(lang, 'status.title', { ...period }), blocks, visibility: 'private', links: [{ label: webView.label, url: webView.url }] };
  return { title: t(lang, 'status.title', { ...period }), blocks, visibility: 'private' };
}

/** Neither Slack nor Teams takes an idempotency key, so a digest cut off mid-send is not re-posted; the
 *  PM is told here instead, with channels that stopped taking posts. */
async function digestTroubles({ actor, repos }: HandlerContext): Promise<ReplyBlock[]> {
  const lang = actor.language;
  const { unknown, stopped } = await repos.digests.troubles(actor.programmeId);
  const items = [
    ...unknown.map((u) => t(lang, 'status.digest_unknown', { channel: u.channelId, week: u.period })),
    ...stopped.map((s) => t(lang, 'status.digest_stopped', { channel: s.channelId, reason: s.reason ?? '' })),
  ];
  return items.length ? [{ type: 'list', title: t(lang, 'status.digest_troubles'), items }] : [];
}

async function statusCluster(ctx: HandlerContext, name: string, period: Period, today: string): Promise<Reply> {
  const { actor, repos } = ctx;
  const lang = actor.language;
  const cluster = await requireCluster(ctx, name, statusExample);
  const scope = statusScopeOf(ctx);
  if (scope && !scope.includes(cluster.id)) throw new LoketError('status.not_yours', { cluster: cluster.name }, 'status');
  const { clusters } = await repos.status.clusters({ programmeId: actor.programmeId, scope: [cluster.id], ...period, today });
  const facts = toFacts(clusters[0]!, today);
  const { organisations } = await repos.status.memberOrganisations(actor.programmeId, cluster.id);
  const indicators = await computeIndicators(repos, actor.programmeId, [cluster.id], period, ctx.settings.timezone);
  const { targets } = await repos.targets.list(actor.programmeId);
  const orgs = organisations.map((o) => `${o.name} (${o.orgNumber})`);
  const blocks: ReplyBlock[] = [
    { type: 'fields', fields: [...clusterFields(lang, facts, indicators.openNeeds.get(cluster.id) ?? 0), { label: t(lang, 'status.helix_mix'), value: helixMix(lang, organisations) }] },
    { type: 'list', title: t(lang, 'status.member_orgs'), items: orgs.length ? orgs : ['–'] },
    { type: 'fields', fields: indicatorFields(lang, indicators, targets) },
  ];
  if (facts.reasons.length) blocks.push({ type: 'text', text: facts.reasons.map((r) => t(lang, r, { weeks: facts.silentWeeks })).join(', ') });
  // Knowledge continuity (issue 11): how much of the cluster rests on one person, and stale knowledge.
  blocks.push(...(await continuityCluster(ctx, cluster, today)));
  return { title: t(lang, 'status.cluster_title', { cluster: cluster.name, ...period }), blocks, visibility: 'private' };
}

async function statusAll(ctx: HandlerContext, period: Period, today: string, asked: number): Promise<Reply> {
  const { actor, repos } = ctx;
  const lang = actor.language;
  const scope = statusScopeOf(ctx);
  const page = Math.max(1, asked);
  const { total } = await repos.status.countClusters(actor.programmeId, scope);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const { clusters } = await repos.status.clusters({ programmeId: actor.programmeId, scope, ...period, today, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const items = clusters.map((row) => clusterLine(lang, toFacts(row, today)));
  const blocks: ReplyBlock[] = [{ type: 'list', title: t(lang, 'status.page', { page, pages }), items: items.length ? items : ['–'] }];
  if (scope) blocks.push({ type: 'text', text: t(lang, 'status.own_only') });
  const period$ = `from:${period.from} to:${period.to}`;
  const buttons = page < pages ? [{ label: t(lang, 'status.next_page'), command: `status all ${page + 1} ${period$}` }] : undefined;
  return { title: t(lang, 'status.title', { ...period }), blocks, buttons, visibility: 'private' };
}

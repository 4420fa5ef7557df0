import type { Cluster } from '../../db/clusters.repository.js';
import type { ClusterScope } from '../../db/status.repository.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { LoketError } from '../core/errors.js';
import { requireCluster } from '../core/lookups.js';
import { readPeriod, type Period } from '../core/period.js';
import type { Language } from '../core/incoming.js';
import { commandRef, type Reply, type ReplyBlock, type ReplyButton } from '../core/reply.js';
import { t } from '../i18n/index.js';
import { computeIndicators, indicatorFields } from './indicators.js';
import { clusterFields, clusterLine, helixMix, statusTotals, toFacts, type ClusterFacts } from './status-views.js';
import { loadProgrammeTotals } from './status-totals.js';
import { continuityCluster, continuityOverview } from '../continuity/continuity-status.js';
import { dashboardLink } from '../dashboard/dashboard.js';
import { upcomingSection } from '../agenda/upcoming-section.js';
import { clusterAssessmentField, clusterAssessmentLines, evaluationsByKindField, evaluationsShortField, improvedClustersField } from '../assessment/assessment-status.js';

/** A correct `status` in the reader's language: a Swedish refusal shows Swedish keys. */
export const statusExample = { sv: 'status Rymd från:2026-01-01 till:2026-03-31', en: 'status Rymd from:2026-01-01 to:2026-03-31' } as const;
// One message must fit Slack's limits and still be read at a glance; `status all` pages through the rest.
// The overview names the five clusters most in need (README "Status"); `status all` lists every cluster.
const ATTENTION_LIMIT = 5;
// Member organisations shown in `status <cluster>`; `status indicators <cluster>` lists them all.
const ORGS_SHOWN = 5;
const PAGE_SIZE = 20;
// Planned meetings in `status`: the next few of the coming fortnight; `meetings upcoming` lists them all.
const UPCOMING_SHOWN = 3;
const UPCOMING_DAYS = 14;

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
  const period = readPeriod(args, settings.timezone, clock.now(), statusExample[ctx.actor.language]);
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
  // The overview's reads do not depend on each other: sent together, they cost the round trips of one
  // (issue 21). Only the totals need the clusters' facts and the activities, which they merely count.
  const [{ clusters }, indicators, troubles, upcoming, webView, ratings] = await Promise.all([
    repos.status.clusters({ programmeId: actor.programmeId, scope, ...period, today }),
    computeIndicators(repos, actor.programmeId, scope, period, ctx.settings.timezone),
    // Digest delivery troubles are the PM's to fix, not the board's to read.
    !scope && actor.programmeRoles.includes('manager') ? digestTroubles(ctx) : [],
    // Planned meetings (issue 22): shown, never counted – they are not activities until logged.
    upcomingSection({ repos, programmeId: actor.programmeId, now: ctx.clock.now(), timezone: ctx.settings.timezone, language: lang, clusterIds: scope, limit: UPCOMING_SHOWN, withinDays: UPCOMING_DAYS }),
    // Web view (issue 12): a PM's overview links to the same numbers as charts, for the same period.
    dashboardLink(ctx, period),
    // Evaluations (issue 23): the average rating per meeting kind over the same clusters, one field, only with answers.
    evaluationsShortField(ctx, period, scope),
  ]);
  const facts = clusters.map((row) => toFacts(row, today));
  const totals = await loadProgrammeTotals(repos, { programmeId: actor.programmeId, scope, today, ...period, meetings: indicators.activities, clusters: facts });
  // The five figures a PM acts on or reports first (README "Status"): the full indicators are one command away.
  const blocks: ReplyBlock[] = [{ type: 'fields', fields: [...statusTotals(lang, totals), { label: t(lang, 'indicator.exchanges'), value: String(indicators.exchanges) }, ...improvedClustersField(lang, indicators), ...ratings] }];
  const attention = byUrgency(facts.filter((c) => c.reasons.length > 0));
  if (attention.length) {
    const items = attention.slice(0, ATTENTION_LIMIT).map((c) => clusterLine(lang, c));
    if (attention.length > ATTENTION_LIMIT) items.push(t(lang, 'status.more', { n: attention.length - ATTENTION_LIMIT, command: commandRef(`${VIEW.all[lang]}${periodArgs(lang, period)}`, lang) }));
    blocks.push({ type: 'list', title: t(lang, 'status.attention'), items });
  } else blocks.push({ type: 'text', text: t(lang, 'status.all_well') });
  if (scope) blocks.push({ type: 'text', text: t(lang, 'status.own_only') });
  else blocks.push(...troubles);
  if (upcoming) blocks.push(upcoming);
  blocks.push({ type: 'text', text: t(lang, 'status.more_views', views(lang, period)) });
  const buttons = viewButtons(lang, period);
  const links = webView ? [{ label: webView.label, url: webView.url }] : undefined;
  return { title: t(lang, 'status.title', { ...period }), blocks, buttons, ...(links ? { links } : {}), visibility: 'private' };
}

/** The clusters most in need first: more reasons, then more overdue work, then longer silence. */
function byUrgency(facts: ClusterFacts[]): ClusterFacts[] {
  const overdue = (c: ClusterFacts) => c.overdueActions + c.planOverdue;
  return [...facts].sort((a, b) => b.reasons.length - a.reasons.length || overdue(b) - overdue(a) || b.silentWeeks - a.silentWeeks || a.name.localeCompare(b.name));
}

/** The sub-views of `status` as the reader types them, so a Swedish reply names Swedish commands. */
const VIEW = {
  indicators: { sv: 'status indikatorer', en: 'status indicators' },
  continuity: { sv: 'status kontinuitet', en: 'status continuity' },
  all: { sv: 'status alla', en: 'status all' },
} as const;

function periodArgs(lang: Language, period: Period): string {
  return lang === 'sv' ? ` från:${period.from} till:${period.to}` : ` from:${period.from} to:${period.to}`;
}

function views(lang: Language, period: Period, cluster?: string): { indicators: string; continuity: string; all: string } {
  const target = cluster ? ` ${cluster}` : '';
  return {
    indicators: commandRef(`${VIEW.indicators[lang]}${target}${periodArgs(lang, period)}`, lang),
    continuity: commandRef(`${VIEW.continuity[lang]}${target}`, lang),
    all: commandRef(`${VIEW.all[lang]}${periodArgs(lang, period)}`, lang),
  };
}

function viewButtons(lang: Language, period: Period, cluster?: string): ReplyButton[] {
  const target = cluster ? ` ${cluster}` : '';
  const buttons: ReplyButton[] = [
    { label: t(lang, 'status.button_indicators'), command: `${VIEW.indicators[lang]}${target}${periodArgs(lang, period)}` },
    { label: t(lang, 'status.button_continuity'), command: `${VIEW.continuity[lang]}${target}` },
  ];
  if (!cluster) buttons.push({ label: t(lang, 'status.button_all'), command: `${VIEW.all[lang]}${periodArgs(lang, period)}` });
  return buttons;
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
  const cluster = await clusterInScope(ctx, name);
  // Sent together once the cluster is known: one round trip for all of them (issue 21).
  const [{ clusters }, { organisations }, indicators, assessment, upcoming] = await Promise.all([
    repos.status.clusters({ programmeId: actor.programmeId, scope: [cluster.id], ...period, today }),
    repos.status.memberOrganisations(actor.programmeId, cluster.id),
    computeIndicators(repos, actor.programmeId, [cluster.id], period, ctx.settings.timezone),
    clusterAssessmentField(ctx, cluster.id),
    upcomingSection({ repos, programmeId: actor.programmeId, now: ctx.clock.now(), timezone: ctx.settings.timezone, language: lang, clusterIds: [cluster.id], limit: UPCOMING_SHOWN, withinDays: UPCOMING_DAYS }),
  ]);
  const facts = toFacts(clusters[0]!, today);
  const fields = [
    ...clusterFields(lang, facts, indicators.openNeeds.get(cluster.id) ?? 0),
    { label: t(lang, 'indicator.exchanges'), value: String(indicators.exchanges) },
    { label: t(lang, 'status.helix_mix'), value: helixMix(lang, organisations) },
    assessment,
  ];
  if (facts.reasons.length) fields.push({ label: t(lang, 'status.attention'), value: facts.reasons.map((r) => t(lang, r, { weeks: facts.silentWeeks })).join(', ') });
  const orgs = organisations.map((o) => `${o.name} (${o.orgNumber})`);
  const shown = orgs.slice(0, ORGS_SHOWN);
  const more = views(lang, period, cluster.name);
  if (orgs.length > ORGS_SHOWN) shown.push(t(lang, 'status.more', { n: orgs.length - ORGS_SHOWN, command: more.indicators }));
  const blocks: ReplyBlock[] = [
    { type: 'fields', fields },
    { type: 'list', title: t(lang, 'status.member_orgs'), items: shown.length ? shown : ['–'] },
    ...(upcoming ? [upcoming] : []),
    { type: 'text', text: t(lang, 'status.cluster_more_views', { cluster: cluster.name, ...more }) },
  ];
  // A retired cluster says so first, so its silent weeks and empty plan are not read as work left undone.
  const title = cluster.retiredAt
    ? t(lang, 'status.cluster_title_retired', { cluster: cluster.name, date: dayIn(ctx.settings.timezone, cluster.retiredAt), ...period })
    : t(lang, 'status.cluster_title', { cluster: cluster.name, ...period });
  return { title, blocks, buttons: viewButtons(lang, period, cluster.name), visibility: 'private' };
}

/** A cluster by name, refused when the reader's status does not cover it. */
async function clusterInScope(ctx: HandlerContext, name: string): Promise<Cluster> {
  const cluster = await requireCluster(ctx, name, statusExample[ctx.actor.language]);
  const scope = statusScopeOf(ctx);
  if (scope && !scope.includes(cluster.id)) {
    // A leader's role in a retired cluster covers no status: said so, rather than that it is not theirs.
    if (cluster.retiredAt) throw new LoketError('status.retired_not_yours', { cluster: cluster.name, date: dayIn(ctx.settings.timezone, cluster.retiredAt) }, 'status');
    throw new LoketError('status.not_yours', { cluster: cluster.name }, 'status');
  }
  return cluster;
}

/** `status indicators [cluster] [from:…] [to:…]`: the funder's figures against the targets, with the
 *  breakdowns, and for one cluster its member organisations in full. */
export async function statusIndicators(ctx: HandlerContext<StatusArgs>): Promise<Reply> {
  const { actor, repos, args, settings, clock } = ctx;
  const lang = actor.language;
  const period = readPeriod(args, settings.timezone, clock.now(), statusExample[ctx.actor.language]);
  const cluster = args.cluster ? await clusterInScope(ctx, args.cluster) : undefined;
  const scope = cluster ? [cluster.id] : statusScopeOf(ctx);
  const indicators = await computeIndicators(repos, actor.programmeId, scope, period, settings.timezone);
  const { targets } = await repos.targets.list(actor.programmeId);
  const blocks: ReplyBlock[] = [{ type: 'fields', fields: [...indicatorFields(lang, indicators, targets), ...(cluster ? [] : await evaluationsByKindField(ctx, period, scope))] }];
  if (cluster) {
    const { organisations } = await repos.status.memberOrganisations(actor.programmeId, cluster.id);
    const orgs = organisations.map((o) => `${o.name} (${o.orgNumber})`);
    blocks.push({ type: 'list', title: t(lang, 'status.member_orgs'), items: orgs.length ? orgs : ['–'] });
  } else if (scope) blocks.push({ type: 'text', text: t(lang, 'status.own_only') });
  const title = cluster ? t(lang, 'status.indicators_cluster_title', { cluster: cluster.name, ...period }) : t(lang, 'status.indicators_title', { ...period });
  return { title, blocks, visibility: 'private' };
}

/** `status continuity [cluster]`: person dependency and knowledge due for review (issue 11). */
export async function statusContinuity(ctx: HandlerContext<{ cluster?: string }>): Promise<Reply> {
  const { actor, args, settings, clock } = ctx;
  const lang = actor.language;
  const today = dayIn(settings.timezone, clock.now());
  if (args.cluster) {
    const cluster = await clusterInScope(ctx, args.cluster);
    const blocks = await continuityCluster(ctx, cluster, today);
    return { title: t(lang, 'status.continuity_cluster_title', { cluster: cluster.name }), blocks: blocks.length ? blocks : [{ type: 'text', text: t(lang, 'status.continuity_none') }], visibility: 'private' };
  }
  const scope = statusScopeOf(ctx);
  const blocks = await continuityOverview(ctx, scope, today);
  if (!blocks.length) blocks.push({ type: 'text', text: t(lang, 'status.continuity_none') });
  if (scope) blocks.push({ type: 'text', text: t(lang, 'status.own_only') });
  return { title: t(lang, 'status.continuity_title'), blocks, visibility: 'private' };
}

async function statusAll(ctx: HandlerContext, period: Period, today: string, asked: number): Promise<Reply> {
  const { actor, repos } = ctx;
  const lang = actor.language;
  const scope = statusScopeOf(ctx);
  const page = Math.max(1, asked);
  // Sent together (issue 21); the assessments of every cluster in one statement, not one per cluster.
  const [{ total }, { clusters }, assessed] = await Promise.all([
    repos.status.countClusters(actor.programmeId, scope, period),
    repos.status.clusters({ programmeId: actor.programmeId, scope, ...period, today, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    clusterAssessmentLines(ctx),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // Each line with its last self-assessment and the areas improved since the first (issue 23), as `status <cluster>`.
  const items = clusters.map((row) => [clusterLine(lang, toFacts(row, today)), assessed(row.id)].filter(Boolean).join(' · '));
  const blocks: ReplyBlock[] = [{ type: 'list', title: t(lang, 'status.page', { page, pages }), items: items.length ? items : ['–'] }];
  if (scope) blocks.push({ type: 'text', text: t(lang, 'status.own_only') });
  const period$ = `from:${period.from} to:${period.to}`;
  const buttons = page < pages ? [{ label: t(lang, 'status.next_page'), command: `status all ${page + 1} ${period$}` }] : undefined;
  return { title: t(lang, 'status.title', { ...period }), blocks, buttons, visibility: 'private' };
}

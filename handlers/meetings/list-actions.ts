import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { requireCluster } from '../core/lookups.js';
import { textReply, type Reply } from '../core/reply.js';
import { openActionLine } from './action-views.js';
import { t } from '../i18n/index.js';

const example = 'actions Rymd';
const SHOWN = 50;
const MINE = new Set(['mine', 'mina', 'min', 'me', 'jag']);
const ALL = new Set(['all', 'alla']);

interface Scope {
  filter: { ownerId?: string; clusterIds?: string[] };
  heading(count: number): string;
  empty: string;
}

/** `actions [mine|<cluster>|all]` (default mine): open action items, overdue first, with owner, due date and age. */
export async function listActions(ctx: HandlerContext<{ scope: string | undefined }>): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const lang = actor.language;
  const scope = await readScope(ctx);
  const { actions, total } = await repos.actionItems.listOpen({ programmeId: actor.programmeId, ...scope.filter, limit: SHOWN });
  if (total === 0) return textReply(scope.empty);
  const today = dayIn(settings.timezone, clock.now());
  const blocks: Reply['blocks'] = [{ type: 'list', items: actions.map((a) => openActionLine(lang, a, today)) }];
  if (total > actions.length) blocks.push({ type: 'text', text: t(lang, 'actions.showing', { shown: actions.length, total }) });
  blocks.push({ type: 'text', text: t(lang, 'actions.hint') });
  return { visibility: 'private', title: scope.heading(total), blocks };
}

async function readScope(ctx: HandlerContext<{ scope: string | undefined }>): Promise<Scope> {
  const lang = ctx.actor.language;
  const asked = ctx.args.scope?.trim() ?? '';
  const word = asked.toLowerCase();
  if (!word || MINE.has(word)) {
    return { filter: { ownerId: ctx.actor.personId }, heading: (count) => t(lang, 'actions.title_mine', { count }), empty: t(lang, 'actions.empty_mine') };
  }
  if (ALL.has(word)) return { filter: {}, heading: (count) => t(lang, 'actions.title_all', { count }), empty: t(lang, 'actions.empty') };
  const cluster = await requireCluster(ctx, asked, example);
  return {
    filter: { clusterIds: [cluster.id] },
    heading: (count) => t(lang, 'actions.title_cluster', { cluster: cluster.name, count }),
    empty: t(lang, 'actions.empty'),
  };
}

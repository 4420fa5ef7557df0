import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { commandArg } from '../core/free-text.js';
import type { Language } from '../core/incoming.js';
import { requireCluster } from '../core/lookups.js';
import { commandRef, textReply, type Reply } from '../core/reply.js';
import { openActionLine } from './action-views.js';
import { t } from '../i18n/index.js';

const example = 'actions Rymd';
/** A reply fits a phone screen: the most urgent items, the rest one command away (`… all`). */
const SHORT = 15;
/** `… all` is the reader asking for the whole list; this only guards against a reply without end. */
const FULL = 200;
const MINE = new Set(['mine', 'mina', 'min', 'me', 'jag']);
const ALL = new Set(['all', 'alla']);
const VERB = { sv: 'åtgärder', en: 'actions' } as const;
const WORD = { all: { sv: 'alla', en: 'all' }, mine: { sv: 'mina', en: 'mine' } } as const;

interface Scope {
  filter: { ownerId?: string; clusterIds?: string[] };
  heading(count: number): string;
  empty: string;
  /** The scope as typed in a command, in the reader's language (`mina`, `Rymd`, or '' for the whole programme). */
  word: string;
  full: boolean;
}

/** `actions [mine|<cluster>|all] [all]` (default mine): open action items, overdue first, then soonest due,
 *  with owner, due date and age. The most urgent 15 are shown; `… all` lists every one of them. */
export async function listActions(ctx: HandlerContext<{ scope: string | undefined }>): Promise<Reply> {
  const { actor, repos, clock, settings } = ctx;
  const lang = actor.language;
  const scope = await readScope(ctx);
  const { actions, total } = await repos.actionItems.listOpen({ programmeId: actor.programmeId, ...scope.filter, limit: scope.full ? FULL : SHORT });
  if (total === 0) return textReply(scope.empty);
  const today = dayIn(settings.timezone, clock.now());
  const items = actions.map((a) => openActionLine(lang, a, today));
  const rest = total - actions.length;
  if (rest > 0 && !scope.full) items.push(t(lang, 'actions.more', { count: rest, command: commandRef(allCommand(lang, scope.word), lang) }));
  const blocks: Reply['blocks'] = [{ type: 'list', items }];
  if (rest > 0 && scope.full) blocks.push({ type: 'text', text: t(lang, 'actions.showing', { shown: actions.length, total }) });
  blocks.push({ type: 'text', text: t(lang, 'actions.hint') });
  return { visibility: 'private', title: scope.heading(total), blocks };
}

/** `åtgärder alla`, `actions mine all`, `actions "Skog & Trä" all`: the whole list of a scope. */
function allCommand(lang: Language, word: string): string {
  return [VERB[lang], word, WORD.all[lang]].filter(Boolean).join(' ');
}

async function readScope(ctx: HandlerContext<{ scope: string | undefined }>): Promise<Scope> {
  const lang = ctx.actor.language;
  let asked = ctx.args.scope?.trim() ?? '';
  // A trailing `all` after mine or a cluster asks for that scope's whole list.
  const tail = /\s+(all|alla)$/i.exec(asked);
  const full = Boolean(tail);
  if (tail) asked = asked.slice(0, tail.index).trim();
  const word = asked.toLowerCase();
  if (!word || MINE.has(word)) {
    return { filter: { ownerId: ctx.actor.personId }, heading: (count) => t(lang, 'actions.title_mine', { count }), empty: t(lang, 'actions.empty_mine'), word: WORD.mine[lang], full };
  }
  if (ALL.has(word)) return { filter: {}, heading: (count) => t(lang, 'actions.title_all', { count }), empty: t(lang, 'actions.empty'), word: '', full: true };
  const cluster = await requireCluster(ctx, asked, example);
  return {
    filter: { clusterIds: [cluster.id] },
    heading: (count) => t(lang, 'actions.title_cluster', { cluster: cluster.name, count }),
    empty: t(lang, 'actions.empty'),
    word: commandArg(cluster.name),
    full,
  };
}

// `handover <cluster> to:@x [from:@y]`: leadership, the open work and the knowledge entries of one person
// move to another, each item named in the reply, and a pack for the new leader. One transaction (the
// core's): a refusal anywhere leaves nothing changed.
import type { Cluster } from '../../db/clusters.repository.js';
import type { Person } from '../../db/people.repository.js';
import type { PersonRef } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { mayManageCluster } from '../core/access.js';
import { LoketError } from '../core/errors.js';
import { shorten } from '../core/free-text.js';
import { requireCluster, resolvePerson } from '../core/lookups.js';
import { commandRef, type Reply, type ReplyBlock } from '../core/reply.js';
import type { Bilingual } from '../core/spec.js';
import { packSummary, producePack } from './handover-pack-command.js';
import { pathBlocks } from './handover-publish.js';
import { t } from '../i18n/index.js';

/** The most characters of an item's text the handover reply quotes. */
const ITEM_MAX = 80;
/** The items of each moved list the reply names; the rest are counted with the command that lists them. */
const ITEMS_SHOWN = 5;

export const handoverExample: Bilingual = { sv: 'handover Rymd till:@erik', en: 'handover Rymd to:@erik' };

type HandoverArgs = { cluster: string; to: PersonRef; from: PersonRef | undefined };

/** Who hands over: `from:` when given, else the current leader; either way it must be the leader. */
async function readParties(ctx: HandlerContext<HandoverArgs>, cluster: Cluster, example: string): Promise<{ from: Person; to: Person }> {
  const to = await resolvePerson(ctx, ctx.args.to, example);
  const { leader } = await ctx.repos.clusters.leaderOf(ctx.actor.programmeId, cluster.id);
  const from = ctx.args.from ? await resolvePerson(ctx, ctx.args.from, example) : leader;
  if (!from || !leader) throw new LoketError('handover.no_leader', { cluster: cluster.name }, `cluster role ${cluster.name} @${to.displayName} leader`);
  if (from.id !== leader.id) throw new LoketError('handover.not_leader', { person: from.displayName, cluster: cluster.name, leader: leader.displayName }, example);
  if (to.id === from.id) throw new LoketError('handover.same_person', { person: to.displayName }, example);
  return { from, to };
}

export async function handover(ctx: HandlerContext<HandoverArgs>): Promise<Reply> {
  const { actor, repos, clock } = ctx;
  const example = handoverExample[actor.language];
  const cluster = await requireCluster(ctx, ctx.args.cluster, example);
  if (!mayManageCluster(actor, cluster.id)) throw new LoketError('handover.not_allowed', { cluster: cluster.name }, example);
  const { from, to } = await readParties(ctx, cluster, example);
  const p = actor.programmeId;
  const now = clock.now();
  const { actions } = await repos.handover.openActionsOf(p, cluster.id, from.id);
  const { actions: planActions } = await repos.handover.openPlanActionsOf(p, cluster.id, from.id);
  const { entries } = await repos.knowledge.ownedInCluster(p, cluster.id, from.id, now);
  await repos.clusters.setRole({ programmeId: p, clusterId: cluster.id, personId: to.id, role: 'leader', at: now });
  const moved = {
    actions: (await repos.handover.reassignActions(p, actions.map((a) => a.id), from.id, to.id)).numbers,
    planActions: (await repos.handover.reassignPlanActions(p, planActions.map((a) => a.id), from.id, to.id)).numbers,
    notes: (await repos.knowledge.reassign(p, entries.map((e) => e.id), to.id)).numbers,
  };
  // The cluster's open exchange needs go with the leadership, so proposals reach whoever leads now (issue 20);
  // the old leader's offers stay theirs, since they stay on as deputy with what they know.
  const { needs } = await repos.exchanges.moveOpenPosts({ programmeId: p, clusterId: cluster.id, fromId: from.id, toId: to.id, closeOffers: false, at: now });
  await audit(ctx, cluster, from, to, { ...moved, needs: needs.map((n) => n.id) });
  const { pack, links, paths } = await producePack(ctx, cluster, { from: from.displayName, to: to.displayName });
  const lang = actor.language;
  const named = /\s/.test(cluster.name) ? `"${cluster.name}"` : cluster.name;
  const leave = commandRef(`leave ${named}`, lang);
  const blocks: ReplyBlock[] = [{ type: 'text', text: t(lang, 'handover.done', { cluster: cluster.name, from: from.displayName, to: to.displayName, command: leave }) }];
  // A reply stays within a screen: each list names its first few items and the rest with the command that
  // lists them all (the handover pack holds every item too).
  const list = (key: 'handover.moved_actions' | 'handover.moved_plan_actions' | 'handover.moved_notes' | 'handover.moved_needs', items: string[], all: string) => {
    if (!items.length) return;
    const shown = items.slice(0, ITEMS_SHOWN);
    if (items.length > ITEMS_SHOWN) shown.push(t(lang, 'handover.more', { n: items.length - ITEMS_SHOWN, command: commandRef(all, lang) }));
    blocks.push({ type: 'list', title: t(lang, key, { n: items.length }), items: shown });
  };
  // Each item quoted on one line and cut at a word with «…», however long or many-lined it was typed (the
  // handover pack and `meeting show` hold the whole text).
  list('handover.moved_actions', actions.map((a) => `A${a.number} ${shorten(a.text, ITEM_MAX)}${a.dueOn ? ` (${a.dueOn})` : ''}`), `actions ${named}`);
  list('handover.moved_plan_actions', planActions.map((a) => `P${a.number} ${shorten(a.text, ITEM_MAX)} (${a.dueOn})`), `plan ${named}`);
  list('handover.moved_notes', entries.map((e) => `N${e.number} ${shorten(e.text, ITEM_MAX)}`), `handover pack ${named}`);
  list('handover.moved_needs', needs.map((n) => shorten(n.topic, ITEM_MAX)), 'exchange list');
  // The pack below counts all of the cluster's open work, whoever owns it; what stays with other owners is
  // said here, so the moved figures and the pack's add up.
  const otherActions = pack.openActions.length - actions.length;
  const otherPlanActions = pack.openPlanActions.length - planActions.length;
  if (otherActions > 0 || otherPlanActions > 0) {
    blocks.push({ type: 'text', text: t(lang, 'handover.other_owners', { actions: otherActions, planActions: otherPlanActions, totalActions: pack.openActions.length, totalPlanActions: pack.openPlanActions.length }) });
  }
  if (actions.length + planActions.length + entries.length + needs.length === 0) blocks.push({ type: 'text', text: t(lang, 'handover.nothing_moved', { from: from.displayName }) });
  blocks.push({ type: 'text', text: `${packSummary(ctx, pack)}\n${t(lang, links.length ? 'handover.pack_link' : 'handover.pack_path')}` }, ...pathBlocks(paths));
  return { title: t(lang, 'handover.title', { cluster: cluster.name }), blocks, links: links.length ? links : undefined, visibility: 'private' };
}

/** One row for the handover and one per moved item, so each item's history shows how its owner changed. */
async function audit(ctx: HandlerContext, cluster: Cluster, from: Person, to: Person, moved: { actions: number[]; planActions: number[]; notes: number[]; needs: string[] }) {
  const { actor, repos, clock } = ctx;
  const base = { programmeId: actor.programmeId, actorId: actor.personId, at: clock.now() };
  const detail = { fromId: from.id, toId: to.id };
  await repos.audit.record({ ...base, action: 'handover', subjectType: 'cluster', subjectId: cluster.id, detail: { ...detail, actions: moved.actions.map((n) => `A${n}`), planActions: moved.planActions.map((n) => `P${n}`), notes: moved.notes.map((n) => `N${n}`), exchangeNeeds: moved.needs } });
  await repos.audit.record({ ...base, action: 'cluster.role', subjectType: 'membership', subjectId: `${cluster.id}:${to.id}`, detail: { role: 'leader', previousLeaderId: from.id, via: 'handover' } });
  for (const n of moved.actions) await repos.audit.record({ ...base, action: 'action.reassign', subjectType: 'action_item', subjectId: `A${n}`, detail });
  for (const n of moved.planActions) await repos.audit.record({ ...base, action: 'plan_action.reassign', subjectType: 'plan_action', subjectId: `P${n}`, detail });
  for (const n of moved.notes) await repos.audit.record({ ...base, action: 'note.reassign', subjectType: 'note', subjectId: `N${n}`, detail });
}

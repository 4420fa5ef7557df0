// `handover <cluster> to:@x [from:@y]`: leadership, the open work and the knowledge entries of one person
// move to another, each item named in the reply, and a pack for the new leader. One transaction (the
// core's): a refusal anywhere leaves nothing changed.
import type { Cluster } from '../../db/clusters.repository.js';
import type { Person } from '../../db/people.repository.js';
import { option, positional } from '../core/command.js';
import type { HandlerContext } from '../core/context.js';
import { mayManageCluster } from '../core/access.js';
import { LoketError } from '../core/errors.js';
import { requireCluster, resolvePerson } from '../core/lookups.js';
import type { Reply, ReplyBlock } from '../core/reply.js';
import { packSummary, producePack } from './handover-pack-command.js';
import { pathBlocks } from './handover-publish.js';
import { t } from '../i18n/index.js';
import { parseWithPart } from '../meetings/meeting-participants.js';

export const handoverExample = 'handover Rymd to:@erik';

async function readPerson(ctx: HandlerContext, key: 'to' | 'from'): Promise<Person | undefined> {
  const typed = option(ctx.command, key);
  if (typed === undefined) return undefined;
  const part = parseWithPart(typed);
  if (part?.type !== 'people' || part.refs.length !== 1) throw new LoketError('handover.person_invalid', { key, value: typed }, handoverExample);
  return resolvePerson(ctx, part.refs[0], handoverExample);
}

/** Who hands over: `from:` when given, else the current leader; either way it must be the leader. */
async function readParties(ctx: HandlerContext, cluster: Cluster): Promise<{ from: Person; to: Person }> {
  const to = await readPerson(ctx, 'to');
  if (!to) throw new LoketError('args.missing', { what: 'handover.to_what' }, handoverExample);
  const { leader } = await ctx.repos.clusters.leaderOf(ctx.actor.programmeId, cluster.id);
  const from = (await readPerson(ctx, 'from')) ?? leader;
  if (!from || !leader) throw new LoketError('handover.no_leader', { cluster: cluster.name }, `cluster role ${cluster.name} @${to.displayName} leader`);
  if (from.id !== leader.id) throw new LoketError('handover.not_leader', { person: from.displayName, cluster: cluster.name, leader: leader.displayName }, handoverExample);
  if (to.id === from.id) throw new LoketError('handover.same_person', { person: to.displayName }, handoverExample);
  return { from, to };
}

export async function handover(ctx: HandlerContext): Promise<Reply> {
  const { command, actor, repos, clock } = ctx;
  const cluster = await requireCluster(ctx, positional(command)[0], handoverExample);
  if (!mayManageCluster(actor, cluster.id)) throw new LoketError('handover.not_allowed', { cluster: cluster.name }, handoverExample);
  const { from, to } = await readParties(ctx, cluster);
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
  await audit(ctx, cluster, from, to, moved);
  const { pack, links, paths } = await producePack(ctx, cluster, { from: from.displayName, to: to.displayName });
  const lang = actor.language;
  const blocks: ReplyBlock[] = [{ type: 'text', text: t(lang, 'handover.done', { cluster: cluster.name, from: from.displayName, to: to.displayName }) }];
  const list = (key: 'handover.moved_actions' | 'handover.moved_plan_actions' | 'handover.moved_notes', items: string[]) => {
    if (items.length) blocks.push({ type: 'list', title: t(lang, key, { n: items.length }), items });
  };
  list('handover.moved_actions', actions.map((a) => `A${a.number} ${a.text}${a.dueOn ? ` (${a.dueOn})` : ''}`));
  list('handover.moved_plan_actions', planActions.map((a) => `P${a.number} ${a.text} (${a.dueOn})`));
  list('handover.moved_notes', entries.map((e) => `N${e.number} ${e.text.slice(0, 80)}`));
  if (actions.length + planActions.length + entries.length === 0) blocks.push({ type: 'text', text: t(lang, 'handover.nothing_moved', { from: from.displayName }) });
  blocks.push({ type: 'text', text: `${packSummary(ctx, pack)}\n${t(lang, links.length ? 'handover.pack_link' : 'handover.pack_path')}` }, ...pathBlocks(paths));
  return { title: t(lang, 'handover.title', { cluster: cluster.name }), blocks, links: links.length ? links : undefined, visibility: 'private' };
}

/** One row for the handover and one per moved item, so each item's history shows how its owner changed. */
async function audit(ctx: HandlerContext, cluster: Cluster, from: Person, to: Person, moved: { actions: number[]; planActions: number[]; notes: number[] }) {
  const { actor, repos, clock } = ctx;
  const base = { programmeId: actor.programmeId, actorId: actor.personId, at: clock.now() };
  const detail = { fromId: from.id, toId: to.id };
  await repos.audit.record({ ...base, action: 'handover', subjectType: 'cluster', subjectId: cluster.id, detail: { ...detail, actions: moved.actions.map((n) => `A${n}`), planActions: moved.planActions.map((n) => `P${n}`), notes: moved.notes.map((n) => `N${n}`) } });
  await repos.audit.record({ ...base, action: 'cluster.role', subjectType: 'membership', subjectId: `${cluster.id}:${to.id}`, detail: { role: 'leader', previousLeaderId: from.id, via: 'handover' } });
  for (const n of moved.actions) await repos.audit.record({ ...base, action: 'action.reassign', subjectType: 'action_item', subjectId: `A${n}`, detail });
  for (const n of moved.planActions) await repos.audit.record({ ...base, action: 'plan_action.reassign', subjectType: 'plan_action', subjectId: `P${n}`, detail });
  for (const n of moved.notes) await repos.audit.record({ ...base, action: 'note.reassign', subjectType: 'note', subjectId: `N${n}`, detail });
}

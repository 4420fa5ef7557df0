import type { Actor } from './actor.js';

/** Roles as the role table speaks of them. `leader`/`deputy`/`member` mean "in at least one cluster";
 *  handlers that act on one cluster also ask mayManageCluster for that cluster. */
export const roles = ['manager', 'leader', 'deputy', 'member', 'board', 'participant'] as const;
export type Role = (typeof roles)[number];

export const everyone: readonly Role[] = roles;

/** TRANSITION ONLY: who may run the verbs not yet declared by their feature; each moves into its command's
 *  declaration (handlers/<feature>/commands.ts). */
export const legacyRoles: Record<string, readonly Role[]> = {
  help: everyone,
  whoami: everyone,
  // The one-time code itself is the authority.
  claim: everyone,
  role: ['manager'],
  'programme invite': ['manager'],
  // Runs before the workspace has a programme; possession of the PM's invite code is the authority.
  'programme join': everyone,
  'cluster add': ['manager'],
  'cluster list': everyone,
  'cluster role': ['manager', 'leader'],
  join: everyone,
  profile: everyone,
  'org add': ['manager', 'leader'],
  // Meetings (issue 4). Reading, searching and sharing a summary are for everyone: shared knowledge is the
  // point. Logging is for leaders, deputies and managers (DESIGN.md "leaders, PM"; a deputy continues the
  // leader's work). Edit and delete need the same roles here, and the handler then narrows them to the
  // meeting's author or a manager, which a role table cannot know. Anyone may try `done`, since an owner
  // can be any participant; the handler allows the owner, the author, the cluster's leader/deputy or a
  // manager. Notes are for the cluster's members; the handler checks membership of that cluster.
  meeting: ['manager', 'leader', 'deputy'],
  'meeting show': everyone,
  'meeting share': everyone,
  'meeting edit': ['manager', 'leader', 'deputy'],
  'meeting delete': ['manager', 'leader', 'deputy'],
  meetings: everyone,
  actions: everyone,
  done: everyone,
  note: ['manager', 'leader', 'deputy', 'member'],
  search: everyone,
  // Weekly rhythm (issue 5). A note is written by the cluster's leader or deputy (the handler checks that
  // cluster) or a PM writing on a leader's behalf.
  progress: ['manager', 'leader', 'deputy'],
  // Notes are shared knowledge, readable by every participant.
  'progress show': everyone,
  // Who has not posted is a follow-up tool for those who chase notes, not a public list of names.
  'progress missing': ['manager', 'leader', 'deputy'],
  // Anyone may be away; it only silences reminders to themselves.
  away: everyone,
  // Subscribing posts to a whole channel every week: PM, leaders and deputies, typing in that channel
  // (being able to type there is the proof of membership; the handler takes the channel from the message).
  'digest here': ['manager', 'leader', 'deputy'],
  // Whoever may subscribe may stop it again.
  'digest off': ['manager', 'leader', 'deputy'],
  // A preview is private and shows only what every participant may already read.
  'digest preview': everyone,
  // Development plans (issue 6): every participant may read a plan (shared knowledge). Writing gaps,
  // actions and reviews is for leaders, deputies and managers; the handler narrows it to the cluster's own
  // leader or deputy. `plan done` is open like `done`: an action's owner may be any participant, and the
  // handler allows the owner or whoever may edit that cluster's plan.
  plan: everyone,
  'plan gap': ['manager', 'leader', 'deputy'],
  'plan action': ['manager', 'leader', 'deputy'],
  'plan done': everyone,
  'plan review': ['manager', 'leader', 'deputy'],
  // The advisory board is the programme's, so the PM appoints it (same as `role @x board`).
  'board add': ['manager'],
  // Status reads every cluster for a manager; a leader or deputy gets their own clusters only (the handler
  // scopes it), since they run those clusters and need the same overview of them.
  status: ['manager', 'leader', 'deputy'],
  // Targets are the programme's commitments to the funder: the PM's.
  target: ['manager'],
  // Exports carry participants' personal data out of LOKET: the PM, and a leader for their own clusters
  // only (the handler scopes it); deputies ask their leader.
  export: ['manager', 'leader'],
  // Peer exchange (issue 7). Needs, offers and answers are for those who run a cluster: leaders, deputies
  // and managers (the handler takes the cluster they lead or deputise, and lets only the two sides answer a
  // proposal). Open needs and offers are shared knowledge, readable by everyone. A round proposes pairs
  // across the whole programme, so it is the PM's.
  'exchange need': ['manager', 'leader', 'deputy'],
  'exchange offer': ['manager', 'leader', 'deputy'],
  'exchange list': everyone,
  'exchange accept': ['manager', 'leader', 'deputy'],
  'exchange decline': ['manager', 'leader', 'deputy'],
  'exchange done': ['manager', 'leader', 'deputy'],
  'exchange pause': ['manager', 'leader', 'deputy'],
  'exchange resume': ['manager', 'leader', 'deputy'],
  'exchange round': ['manager'],
  // Web view (issue 12). The page shows every cluster's figures and participants' statistics, so only a PM
  // may get a link; and only a PM may retire every dashboard and download link of the programme at once.
  dashboard: ['manager'],
  'dashboard revoke': ['manager'],
  // Audit (issue 9). The trail names people and everything they did across all clusters; it is the
  // programme's accountability record, so only a PM reads it.
  audit: ['manager'],
  // Knowledge continuity (issue 11). Handing over moves leadership and other people's open work, so it is
  // for the cluster's leader or a PM (the handler checks it is that cluster's leader). The pack gathers the
  // cluster's contacts in one file: a PM, or the cluster's leader or deputy (the deputy may be the one
  // taking over; the handler checks the cluster). Anyone may try `note review`: the owner of a note can be
  // any participant, and the handler allows the owner, the cluster's leader or deputy, or a PM. The archive
  // holds everything the programme recorded, across clusters: the PM's.
  handover: ['manager', 'leader'],
  'handover pack': ['manager', 'leader', 'deputy'],
  'note review': everyone,
  'archive export': ['manager'],
  // Privacy (issue 10). Everyone may learn what is stored about them, take it out and ask to be forgotten:
  // these are every data subject's rights and act only on the asker's own data. Holds stop erasure and
  // retention for the programme's records, and the review flags point at other people's erased names: the
  // PM's, who answers for the programme's records.
  privacy: everyone,
  'export me': everyone,
  'forget-me': everyone,
  hold: ['manager'],
  'hold release': ['manager'],
  'privacy flags': ['manager'],
};

export function rolesOf(actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>): Set<Role> {
  const held = new Set<Role>(['participant']);
  for (const role of actor.programmeRoles) held.add(role);
  for (const { role } of actor.clusterRoles) held.add(role);
  return held;
}

/** Managers act on every cluster; a leader only on the cluster they lead. */
export function mayManageCluster(actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>, clusterId: string): boolean {
  if (actor.programmeRoles.includes('manager')) return true;
  return actor.clusterRoles.some((m) => m.clusterId === clusterId && m.role === 'leader');
}

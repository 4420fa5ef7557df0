import type { Actor } from './actor.js';

/** Roles as the role table speaks of them. `leader`/`deputy`/`member` mean "in at least one cluster";
 *  handlers that act on one cluster also ask mayManageCluster for that cluster. */
export const roles = ['manager', 'leader', 'deputy', 'member', 'board', 'participant'] as const;
export type Role = (typeof roles)[number];

export const everyone: readonly Role[] = roles;

/** Who may run each verb: the one role table (DESIGN.md "Commands"), enforced by the core before a
 *  handler runs, and tested row by row. */
export const roleTable: Record<string, readonly Role[]> = {
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
};

export function rolesOf(actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>): Set<Role> {
  const held = new Set<Role>(['participant']);
  for (const role of actor.programmeRoles) held.add(role);
  for (const { role } of actor.clusterRoles) held.add(role);
  return held;
}

export function mayRun(verb: string, actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>): boolean {
  const allowed = roleTable[verb];
  if (!allowed) return false;
  const held = rolesOf(actor);
  return allowed.some((role) => held.has(role));
}

/** Managers act on every cluster; a leader only on the cluster they lead. */
export function mayManageCluster(actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>, clusterId: string): boolean {
  if (actor.programmeRoles.includes('manager')) return true;
  return actor.clusterRoles.some((m) => m.clusterId === clusterId && m.role === 'leader');
}

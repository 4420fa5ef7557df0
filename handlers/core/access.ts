import type { Actor } from './actor.js';

/** Roles as command declarations speak of them. `leader`/`deputy`/`member` mean "in at least one cluster";
 *  handlers that act on one cluster also ask mayManageCluster for that cluster. */
export const roles = ['manager', 'leader', 'deputy', 'member', 'board', 'participant'] as const;
export type Role = (typeof roles)[number];

export const everyone: readonly Role[] = roles;

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

import type { Actor } from './actor.js';

/** Who writes a cluster's plan: its leader or deputy (the deputy continues the leader's work), or a
 *  manager. The role table lets leaders and deputies in; this narrows it to their own cluster. */
export function mayEditPlan(actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>, clusterId: string): boolean {
  if (actor.programmeRoles.includes('manager')) return true;
  return actor.clusterRoles.some((m) => m.clusterId === clusterId && (m.role === 'leader' || m.role === 'deputy'));
}

import { describe, expect, it } from 'vitest';
import { mayManageCluster, roles, type Role } from '../../../handlers/core/access.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { mayRun } from '../../support/may-run.js';

// Written out by hand on purpose: a change to the role table must be a change to this test too.
const expected: Record<string, Role[]> = {
  help: [...roles],
  whoami: [...roles],
  claim: [...roles],
  role: ['manager'],
  'programme invite': ['manager'],
  'programme join': [...roles],
  'cluster add': ['manager'],
  'cluster list': [...roles],
  'cluster role': ['manager', 'leader'],
  join: [...roles],
  profile: [...roles],
  'org add': ['manager', 'leader'],
};

function actorWith(role: Role) {
  if (role === 'manager' || role === 'board') return { programmeRoles: [role], clusterRoles: [] };
  if (role === 'participant') return { programmeRoles: [], clusterRoles: [] };
  return { programmeRoles: [], clusterRoles: [{ clusterId: 'c1', clusterName: 'C', role }] };
}

describe('role table', () => {
  it('every verb written out here is a command LOKET knows', () => {
    for (const verb of Object.keys(expected)) expect(commandRegistry.find(verb)?.verb, verb).toBe(verb);
  });

  for (const [verb, allowed] of Object.entries(expected)) {
    for (const role of roles) {
      const may = allowed.includes(role);
      it(`a ${role} ${may ? 'may' : 'may not'} run ${verb}`, () => {
        expect(mayRun(verb, actorWith(role))).toBe(may);
      });
    }
  }

  it('a leader manages only the cluster they lead; a manager manages every cluster', () => {
    const leader = { programmeRoles: [], clusterRoles: [{ clusterId: 'c1', clusterName: 'C', role: 'leader' as const }] };
    expect(mayManageCluster(leader, 'c1')).toBe(true);
    expect(mayManageCluster(leader, 'c2')).toBe(false);
    expect(mayManageCluster({ programmeRoles: ['manager'], clusterRoles: [] }, 'c2')).toBe(true);
    expect(mayManageCluster({ programmeRoles: [], clusterRoles: [{ clusterId: 'c1', clusterName: 'C', role: 'deputy' }] }, 'c1')).toBe(false);
  });

  it('an unknown verb is allowed to nobody', () => {
    expect(mayRun('drop table', { programmeRoles: ['manager'], clusterRoles: [] })).toBe(false);
  });
});

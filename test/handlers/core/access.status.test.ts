import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../handlers/core/access.js';
import { mayRun } from '../../support/may-run.js';
import { mayEditPlan } from '../../../handlers/core/plan-access.js';

// The issue-6 rows of the role table, written out by hand: a change there must be a change here too.
const expected: Record<string, Role[]> = {
  plan: [...roles],
  'plan gap': ['manager', 'leader', 'deputy'],
  'plan action': ['manager', 'leader', 'deputy'],
  'plan done': [...roles],
  'plan review': ['manager', 'leader', 'deputy'],
  'board add': ['manager'],
  // The advisory board follows the programme: it reads status (all clusters), read-only.
  status: ['manager', 'board', 'leader', 'deputy'],
  target: ['manager'],
  export: ['manager', 'leader'],
};

function actorWith(role: Role) {
  if (role === 'manager' || role === 'board') return { programmeRoles: [role], clusterRoles: [] };
  if (role === 'participant') return { programmeRoles: [], clusterRoles: [] };
  return { programmeRoles: [], clusterRoles: [{ clusterId: 'c1', clusterName: 'C', role }] };
}

describe('role table rows for plans, status, targets and exports', () => {
  for (const [verb, allowed] of Object.entries(expected)) {
    for (const role of roles) {
      const may = allowed.includes(role);
      it(`a ${role} ${may ? 'may' : 'may not'} run ${verb}`, () => {
        expect(mayRun(verb, actorWith(role))).toBe(may);
      });
    }
  }

  it("a cluster's leader or deputy edits its plan, a member or another cluster's leader does not, a manager every plan", () => {
    expect(mayEditPlan(actorWith('leader'), 'c1')).toBe(true);
    expect(mayEditPlan(actorWith('deputy'), 'c1')).toBe(true);
    expect(mayEditPlan(actorWith('member'), 'c1')).toBe(false);
    expect(mayEditPlan(actorWith('leader'), 'c2')).toBe(false);
    expect(mayEditPlan(actorWith('manager'), 'c2')).toBe(true);
  });
});

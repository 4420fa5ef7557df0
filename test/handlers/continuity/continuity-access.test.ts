import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../handlers/core/access.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { mayRun } from '../../support/may-run.js';
const findVerb = (name: string) => commandRegistry.find(name);

// The issue-11 rows of the role table, written out by hand: a change there must be a change here too.
const expected: Record<string, Role[]> = {
  handover: ['manager', 'leader'],
  'handover pack': ['manager', 'leader', 'deputy'],
  'note review': [...roles],
  'archive export': ['manager'],
};

function actorWith(role: Role) {
  if (role === 'manager' || role === 'board') return { programmeRoles: [role], clusterRoles: [] };
  if (role === 'participant') return { programmeRoles: [], clusterRoles: [] };
  return { programmeRoles: [], clusterRoles: [{ clusterId: 'c1', clusterName: 'C', role }] };
}

describe('role table rows for handover, knowledge review and the archive', () => {
  for (const [verb, allowed] of Object.entries(expected)) {
    for (const role of roles) {
      const may = allowed.includes(role);
      it(`a ${role} ${may ? 'may' : 'may not'} run ${verb}`, () => {
        expect(mayRun(verb, actorWith(role))).toBe(may);
      });
    }
  }

  it('the Swedish aliases reach the same verbs', () => {
    expect(findVerb('överlämna')?.verb).toBe('handover');
    expect(findVerb('överlämna paket')?.verb).toBe('handover pack');
    expect(findVerb('anteckning granskad')?.verb).toBe('note review');
    expect(findVerb('note keep')?.verb).toBe('note review');
    expect(findVerb('arkivera')?.verb).toBe('archive export');
  });
});

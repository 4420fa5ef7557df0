import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../handlers/core/access.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { mayRun } from '../../support/may-run.js';
const findVerb = (name: string) => commandRegistry.find(name);

// Written out by hand on purpose: the weekly-rhythm rows of the role table (issue 5).
const expected: Record<string, Role[]> = {
  progress: ['manager', 'leader', 'deputy'],
  'progress show': [...roles],
  'progress missing': ['manager', 'leader', 'deputy'],
  away: [...roles],
  'digest here': ['manager', 'leader', 'deputy'],
  'digest off': ['manager', 'leader', 'deputy'],
  'digest preview': [...roles],
};

function actorWith(role: Role) {
  if (role === 'manager' || role === 'board') return { programmeRoles: [role], clusterRoles: [] };
  if (role === 'participant') return { programmeRoles: [], clusterRoles: [] };
  return { programmeRoles: [], clusterRoles: [{ clusterId: 'c1', clusterName: 'C', role }] };
}

describe('weekly rhythm role table rows', () => {
  it('every weekly verb is dispatched and has a row', () => {
    for (const verb of Object.keys(expected)) {
      expect(findVerb(verb)?.verb, verb).toBe(verb);
    }
  });

  it('Swedish aliases reach the same verbs', () => {
    expect(findVerb('veckorapport')?.verb).toBe('progress');
    expect(findVerb('borta')?.verb).toBe('away');
    expect(findVerb('sammanfattning här')?.verb).toBe('digest here');
  });

  for (const [verb, allowed] of Object.entries(expected)) {
    for (const role of roles) {
      const may = allowed.includes(role);
      it(`a ${role} ${may ? 'may' : 'may not'} run ${verb}`, () => {
        expect(mayRun(verb, actorWith(role))).toBe(may);
      });
    }
  }
});

import type { Actor } from '../../handlers/core/actor.js';
import { commandRegistry } from '../../handlers/registry.js';

/** Whether the registry lets `actor` run `verb` (an unknown verb: nobody). */
export function mayRun(verb: string, actor: Pick<Actor, 'programmeRoles' | 'clusterRoles'>): boolean {
  const spec = commandRegistry.find(verb);
  return spec !== undefined && spec.verb === verb && commandRegistry.mayRun(spec, actor);
}

// The one list of commands, joined from the features' declarations (handlers/registry.ts). Dispatch, the
// role check, help, suggestions and the platform manifests all read it (docs/architecture.md "Commands").
import { closest, distance } from 'fastest-levenshtein';
import { roles as allRoles, rolesOf } from './access.js';
import { rolesOfSpec, type CommandSpec, type Registry } from './spec.js';

export type { Registry, Resolution } from './spec.js';

export function createRegistry(specs: readonly CommandSpec[]): Registry {
  const byName = new Map<string, CommandSpec>();
  for (const spec of specs) {
    for (const name of [spec.verb, ...spec.aliases]) {
      const key = name.toLowerCase();
      const other = byName.get(key);
      if (other) throw new Error(`"${name}" names both ${other.verb} and ${spec.verb}`);
      if (key.split(' ').length > 2) throw new Error(`"${name}" has more than two words`);
      byName.set(key, spec);
    }
    const positionals = Object.values(spec.args).filter((s) => s.kind === 'positional');
    if (positionals.slice(0, -1).some((s) => s.kind === 'positional' && s.rest)) throw new Error(`${spec.verb}: only the last positional argument may take the rest`);
  }
  const names = [...byName.keys()];
  const find = (name: string) => byName.get(name.toLowerCase());
  return {
    all: specs,
    find,
    resolve(parsed, raw) {
      const words: string[] = [];
      for (const token of parsed.tokens.slice(0, 2)) {
        if (token.type !== 'word') break;
        words.push(token.value.toLowerCase());
      }
      if (words.length === 0) return parsed.tokens.length ? { kind: 'unknown', typed: raw.trim().slice(0, 40) } : { kind: 'empty' };
      for (const count of [2, 1]) {
        if (words.length < count) continue;
        const spec = byName.get(words.slice(0, count).join(' '));
        if (spec) return { kind: 'verb', spec, command: { verb: spec.verb, args: parsed.tokens.slice(count), lines: parsed.lines, raw } };
      }
      const typed = words.join(' ');
      // `meting Styrgrupp` is a misspelt verb followed by a title: the first word alone decides when it is close.
      const first = words[0]!;
      const nearFirst = closest(first, names);
      const suggestion = distance(first, nearFirst) <= 2 ? nearFirst : closest(typed, names);
      return { kind: 'unknown', typed, suggestion: byName.get(suggestion) };
    },
    nearest(typed, count) {
      const lower = typed.toLowerCase();
      const scored = names.map((name) => ({ spec: byName.get(name)!, d: distance(lower, name) / Math.max(name.length, 1) }));
      scored.sort((a, b) => a.d - b.d);
      const found: CommandSpec[] = [];
      for (const { spec } of scored) if (!found.includes(spec) && found.length < count) found.push(spec);
      return found;
    },
    rolesFor: (spec) => rolesOfSpec(spec, allRoles),
    mayRun(spec, actor) {
      const held = rolesOf(actor);
      return rolesOfSpec(spec, allRoles).some((role) => held.has(role));
    },
  };
}

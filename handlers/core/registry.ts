// The one list of commands, joined from the features' declarations (handlers/registry.ts). Dispatch, the
// role check, help, suggestions and the platform manifests all read it (docs/architecture.md "Commands").
import { roles as allRoles, rolesOf } from './access.js';
import { suggestedCommand } from './bind.js';
import type { Command } from './command.js';
import { rolesOfSpec, type CommandSpec, type Registry } from './spec.js';

export type { Registry, Resolution } from './spec.js';

export function createRegistry(specs: readonly CommandSpec[]): Registry {
  const byName = new Map<string, CommandSpec>();
  for (const spec of specs) {
    for (const name of [spec.verb, ...spec.aliases]) {
      const key = name.toLowerCase();
      const other = byName.get(key);
      // A verb may be its own first alias: the Swedish name of `status` is `status` too (spec.ts verbIn).
      if (other && other !== spec) throw new Error(`"${name}" names both ${other.verb} and ${spec.verb}`);
      if (key.split(' ').length > 2) throw new Error(`"${name}" has more than two words`);
      byName.set(key, spec);
    }
    const positionals = Object.values(spec.args).filter((s) => s.kind === 'positional');
    if (positionals.slice(0, -1).some((s) => s.kind === 'positional' && s.rest)) throw new Error(`${spec.verb}: only the last positional argument may take the rest`);
  }
  const names = [...byName.keys()];
  /** The sub-command `first second` most likely meant, when `second` is no value `spec` takes. Sub-commands
   *  are looked up under every one-word name of `spec` (`kluster lsit` finds `cluster list`); where a title or
   *  a cluster's name may stand, the rules below decide (docs/architecture.md "Command grammar"). `rest`: the
   *  words after a sub-command typed as two words (`kluster byt namn`); `ifNoCluster`: the core asks whether
   *  the programme has a cluster by that name first. */
  const nearSubCommand = (spec: CommandSpec, second: string, whole: Command, rest: Command): { sub: CommandSpec; ifNoCluster?: true; rest?: Command } | undefined => {
    const heads = [spec.verb, ...spec.aliases].map((name) => name.toLowerCase()).filter((name) => !name.includes(' '));
    const subs = new Map<string, CommandSpec>();
    for (const name of names) {
      const head = heads.find((h) => name.startsWith(`${h} `));
      if (head !== undefined) subs.set(name.slice(head.length + 1), byName.get(name)!);
    }
    const slot = Object.values(spec.args).find((s) => s.kind === 'positional');
    // A hyphenated sub-command typed as two words (`kluster byt namn`, `möte ta bort M1`) is that sub-command;
    // after a title only when the words after it fit it (`möte Bjud in partners` stays a meeting's title).
    const third = rest.args[0];
    if (third?.type === 'word') {
      const split = [`${second}-${third.value}`, `${second}${third.value}`].map((name) => name.toLowerCase()).find((name) => subs.has(name));
      const sub = split === undefined ? undefined : subs.get(split)!;
      const after = { ...rest, args: rest.args.slice(1) };
      const asValue = slot?.kind === 'positional' && slot.type.textLike && slot.type.parse(second, false).ok;
      if (sub && (!asValue || suggestedCommand(sub, { ...after, verb: sub.verb }, 'en').fits)) return { sub, rest: after };
    }
    const near = nearestWord(second, [...subs.keys()]);
    if (near === undefined) return undefined;
    const sub = subs.get(near)!;
    if (slot?.kind === 'positional' && slot.type.parse(second, false).ok) {
      // A cluster's name (`plan gpa`, `status idnikatorer`) is a near-miss only when no cluster is so named,
      // which the core asks the programme.
      if (slot.type.name === 'cluster') return { sub, ifNoCluster: true };
      // A title may start with any word (`möte Planer för hösten`): a near-miss outweighs it only when the
      // sub-command starts with a value of its own kind (an id) which the words after it fit (`möte vsia 5`),
      // when it is the whole message (`möte vsia`: a meeting titled «vsia» is a typo), or when the words fit
      // the sub-command and not the one-word command (`möte palnera Workshop datum:… tid:10:00`).
      if (!slot.type.textLike) return undefined;
      const alone = rest.args.length === 0 && rest.lines.length === 0;
      const subFits = () => suggestedCommand(sub, { ...rest, verb: sub.verb }, 'en').fits;
      const subSlot = Object.values(sub.args).find((s) => s.kind === 'positional');
      const startsWithId = subSlot?.kind === 'positional' && !subSlot.type.textLike;
      if (!alone && !(startsWithId && subFits()) && !(!suggestedCommand(spec, whole, 'en').fits && subFits())) return undefined;
    }
    return { sub };
  };
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
        if (!spec) continue;
        const command: Command = { verb: spec.verb, args: parsed.tokens.slice(count), lines: parsed.lines, raw };
        if (count === 1 && words.length === 2) {
          // `cluster lsit`: a near-miss of a sub-command is not a value of the one-word command (`alla`).
          const rest = { ...command, args: parsed.tokens.slice(2) };
          const near = nearSubCommand(spec, words[1]!, command, rest);
          const typed = words.join(' ');
          const third = rest.args[0];
          if (near?.rest && third?.type === 'word') return { kind: 'unknown', typed: `${typed} ${third.value.toLowerCase()}`, suggestion: near.sub, command: { ...near.rest, verb: near.sub.verb } };
          if (near?.ifNoCluster) return { kind: 'verb', spec, command, nearMiss: { typed, suggestion: near.sub, command: { ...rest, verb: near.sub.verb }, cluster: words[1]! } };
          if (near) return { kind: 'unknown', typed, suggestion: near.sub, command: { ...rest, verb: near.sub.verb } };
        }
        return { kind: 'verb', spec, command };
      }
      const typed = words.join(' ');
      // `meting Styrgrupp` is a misspelt verb followed by a title: the first word alone decides when it is close.
      // A word that is no plausible typo of any name (`tack!`, `xq`) gets no suggestion: a far-off one could
      // send a person to a command they never meant (`lämna`).
      const first = nearestWord(words[0]!, names);
      // `meetng show M1`: the mistyped first word with the second makes a command of two words; that one is meant.
      const pair = first && words.length > 1 ? `${first} ${words[1]!.toLowerCase()}` : undefined;
      const suggestion = (pair && byName.has(pair) ? pair : first) ?? (words.length > 1 ? nearestWord(typed, names) : undefined);
      return { kind: 'unknown', typed, suggestion: suggestion === undefined ? undefined : byName.get(suggestion) };
    },
    nearest(typed, count) {
      // Only names a typo or a beginning away (`mötesvisa`, `överlä`): help offers nothing rather than noise.
      const lower = typed.toLowerCase().trim();
      if (lower.length < 3) return [];
      const compact = (word: string) => word.replace(/[\s-]+/g, '');
      const allowed = allowedEdits(lower);
      const scored = names
        .map((name) => ({ spec: byName.get(name)!, d: name.startsWith(lower) ? 0 : Math.min(editDistance(lower, name), editDistance(compact(lower), compact(name))) }))
        .filter(({ d }) => d <= allowed);
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

/** The word a mistyped one most likely meant: one edit (a swap of two neighbouring letters counts as one) for
 *  words of up to four letters, two for longer ones. */
export function nearestWord(typed: string, words: readonly string[]): string | undefined {
  if (typed.length < 3) return undefined;
  const allowed = allowedEdits(typed);
  let best: { word: string; d: number } | undefined;
  for (const word of words) {
    const d = editDistance(typed, word);
    if (d <= allowed && (!best || d < best.d)) best = { word, d };
  }
  return best?.word;
}

/** How far a word may be from a name and still be a typo of it: none under three letters, one edit up to four,
 *  two beyond. */
function allowedEdits(typed: string): number {
  return typed.length < 3 ? -1 : typed.length <= 4 ? 1 : 2;
}

/** Levenshtein distance where swapping two neighbouring letters (`lsit`, `nede`) is one edit (optimal string
 *  alignment). Written here because fastest-levenshtein, which the binder's key suggestions use, counts such a
 *  swap as two edits, and then `lsit` (4 letters, one edit allowed) would find no command; the Damerau
 *  packages on npm are unmaintained and untyped. Command names are short, so the full table costs nothing. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

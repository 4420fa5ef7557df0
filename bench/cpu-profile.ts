// Summarises a V8 .cpuprofile (what `node --cpu-prof` writes) by self time: the functions that spend the most
// CPU themselves, and the shares of each package (node_modules/<pkg>) and of each of the repository's top-level
// folders (bot/, handlers/, db/ …). The file is JSON: `nodes` (id, callFrame {functionName, url, lineNumber},
// children), `samples` (a node id per sample), `timeDeltas` (µs before each sample), `startTime`/`endTime` (µs on
// the monotonic clock, the one process.hrtime reads).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './measure.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled CPU time in the window, idle excluded (ms). */
  busyMs: number;
  idleMs: number;
  /** Whether the samples were limited to the window asked for (false: the window matched no samples). */
  windowed: boolean;
  functions: { name: string; where: string; group: string; ms: number }[];
  groups: { group: string; ms: number }[];
  /** The same time with Node's own code and native functions charged to the package or folder that called them
   *  (a socket write to the database counts for postgres, an HTTP response for express …). */
  owners: { group: string; ms: number }[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** The package or folder a function belongs to. */
export function groupOf(frame: CallFrame, root: string): string {
  if (!frame.url) return SPECIAL.has(frame.functionName) ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node (built-in)';
  const path = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [scope, name] = path.slice(nm + '/node_modules/'.length).split('/');
    return `node_modules/${scope?.startsWith('@') ? `${scope}/${name}` : scope}`;
  }
  const inRepo = relative(root, path);
  if (inRepo.startsWith('..')) return path;
  const [top, rest] = inRepo.split('/');
  return rest === undefined ? inRepo : `${top}/`;
}

function whereOf(frame: CallFrame, root: string): string {
  if (!frame.url) return '';
  const path = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  const nm = path.lastIndexOf('/node_modules/');
  const shown = nm >= 0 ? path.slice(nm + 1) : path.startsWith(root) ? relative(root, path) : path;
  return `${shown}:${frame.lineNumber + 1}`;
}

/** Self time per function and per group, counting only samples taken between `fromUs` and `toUs` (monotonic
 *  µs, e.g. process.hrtime.bigint() / 1000n) when given. */
export function summariseProfile(file: string, options: { root: string; fromUs?: number; toUs?: number; top?: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  // A native function (a socket write, JSON.stringify …) has no script; it is charged to the package or folder
  // of the nearest JavaScript caller, which is what asked for the work.
  const callerOf = (id: number): CallFrame | undefined => {
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url) return frame;
    }
    return undefined;
  };
  const count = (windowed: boolean) => {
    const self = new Map<number, number>();
    let at = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      at += profile.timeDeltas[i] ?? 0;
      // A sample stands for the time until the next one.
      const span = profile.timeDeltas[i + 1] ?? 0;
      if (windowed && (at < (options.fromUs ?? -Infinity) || at > (options.toUs ?? Infinity))) continue;
      const id = profile.samples[i]!;
      self.set(id, (self.get(id) ?? 0) + span);
    }
    return self;
  };
  let windowed = options.fromUs !== undefined || options.toUs !== undefined;
  let self = count(windowed);
  if (windowed && [...self.values()].reduce((a, b) => a + b, 0) === 0) {
    windowed = false;
    self = count(false);
  }
  const functions = new Map<string, { name: string; where: string; group: string; ms: number }>();
  const groups = new Map<string, number>();
  const owners = new Map<string, number>();
  const ownerOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url && !frame.url.startsWith('node:')) return groupOf(frame, options.root);
    }
    return groupOf(byId.get(id)!.callFrame, options.root);
  };
  let idleMs = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const ms = us / 1000;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const native = !frame.url && !SPECIAL.has(frame.functionName);
    const caller = native ? callerOf(id) : undefined;
    const group = caller ? groupOf(caller, options.root) : groupOf(frame, options.root);
    const where = caller ? `native, from ${caller.functionName || '(anonymous)'} ${whereOf(caller, options.root)}` : whereOf(frame, options.root);
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', where, group, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
    groups.set(group, (groups.get(group) ?? 0) + ms);
    const owner = ownerOf(id);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms);
  const busyMs = [...groups.values()].reduce((a, b) => a + b, 0);
  return {
    busyMs,
    idleMs,
    windowed,
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms).slice(0, options.top ?? 25),
    groups: sorted(groups),
    owners: sorted(owners),
  };
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

/** The summary as console tables: the functions, then the groups, each with its share of the busy time. */
export function formatProfile(summary: ProfileSummary): string {
  const { busyMs } = summary;
  return [
    `  sampled CPU ${busyMs.toFixed(0)} ms busy, ${summary.idleMs.toFixed(0)} ms idle${summary.windowed ? ' (samples of the burst only)' : ' (whole process: the burst window matched no samples)'}`,
    '',
    table(['package or folder', 'self', 'share', 'with the Node and native code it called', 'self', 'share'], summary.groups.map((g, i) => {
      const o = summary.owners[i];
      return [g.group, `${g.ms.toFixed(0)} ms`, pct(g.ms, busyMs), o?.group ?? '', o ? `${o.ms.toFixed(0)} ms` : '', o ? pct(o.ms, busyMs) : ''];
    })),
    '',
    table(['function (self time)', 'where', 'group', 'self', 'share'], summary.functions.map((f) => [f.name.slice(0, 40), f.where.slice(-80), f.group, `${f.ms.toFixed(0)} ms`, pct(f.ms, busyMs)])),
  ].join('\n');
}

// `npx tsx bench/cpu-profile.ts <file.cpuprofile>`: the same summary for any profile.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2]) {
  console.log(formatProfile(summariseProfile(process.argv[2], { root: process.cwd() })));
}

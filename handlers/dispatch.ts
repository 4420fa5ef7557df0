import { closest } from 'fastest-levenshtein';
import type { Command, ParsedMessage } from './core/command.js';
import type { Handler } from './core/context.js';
import { claim } from './claim.js';
import { clusterAdd } from './cluster-add.js';
import { clusterList } from './cluster-list.js';
import { clusterRole } from './cluster-role.js';
import { help } from './help.js';
import { joinCluster } from './join-cluster.js';
import { orgAdd } from './org-add.js';
import { profile } from './profile.js';
import { programmeInvite } from './programme-invite.js';
import { role } from './role.js';
import { whoami } from './whoami.js';

export interface VerbEntry {
  verb: string;
  /** Swedish (and other) ways to say the same verb; matched like the verb itself. */
  aliases: string[];
  usage: string;
  example: string;
  /** Absent for verbs the core handles itself (`programme join` runs before there is a programme). */
  handler?: Handler;
}

/** The one dispatch table: parsing, help, permissions (access.ts) and the platform manifests follow it. */
export const verbs: VerbEntry[] = [
  { verb: 'help', aliases: ['hjälp', 'hjalp', '?'], usage: 'help [verb]', example: 'help cluster add', handler: help },
  { verb: 'whoami', aliases: ['vem', 'vemärjag'], usage: 'whoami', example: 'whoami', handler: whoami },
  { verb: 'claim', aliases: ['anspråk'], usage: 'claim <code>', example: 'claim K7Q2-9XPM', handler: claim },
  { verb: 'role', aliases: ['roll'], usage: 'role @person manager|board', example: 'role @anna manager', handler: role },
  { verb: 'programme invite', aliases: ['program bjud-in', 'program inbjudan', 'program invite'], usage: 'programme invite', example: 'programme invite', handler: programmeInvite },
  { verb: 'programme join', aliases: ['program anslut', 'program join'], usage: 'programme join <code>', example: 'programme join K7Q2-9XPM' },
  { verb: 'cluster add', aliases: ['kluster ny', 'kluster lägg-till'], usage: 'cluster add <name> sector:<sector>', example: 'cluster add "Swedish Space Cluster" sector:space', handler: clusterAdd },
  { verb: 'cluster list', aliases: ['kluster lista', 'kluster', 'clusters', 'cluster'], usage: 'cluster list', example: 'cluster list', handler: clusterList },
  { verb: 'cluster role', aliases: ['kluster roll'], usage: 'cluster role <cluster> @person leader|deputy|member', example: 'cluster role Rymd @anna leader', handler: clusterRole },
  { verb: 'join', aliases: ['gå-med', 'gåmed', 'ga-med'], usage: 'join <cluster>', example: 'join Rymd', handler: joinCluster },
  { verb: 'profile', aliases: ['profil'], usage: 'profile [org:<org number>] [gender:woman|man|other|unspecified] [lang:sv|en]', example: 'profile org:556677-8899 lang:en', handler: profile },
  { verb: 'org add', aliases: ['org ny', 'organisation ny', 'organisation add'], usage: 'org add <org number> <name> type:company|academia|public|research|civil', example: 'org add 556677-8899 "Norrbotten Space AB" type:company', handler: orgAdd },
];

const byName = new Map<string, VerbEntry>();
for (const entry of verbs) for (const name of [entry.verb, ...entry.aliases]) byName.set(name, entry);

export function findVerb(name: string): VerbEntry | undefined {
  return byName.get(name.toLowerCase());
}

export type Resolution = { kind: 'verb'; entry: VerbEntry; command: Command } | { kind: 'unknown'; typed: string; suggestion?: VerbEntry } | { kind: 'empty' };

/** Two-word verbs first (`cluster add`), then one-word verbs and aliases. */
export function resolveVerb(parsed: ParsedMessage, raw: string): Resolution {
  const words: string[] = [];
  for (const token of parsed.tokens.slice(0, 2)) {
    if (token.type !== 'word') break;
    words.push(token.value.toLowerCase());
  }
  if (words.length === 0) return parsed.tokens.length ? { kind: 'unknown', typed: raw.trim().slice(0, 40) } : { kind: 'empty' };
  for (const count of [2, 1]) {
    if (words.length < count) continue;
    const entry = byName.get(words.slice(0, count).join(' '));
    if (entry) return { kind: 'verb', entry, command: { verb: entry.verb, args: parsed.tokens.slice(count), lines: parsed.lines, raw } };
  }
  const typed = words.join(' ');
  return { kind: 'unknown', typed, suggestion: byName.get(closest(typed, [...byName.keys()])) };
}

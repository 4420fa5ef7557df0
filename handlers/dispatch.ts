import { t, type MessageKey } from './i18n/index.js';
import { defineCommand, type CommandSpec } from './core/spec.js';
import { legacyRoles } from './core/access.js';
import type { Handler } from './core/context.js';

interface VerbEntry {
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
];

// TRANSITION ONLY: the commands whose feature does not declare them yet, read as before. Each feature
// moves its entries into its own commands.ts; this file goes when the list is empty.
const LEGACY_KEYS: ReadonlySet<string> = new Set([
  'date', 'cluster', 'due', 'kind', 'sector', 'type', 'org', 'orgs', 'with', 'from', 'to', 'format', 'lang',
  'gender', 'area', 'owner', 'day', 'time', 'weeks', 'learned', 'done', 'next', 'blockers', 'need', 'reason',
  'mood', 'tags', 'title', 'name', 'note',
]);

export const legacyCommands: CommandSpec[] = verbs.map((entry) =>
  defineCommand({ verb: entry.verb, aliases: entry.aliases, group: 'admin', summary: summaryOf(entry.verb), args: {}, roles: legacyRoles[entry.verb] ?? 'everyone', example: entry.example, legacyKeys: LEGACY_KEYS, handler: entry.handler! }),
);

function summaryOf(verb: string) {
  return { sv: t('sv', `summary.${verb}` as MessageKey), en: t('en', `summary.${verb}` as MessageKey) };
}

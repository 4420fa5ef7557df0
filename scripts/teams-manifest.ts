// The Teams app manifest and its sv/en localization files, generated from the dispatch table and the
// catalogs so the compose box's command list cannot drift from what the core understands. The committed
// files in appPackage/ are this output (a test compares them); regenerate with
// `node --import tsx scripts/teams-manifest.ts --write` after changing a verb or its summary.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandRegistry } from '../handlers/registry.js';
import type { Registry } from '../handlers/core/registry.js';
import type { Language } from '../handlers/core/incoming.js';
import { SAVE_COMMAND_ID } from '../bot/teams/save-action.js';

export const MANIFEST_VERSION = '1.22';
export const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
/** Placeholders filled by `npm run teams:package` (scripts/teams-package.ts). */
export const PLACEHOLDERS = {
  clientId: '{{TEAMS_CLIENT_ID}}',
  host: '{{LOKET_PUBLIC_HOST}}',
  websiteUrl: '{{WEBSITE_URL}}',
  privacyUrl: '{{PRIVACY_URL}}',
  termsUrl: '{{TERMS_URL}}',
  developerName: '{{DEVELOPER_NAME}}',
} as const;

/**
 * The ten commands offered in the compose box (Teams shows at most ten per scope): the ones leaders and the
 * project manager type every week, plus `help` for everything else. The Swedish title is the verb's first
 * Swedish alias, so picking it in a Swedish Teams client inserts a word LOKET understands.
 */
/** The compose-box menu: the commands declared with `menu: true`, titled by their first (Swedish) alias
 *  in Swedish. Teams shows at most ten. */
export function teamsCommands(registry: Registry = commandRegistry): { verb: string; svTitle: string }[] {
  return registry.all.filter((spec) => spec.menu).map((spec) => ({ verb: spec.verb, svTitle: spec.aliases[0] ?? spec.verb }));
}

export const TITLE_MAX = 32;
export const DESCRIPTION_MAX = 128;

const texts = {
  sv: {
    'name.short': 'LOKET',
    'name.full': 'LOKET – klusterprogrammets assistent',
    'description.short': 'Möten, veckorapporter, utbyte och utvecklingsplaner i klusterprogrammet',
    'composeExtensions[0].commands[0].title': 'Spara i LOKET',
    'composeExtensions[0].commands[0].description': 'Sparar meddelandet som anteckning, beslut, åtgärd, behov eller erbjudande, med länk och författare',
    'description.full':
      'LOKET hjälper klusterledare och programmets projektledare att logga möten, beslut och åtgärder, skriva en kort veckorapport, hitta andra klusters erfarenheter och följa varje klusters utvecklingsplan. Allt sparas hos programmet, så det en ledare vet finns kvar när ledaren går vidare. Skriv `hjälp` för att se kommandona.',
  },
  en: {
    'name.short': 'LOKET',
    'name.full': "LOKET – the cluster programme's assistant",
    'description.short': 'Meetings, weekly notes, peer exchange and plans for the cluster programme',
    'composeExtensions[0].commands[0].title': 'Save to LOKET',
    'composeExtensions[0].commands[0].description': 'Saves the message as a note, decision, action item, need or offer, with its link and author',
    'description.full':
      "LOKET helps cluster leaders and the programme's project manager log meetings, decisions and actions, post a short weekly note, find what other clusters learned and follow each cluster's development plan. Everything is kept by the programme, so what one leader knows stays when that leader moves on. Type `help` to see the commands.",
  },
} satisfies Record<Language, Record<string, string>>;

/** The verb's one-line summary from its declaration, cut at a word to Teams' description limit. */
export function commandDescription(verb: string, language: Language, registry: Registry = commandRegistry): string {
  const spec = registry.find(verb);
  if (!spec) throw new Error(`Teams command ${verb} is not a command LOKET knows`);
  const summary = spec.summary[language];
  if (summary.length <= DESCRIPTION_MAX) return summary;
  const cut = summary.slice(0, DESCRIPTION_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), DESCRIPTION_MAX / 2)).replace(/[\s,;:–-]+$/, '')}…`;
}

function commandsIn(language: Language, registry: Registry) {
  return teamsCommands(registry).map(({ verb, svTitle }) => ({ title: language === 'sv' ? svTitle : verb, description: commandDescription(verb, language, registry) }));
}

export function buildTeamsManifest(registry: Registry = commandRegistry): Record<string, unknown> {
  const sv = texts.sv;
  return {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: '1.0.0',
    // The app id and the bot id are the Azure bot registration's client id, as Teams expects for a bot app.
    id: PLACEHOLDERS.clientId,
    localizationInfo: {
      defaultLanguageTag: 'sv',
      defaultLanguageFile: 'sv.json',
      additionalLanguages: [{ languageTag: 'en', file: 'en.json' }],
    },
    developer: { name: PLACEHOLDERS.developerName, websiteUrl: PLACEHOLDERS.websiteUrl, privacyUrl: PLACEHOLDERS.privacyUrl, termsOfUseUrl: PLACEHOLDERS.termsUrl },
    name: { short: sv['name.short'], full: sv['name.full'] },
    description: { short: sv['description.short'], full: sv['description.full'] },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#1D4F73',
    bots: [
      {
        botId: PLACEHOLDERS.clientId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal', 'team', 'groupChat'], commands: commandsIn('sv', registry) }],
      },
    ],
    // «Spara i LOKET» on any message (bot/teams/save-action.ts). Message extensions do not work in group
    // chats with external users, which README says.
    composeExtensions: [
      {
        botId: PLACEHOLDERS.clientId,
        commands: [
          {
            id: SAVE_COMMAND_ID,
            type: 'action',
            context: ['message'],
            fetchTask: true,
            title: sv['composeExtensions[0].commands[0].title'],
            description: sv['composeExtensions[0].commands[0].description'],
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    // Download links (exports, packs) point at LOKET's own host.
    validDomains: [PLACEHOLDERS.host],
  };
}

/** A localization file: the manifest's texts keyed by their JSON path, as Teams' localization schema wants. */
export function buildLocalization(language: Language, registry: Registry = commandRegistry): Record<string, string> {
  const commands = commandsIn(language, registry);
  return {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
    ...texts[language],
    ...Object.fromEntries(
      commands.flatMap((c, i) => [
        [`bots[0].commandLists[0].commands[${i}].title`, c.title],
        [`bots[0].commandLists[0].commands[${i}].description`, c.description],
      ]),
    ),
  };
}

export function teamsPackageSources(): Record<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return { 'manifest.json': json(buildTeamsManifest()), 'sv.json': json(buildLocalization('sv')), 'en.json': json(buildLocalization('en')) };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  for (const [name, content] of Object.entries(teamsPackageSources())) writeFileSync(new URL(`../appPackage/${name}`, import.meta.url), content);
  process.stdout.write('appPackage/manifest.json, sv.json and en.json written\n');
}

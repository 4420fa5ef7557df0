// `npm run teams:package [-- --client-id <guid> --public-url https://… --out <file>]`: fills the placeholders
// of appPackage/manifest.json and zips it with the icons and localization files into the app package an
// administrator uploads to Teams. Values come from the arguments, else from TEAMS_CLIENT_ID and
// LOKET_PUBLIC_URL in the environment (the same variables LOKET itself runs with).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { PLACEHOLDERS } from './teams-manifest.js';

export const PACKAGE_FILES = ['manifest.json', 'sv.json', 'en.json', 'color.png', 'outline.png'] as const;
const APP_PACKAGE_DIR = fileURLToPath(new URL('../appPackage/', import.meta.url));
export const DEFAULT_OUT = resolve(APP_PACKAGE_DIR, 'build', 'loket-teams.zip');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageOptions {
  clientId?: string;
  publicUrl?: string;
  developerName?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsUrl?: string;
}

export class PackageError extends Error {}

/** The values for each placeholder, or a PackageError naming every one that is missing or wrong. */
export function placeholderValues(options: PackageOptions): Record<string, string> {
  const problems: string[] = [];
  if (!options.clientId || !GUID.test(options.clientId)) problems.push('--client-id (or TEAMS_CLIENT_ID): the Azure bot\'s Application (client) ID, a GUID');
  const publicUrl = httpsUrl(options.publicUrl, '--public-url (or LOKET_PUBLIC_URL): the https:// address Teams reaches LOKET at', problems);
  const website = options.websiteUrl ? httpsUrl(options.websiteUrl, '--website-url: an https:// address', problems) : publicUrl;
  // Teams requires privacy and terms links; until the programme has its own pages they point at the website.
  const privacy = options.privacyUrl ? httpsUrl(options.privacyUrl, '--privacy-url: an https:// address', problems) : website;
  const terms = options.termsUrl ? httpsUrl(options.termsUrl, '--terms-url: an https:// address', problems) : website;
  const developerName = options.developerName ?? 'LOKET';
  if (developerName.length > 32) problems.push('--developer-name: at most 32 characters');
  if (problems.length) throw new PackageError(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    [PLACEHOLDERS.clientId]: options.clientId!,
    [PLACEHOLDERS.host]: new URL(publicUrl!).host,
    [PLACEHOLDERS.websiteUrl]: website!,
    [PLACEHOLDERS.privacyUrl]: privacy!,
    [PLACEHOLDERS.termsUrl]: terms!,
    [PLACEHOLDERS.developerName]: developerName,
  };
}

function httpsUrl(value: string | undefined, problem: string, problems: string[]): string | undefined {
  try {
    if (value && new URL(value).protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(problem);
  return undefined;
}

/** The zip's bytes: the filled manifest plus the other files as committed. */
export function buildTeamsPackage(options: PackageOptions, sourceDir = APP_PACKAGE_DIR): { zip: Uint8Array; manifest: Record<string, unknown> } {
  const values = placeholderValues(options);
  let manifestText = readFileSync(resolve(sourceDir, 'manifest.json'), 'utf8');
  for (const [placeholder, value] of Object.entries(values)) manifestText = manifestText.replaceAll(placeholder, JSON.stringify(value).slice(1, -1));
  const left = manifestText.match(/\{\{[A-Z_]+\}\}/);
  if (left) throw new PackageError(`appPackage/manifest.json has a placeholder nobody fills: ${left[0]}`);
  const files: Record<string, Uint8Array> = {};
  for (const name of PACKAGE_FILES) files[name] = name === 'manifest.json' ? Buffer.from(manifestText, 'utf8') : readFileSync(resolve(sourceDir, name));
  // A fixed timestamp keeps the package byte-identical for the same inputs.
  return { zip: zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }), manifest: JSON.parse(manifestText) as Record<string, unknown> };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'client-id': { type: 'string' },
      'public-url': { type: 'string' },
      'developer-name': { type: 'string' },
      'website-url': { type: 'string' },
      'privacy-url': { type: 'string' },
      'terms-url': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const out = resolve(values.out ?? DEFAULT_OUT);
  try {
    const { zip } = buildTeamsPackage({
      clientId: values['client-id'] ?? process.env.TEAMS_CLIENT_ID,
      publicUrl: values['public-url'] ?? process.env.LOKET_PUBLIC_URL,
      developerName: values['developer-name'],
      websiteUrl: values['website-url'],
      privacyUrl: values['privacy-url'],
      termsUrl: values['terms-url'],
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    process.stdout.write(`Teams app package written: ${out} (${zip.length} bytes). Upload it in Teams → Apps → Manage your apps → Upload an app.\n`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

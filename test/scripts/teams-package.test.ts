// The Teams app package: what an administrator uploads must pass Teams' own checks (required fields,
// lengths, icon sizes, localization keys), and its compose-box commands must be verbs the core knows.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { commandRegistry } from '../../handlers/registry.js';
import { decodePng, readPngHeader } from '../../scripts/png.js';
import { DESCRIPTION_MAX, MANIFEST_VERSION, TITLE_MAX, teamsPackageSources } from '../../scripts/teams-manifest.js';
import { PackageError, buildTeamsPackage } from '../../scripts/teams-package.js';
import { renderTeamsIcons } from '../../scripts/teams-icons.js';
import { SAVE_COMMAND_ID } from '../../bot/teams/save-action.js';

const read = (name: string) => readFileSync(new URL(`../../appPackage/${name}`, import.meta.url));
const manifest = JSON.parse(read('manifest.json').toString('utf8'));
const localizations = { sv: JSON.parse(read('sv.json').toString('utf8')), en: JSON.parse(read('en.json').toString('utf8')) } as Record<string, Record<string, string>>;
const commands = manifest.bots[0].commandLists[0].commands as { title: string; description: string }[];
const clientId = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

/** The value at a localization key such as `bots[0].commandLists[0].commands[3].title`. */
function valueAt(root: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => {
    const [, name, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(part) ?? [];
    const child = (node as Record<string, unknown> | undefined)?.[name!];
    return index === undefined ? child : (child as unknown[] | undefined)?.[Number(index)];
  }, root);
}

describe('Teams app manifest', () => {
  it('is what the generator makes from the dispatch table and catalogs (regenerate with scripts/teams-manifest.ts --write)', () => {
    for (const [name, content] of Object.entries(teamsPackageSources())) expect(read(name).toString('utf8'), name).toBe(content);
  });

  it('carries every field Teams requires, within Teams\' length limits', () => {
    expect(manifest.$schema).toContain(`/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toBe('{{TEAMS_CLIENT_ID}}');
    expect(manifest.bots[0].botId).toBe(manifest.id);
    expect(Object.keys(manifest.developer).sort()).toEqual(['name', 'privacyUrl', 'termsOfUseUrl', 'websiteUrl']);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.name.full).not.toBe(manifest.name.short);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.validDomains).toEqual(['{{LOKET_PUBLIC_HOST}}']);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    expect(readPngHeader(read(manifest.icons.color))).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(read(manifest.icons.outline))).toMatchObject({ width: 32, height: 32 });
    const outline = decodePng(read(manifest.icons.outline));
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a! > 0) expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaque++;
    }
    expect(opaque).toBeGreaterThan(50);
    expect(outline.pixels[3]).toBe(0);
  });

  it('ships the icons the committed drawing script makes', () => {
    const icons = renderTeamsIcons();
    expect(Buffer.compare(icons.color, read('color.png'))).toBe(0);
    expect(Buffer.compare(icons.outline, read('outline.png'))).toBe(0);
  });

  it('localizes into Swedish (default) and English with the same keys, each naming a text in the manifest', () => {
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'sv', defaultLanguageFile: 'sv.json', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
    const keys = (lang: string) => Object.keys(localizations[lang]!).filter((k) => k !== '$schema').sort();
    expect(keys('en')).toEqual(keys('sv'));
    expect(keys('sv')).toContain('bots[0].commandLists[0].commands[9].description');
    for (const key of keys('sv')) {
      // The default language file repeats exactly what the manifest says.
      expect(valueAt(manifest, key), key).toBe(localizations.sv![key]);
      expect(localizations.en![key], key).toBeTruthy();
    }
    expect(localizations.en!['description.short']!.length).toBeLessThanOrEqual(80);
  });

  it('offers at most ten compose-box commands, each a verb of the core in both languages and within Teams\' limits', () => {
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.length).toBeLessThanOrEqual(10);
    const coreVerbs = new Set(commandRegistry.all.map((v) => v.verb));
    commands.forEach((command, i) => {
      const en = { title: localizations.en![`bots[0].commandLists[0].commands[${i}].title`]!, description: localizations.en![`bots[0].commandLists[0].commands[${i}].description`]! };
      expect(coreVerbs.has(en.title), en.title).toBe(true);
      expect(commandRegistry.find(command.title)?.verb, `Swedish title ${command.title}`).toBe(en.title);
      for (const text of [command, en]) {
        expect(text.title.length).toBeLessThanOrEqual(TITLE_MAX);
        expect(text.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
        expect(text.description.length).toBeGreaterThan(10);
      }
    });
    expect(new Set(commands.map((c) => c.title)).size).toBe(commands.length);
  });
});

describe('the «Spara i LOKET» message action', () => {
  it('is one action command on messages whose task module the bot fetches, titled in both languages', () => {
    expect(manifest.composeExtensions).toHaveLength(1);
    const [extension] = manifest.composeExtensions;
    expect(extension.botId).toBe(manifest.bots[0].botId);
    expect(extension.commands).toHaveLength(1);
    const [command] = extension.commands;
    expect(command).toMatchObject({ id: SAVE_COMMAND_ID, type: 'action', context: ['message'], fetchTask: true, title: 'Spara i LOKET' });
    expect(localizations.en!['composeExtensions[0].commands[0].title']).toBe('Save to LOKET');
    for (const lang of ['sv', 'en']) {
      expect(localizations[lang]!['composeExtensions[0].commands[0].title']!.length).toBeLessThanOrEqual(TITLE_MAX);
      expect(localizations[lang]!['composeExtensions[0].commands[0].description']!.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    }
    // The adapter answers exactly this command id (bot/teams/save-action.ts).
    expect(readFileSync('bot/teams/save-action.ts', 'utf8')).toContain("app.on('message.ext.open'");
  });
});

describe('npm run teams:package', () => {
  it('zips the manifest with the bot id and host filled in, the icons and both localization files', () => {
    const { zip } = buildTeamsPackage({ clientId, publicUrl: 'https://loket.region.se/' });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png', 'sv.json']);
    const packed = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
    expect(packed.id).toBe(clientId);
    expect(packed.bots[0].botId).toBe(clientId);
    expect(packed.composeExtensions[0].botId).toBe(clientId);
    expect(packed.validDomains).toEqual(['loket.region.se']);
    expect(packed.developer).toEqual({ name: 'LOKET', websiteUrl: 'https://loket.region.se', privacyUrl: 'https://loket.region.se', termsOfUseUrl: 'https://loket.region.se' });
    expect(Buffer.from(files['manifest.json']!).toString('utf8')).not.toContain('{{');
    expect(Buffer.compare(Buffer.from(files['color.png']!), read('color.png'))).toBe(0);
  });

  it('refuses a missing or malformed bot id and a plain-http address, naming each', () => {
    expect(() => buildTeamsPackage({ clientId: 'not-a-guid', publicUrl: 'http://loket.region.se' })).toThrow(PackageError);
    try {
      buildTeamsPackage({ publicUrl: 'http://loket.region.se' });
    } catch (error) {
      expect((error as Error).message).toContain('--client-id (or TEAMS_CLIENT_ID)');
      expect((error as Error).message).toContain('--public-url (or LOKET_PUBLIC_URL)');
      return;
    }
    throw new Error('expected a PackageError');
  });
});

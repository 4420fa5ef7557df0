// The Slack app manifest's parts that follow the code: the slash command's usage hint names the commands
// declared for the menu (handlers/core/spec.ts `menu`), and the message shortcut is the one the adapter
// handles (bot/slack/save-shortcut.ts). `npm run slack:manifest` writes them into manifest.json; a test
// keeps the file and the code in step.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Registry } from '../handlers/core/registry.js';
import { commandRegistry } from '../handlers/registry.js';
import { SAVE_SHORTCUT } from '../bot/slack/save-shortcut.js';

// Slack cuts a longer hint in its command picker.
export const USAGE_HINT_MAX = 100;

export function slackUsageHint(registry: Registry = commandRegistry): string {
  const verbs: string[] = [];
  for (const spec of registry.all.filter((s) => s.menu)) {
    if ([...verbs, spec.verb].join(' | ').length > USAGE_HINT_MAX) break;
    verbs.push(spec.verb);
  }
  return verbs.join(' | ');
}

const MANIFEST = new URL('../manifest.json', import.meta.url);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  manifest.features.slash_commands[0].usage_hint = slackUsageHint();
  // Message shortcuts use the `commands` scope the slash command already holds.
  manifest.features.shortcuts = [SAVE_SHORTCUT];
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`manifest.json: usage hint "${manifest.features.slash_commands[0].usage_hint}"\n`);
}

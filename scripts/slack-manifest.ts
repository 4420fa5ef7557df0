// The Slack app manifest's parts that follow the command registry: the slash command's usage hint names
// the commands declared for the menu (handlers/core/spec.ts `menu`). `npm run slack:manifest` writes it
// into manifest.json; a test keeps the file and the registry in step.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Registry } from '../handlers/core/registry.js';
import { commandRegistry } from '../handlers/registry.js';

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
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`manifest.json: usage hint "${manifest.features.slash_commands[0].usage_hint}"\n`);
}

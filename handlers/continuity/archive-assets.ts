// The browser build of MiniSearch, inlined into the archive page so that it searches with no network at
// all (no CDN: the archive must work from a USB stick in twenty years). The package's `exports` map does
// not expose its UMD file, so it is found next to the resolvable entry point.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function miniSearchBrowserBuild(): string {
  if (cached) return cached;
  const entry = createRequire(import.meta.url).resolve('minisearch');
  const source = readFileSync(join(dirname(entry), '..', 'umd', 'index.js'), 'utf8');
  // No source map to fetch, and nothing that could close the inline <script> early.
  cached = source.replace(/\/\/# sourceMappingURL=.*$/m, '').replace(/<\/script/gi, '<\\/script');
  return cached;
}

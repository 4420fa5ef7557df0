// README's configuration table is what operators read; it must name exactly the variables the zod schema
// in bot/config.ts reads, and the defaults it states must be the ones LOKET uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from '../../bot/config.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the table under "## Configuration": first cell's variable names → the meaning cell. */
function configurationTable(): Map<string, string> {
  const start = readme.indexOf('\n## Configuration\n');
  expect(start, 'README has a "## Configuration" section').toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const rows = new Map<string, string>();
  for (const line of readme.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue;
    for (const [, name] of cells[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) rows.set(name!, cells[2]!);
  }
  return rows;
}

describe('README configuration table', () => {
  it('names exactly the variables the configuration schema reads', () => {
    expect([...configurationTable().keys()].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('states the defaults LOKET really uses', () => {
    const table = configurationTable();
    const defaults = loadConfig({});
    const stated: Record<string, string> = {
      LOKET_DATA_DIR: defaults.dataDir,
      PORT: String(defaults.port),
      LOKET_TIMEZONE: defaults.timezone,
      LOKET_LANGUAGE: defaults.language,
      LOG_LEVEL: defaults.logLevel,
    };
    for (const [name, value] of Object.entries(stated)) {
      const quoted = `\`?${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\`?`;
      expect(table.get(name), name).toMatch(new RegExp(`${quoted}[^|]*default|default[^|]*${quoted}`));
    }
  });
});

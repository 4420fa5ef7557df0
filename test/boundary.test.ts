import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const platformImport = /from\s+['"](@slack\/[^'"]+|@microsoft\/teams[^'"]*|botbuilder[^'"]*)['"]|import\(\s*['"](@slack\/|@microsoft\/teams|botbuilder)/;

describe('architecture boundary', () => {
  it('handlers/, db/ and scheduled/ never import a Slack or Teams package', () => {
    const offenders = ['handlers', 'db', 'scheduled'].flatMap(sourceFiles).filter((file) => platformImport.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('only the configuration module reads process.env', () => {
    const offenders = ['handlers', 'db', 'scheduled', 'bot'].flatMap(sourceFiles).filter((file) => file !== join('bot', 'config.ts') && file !== join('bot', 'main.ts') && /process\.env/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches a platform import', () => {
    expect(platformImport.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(platformImport.test("import { App } from '@microsoft/teams.apps';")).toBe(true);
    expect(platformImport.test("import { z } from 'zod';")).toBe(false);
  });
});

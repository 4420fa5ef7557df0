// Every audit action LOKET writes reads as words in the project manager's language (issue 20: «privacy.forget»
// shown raw). The codes are read from the source itself, so a new `repos.audit.record({ action: … })` without a
// label in both catalogs fails here.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../handlers/i18n/index.js';

/** Actions built from a template: each template and the values it takes. */
const templates: Record<string, string[]> = {
  'exchange.${kind}': ['exchange.need', 'exchange.offer'],
  'retention.${item.action}': ['retention.pseudonymise', 'retention.delete', 'retention.unlink', 'retention.clear'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !name.startsWith('catalog.') ? [path] : [];
  });
}

/** The action codes of every `audit.record(...)` call: literals, both sides of a ternary, and known templates. */
function writtenActions(): { codes: Set<string>; unknownTemplates: string[] } {
  const codes = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const file of [...sourceFiles('handlers'), ...sourceFiles('bot')]) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/audit\.record\(/g)) {
      const window = text.slice(call.index, call.index + 800);
      const value = /\baction:\s*([^\n]*?)(?:,\s*subjectType\b|,\s*$)/m.exec(window)?.[1];
      if (!value) continue;
      for (const m of value.replace(/[!=]==\s*'[^']*'/g, '').matchAll(/'([^']+)'/g)) codes.add(m[1]!);
      for (const m of value.matchAll(/`([^`]+)`/g)) {
        if (templates[m[1]!]) for (const code of templates[m[1]!]!) codes.add(code);
        else unknownTemplates.push(`${file}: ${m[1]}`);
      }
    }
  }
  return { codes, unknownTemplates };
}

describe('audit action labels', () => {
  it('every action code the code writes has a label in Swedish and English', () => {
    const { codes, unknownTemplates } = writtenActions();
    expect(unknownTemplates).toEqual([]);
    expect(codes.size).toBeGreaterThan(40);
    expect(codes).toContain('privacy.forget');
    expect([...codes].filter((code) => !/^[a-z_]+(\.[a-z_]+)*$/.test(code))).toEqual([]);
    const missing = [...codes].filter((code) => !(`audit.action.${code}` in catalogs.sv) || !(`audit.action.${code}` in catalogs.en));
    expect(missing).toEqual([]);
  });
});

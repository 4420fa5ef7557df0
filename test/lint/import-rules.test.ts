import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

// Proves that the import rules of `npm run lint` bite: the real .dependency-cruiser.cjs cruises a small tree in the
// repository's own layout (test/lint/fixtures/), with that folder as the base directory, and exactly the
// deliberate violations in it are reported, while the allowed imports are not.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

type Violation = { rule: string; from: string; to: string; cycle?: string[] };

let violations: Violation[];

beforeAll(async () => {
  const options = await extractDepcruiseOptions(`${repo}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${repo}tsconfig.json`);
  const result = await cruise(['bot', 'handlers', 'db', 'scheduled'], { ...options, baseDir: fixtures }, {}, { tsConfig });
  const output = result.output as ICruiseResult;
  violations = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, ...(v.cycle ? { cycle: v.cycle.map((c) => c.name) } : {}) }));
}, 60_000);

// A cycle is reported once, from one of its files: name it by all of its files instead.
const pairs = () => violations.map((v) => `${v.rule}: ${v.cycle ? [v.from, ...v.cycle].filter((f, i, all) => all.indexOf(f) === i).sort().join(' ⇄ ') : v.from}`).sort();

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('reports exactly the deliberate violations, each under its rule and file', () => {
    expect(pairs()).toEqual(
      [
        'adapters-import-no-db: bot/slack/x.ts',
        'core-imports-no-feature-adapter-job: handlers/core/period.ts',
        'core-imports-no-feature-adapter-job: handlers/core/run-job.ts',
        'db-imports-no-handler-or-platform: db/reach-up.ts',
        'db-imports-no-handler-or-platform: db/reach-up.ts',
        'handlers-import-no-platform: handlers/weekly/weekly.ts',
        'handlers-import-no-platform: handlers/weekly/weekly.ts',
        'i18n-imports-only-catalogs-or-core: handlers/i18n/sv.ts',
        'no-circular: handlers/plans/plan-step.ts ⇄ handlers/plans/plan.ts',
        'not-to-unresolvable: handlers/help/help.ts',
        'scheduled-imports-no-db: scheduled/j.ts',
        'slack-and-teams-apart: bot/teams/card.ts',
      ].sort(),
    );
  });

  it('names what each violation imports', () => {
    const to = (rule: string, from: string) => violations.filter((v) => v.rule === rule && v.from === from).map((v) => v.to).sort();
    expect(to('adapters-import-no-db', 'bot/slack/x.ts')).toEqual(['db/database.ts']);
    expect(to('core-imports-no-feature-adapter-job', 'handlers/core/period.ts')).toEqual(['handlers/meetings/meeting.ts']);
    expect(to('core-imports-no-feature-adapter-job', 'handlers/core/run-job.ts')).toEqual(['scheduled/j.ts']);
    expect(to('scheduled-imports-no-db', 'scheduled/j.ts')).toEqual(['db/database.ts']);
    expect(to('slack-and-teams-apart', 'bot/teams/card.ts')).toEqual(['bot/slack/render.ts']);
    expect(to('i18n-imports-only-catalogs-or-core', 'handlers/i18n/sv.ts')).toEqual(['handlers/meetings/meeting.ts']);
    expect(to('not-to-unresolvable', 'handlers/help/help.ts')).toEqual(['./nowhere.js']);
    // The SDK resolves to the repository's node_modules, outside the fixture folder.
    const platform = /node_modules\/@slack\//;
    const fromDb = to('db-imports-no-handler-or-platform', 'db/reach-up.ts');
    expect(fromDb.filter((t) => !platform.test(t))).toEqual(['handlers/meetings/meeting.ts']);
    expect(fromDb.filter((t) => platform.test(t))).toHaveLength(1);
    const fromWeekly = to('handlers-import-no-platform', 'handlers/weekly/weekly.ts');
    expect(fromWeekly.filter((t) => !platform.test(t))).toEqual(['bot/slack/x.ts']);
    expect(fromWeekly.filter((t) => platform.test(t))).toHaveLength(1);
  });

  it('lets the composition root import the database, and other allowed imports pass', () => {
    const reported = new Set(violations.map((v) => v.from));
    for (const allowed of [
      'bot/main.ts', // bot/ → db/, named as the composition root
      'bot/slack/render.ts', // an adapter renders a feature's answer
      'bot/teams/teams-adapter.ts', // bot/teams/ → bot/teams/
      'handlers/core/reply.ts', // core → i18n
      'handlers/i18n/en.ts', // i18n → a feature's catalog.*.ts
      'handlers/meetings/meeting.ts', // feature → core
      'db/database.ts',
    ]) {
      expect(reported, allowed).not.toContain(allowed);
    }
  });

  it('counts a type-only import (tsPreCompilationDeps), as every fixture import is one', () => {
    // bot/slack/x.ts imports db/database.ts with `import type` only; the rule still sees it.
    expect(violations).toContainEqual({ rule: 'adapters-import-no-db', from: 'bot/slack/x.ts', to: 'db/database.ts' });
    expect(violations.filter((v) => v.rule === 'no-circular').map((v) => v.cycle?.length)).toEqual([2]);
  });
});

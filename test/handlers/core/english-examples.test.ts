// An English reader's examples are English: help, every refusal's «Example:» and the weekly note's form show
// English sample text, not «note Rymd Testbädden i Kiruna bokas …» (found by an English-speaking leader who
// copied the example and stored a Swedish note). Cluster names, people and places are data and stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { catalogs } from '../../../handlers/i18n/index.js';
import { exampleIn } from '../../../handlers/core/spec.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

/** Words of Swedish sample text; data that may stay (Luleå, a cluster's name) is taken out first. */
const DATA = /Luleå|Rymd|Karin Ek|LTU|IRF|Vinnova|Kiruna|Interreg|Tillväxtverket/g;
const SWEDISH = /[åäöÅÄÖ]|\b(och|med|till|för|inte|ingen|om|på|det|är|bokas|lokalen|hinner|styrgrupp|ansökan|ansök|nätverksträff|möte|kommun)\b/iu;

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('English examples', () => {
  const cases = commandRegistry.all.map((spec) => ({ verb: spec.verb, example: exampleIn(spec, 'en') }));
  it.each(cases)('the English example of `$verb` has no Swedish sample text', ({ example }) => {
    expect(example.replace(DATA, '')).not.toMatch(SWEDISH);
  });

  it('the English catalog shows no Swedish sample text in its commands', () => {
    const spans = Object.entries(catalogs.en).flatMap(([key, text]) => [...String(text).matchAll(/`([^`]*)`/g)].map((m) => ({ key, span: m[1]! })));
    expect(spans.filter(({ span }) => SWEDISH.test(span.replace(DATA, '')))).toEqual([]);
  });

  it('a refusal and the weekly note form show an English reader English sample text, and store nothing', async () => {
    const p = await meetingProgramme(opened.db);
    for (const user of ['UANNA', 'UNILS', 'UPM']) await p.as(user, 'profile lang:en');
    const shown: string[] = [];
    for (const [user, command] of [
      ['UNILS', 'note Rymd'],
      ['UANNA', 'plan gap Rymd area:financing'],
      ['UANNA', 'meeting "Board" date:2026-03-02 cluster:Rymd\naction: @Anna due:2026-03-20'],
      ['UANNA', `search ${'word '.repeat(40)}`],
    ] as const) {
      const reply = await p.as(user, command);
      expect(errorCode(reply), command).toBeDefined();
      shown.push(reply.text.slice(reply.text.indexOf('Example:')));
    }
    await p.as('UANNA', 'plan gap Rymd area:financing No core funding');
    const due = await p.as('UANNA', 'plan action G1 Apply for funding owner:@Anna due:2026-01-01');
    expect(errorCode(due)).toBe('plan.due_past');
    shown.push(due.text);
    const form = await p.as('UANNA', 'progress');
    shown.push(form.text);
    expect(shown.join('\n')).toContain('Example: `note Rymd The test bed in Kiruna is booked through IRF, six weeks ahead.`');
    expect(shown.join('\n')).toContain('plan action G1 Apply for Vinnova funding owner:@anna due:');
    expect(form.text).toContain('Workshop with Kiruna municipality');
    for (const text of shown) expect(text.replace(DATA, '').replace(/\bWorkshop\b/g, '')).not.toMatch(SWEDISH);
    expect(await p.counts()).toMatchObject({ meetings: 0, notes: 0, actions: 0 });
  });
});

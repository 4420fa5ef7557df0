// `org add <org number> <name> type:…`: the number and the name by position, the helix type by key, in
// Swedish or English; anything else is refused before an organisation is stored.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { organisations } from '../../../db/schema/index.js';
import { bind } from '../../../handlers/core/bind.js';
import { parseMessage } from '../../../handlers/core/parse.js';
import { exampleIn } from '../../../handlers/core/spec.js';
import { organisationCommands } from '../../../handlers/organisations/commands.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { errorCode } from '../../support/programme-fixture.js';
import { managedProgramme, type TestCore } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function setup() {
  const { test, as } = await managedProgramme(opened.db);
  return { test, as: (text: string) => as('UPM', text) };
}

async function stored(test: TestCore) {
  const rows = await opened.db.select().from(organisations).where(eq(organisations.programmeId, test.programme.id));
  return rows.map((r) => [r.orgNumber, r.name, r.helixType]).sort();
}

describe('org add', () => {
  it('its examples are read by the command in both languages', () => {
    for (const spec of organisationCommands) {
      for (const language of ['sv', 'en'] as const) {
        const example = exampleIn(spec, language);
        const resolved = commandRegistry.resolve(parseMessage(example), example);
        expect(resolved.kind === 'verb' && resolved.spec.verb, example).toBe(spec.verb);
        if (resolved.kind === 'verb') expect(() => bind(resolved.spec, resolved.command, language), example).not.toThrow();
      }
    }
  });

  it('Swedish type words store the helix type they name', async () => {
    const { test, as } = await setup();
    expect((await as('org ny 556677-8899 "Norrbotten Space AB" typ:företag')).text).toBe('Organisationen Norrbotten Space AB (556677-8899, företag) är tillagd.');
    await as('org add 202100-2841 "Luleå tekniska universitet" typ:lärosäte');
    await as('org add 232100-0016 "Region Norrbotten" typ:offentlig');
    await as('org add 556464-6874 "RISE Research Institutes of Sweden AB" typ:forskning');
    await as('org add 802002-9073 "Föreningen Rymdnätverket" typ:ideell');
    expect(await stored(test)).toEqual([
      ['202100-2841', 'Luleå tekniska universitet', 'academia'],
      ['232100-0016', 'Region Norrbotten', 'public'],
      ['556464-6874', 'RISE Research Institutes of Sweden AB', 'research'],
      ['556677-8899', 'Norrbotten Space AB', 'company'],
      ['802002-9073', 'Föreningen Rymdnätverket', 'civil'],
    ]);
  });

  it('a name typed without quotes is every word between the number and the type', async () => {
    const { test, as } = await setup();
    await as('org add 5566778899 Norrbotten Space AB type:company');
    expect(await stored(test)).toEqual([['556677-8899', 'Norrbotten Space AB', 'company']]);
  });

  it('a word after the type is refused and no organisation is stored', async () => {
    const { test, as } = await setup();
    const { outcome, text } = await as('org add 556677-8899 "Norrbotten Space AB" typ:företag Kiruna');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”Kiruna”');
    expect(text).toContain('Exempel: `org ny 556677-8899 "Norrbotten Space AB" typ:företag`');
    expect(await stored(test)).toEqual([]);
  });

  it('a mistyped type key is refused with the key it most likely meant, and nothing is stored', async () => {
    const { test, as } = await setup();
    const { outcome, text } = await as('org add 556677-8899 "Norrbotten Space AB" typr:company');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `typ:företag`?');
    expect(await stored(test)).toEqual([]);
  });

  it('a missing type or name is asked for, and nothing is stored', async () => {
    const { test, as } = await setup();
    const noType = await as('org add 556677-8899 "Norrbotten Space AB"');
    expect(errorCode(noType.outcome)).toBe('args.missing');
    expect(noType.text).toContain('Det saknas `typ:<typ>`.');
    const noName = await as('org add 556677-8899 typ:företag');
    expect(noName.text).toContain('Det saknas organisationens namn.');
    expect(await stored(test)).toEqual([]);
  });
});

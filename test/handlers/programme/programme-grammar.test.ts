// The programme's commands read their words strictly: Swedish keys and enum words store what is meant, and
// a word that fits nowhere is refused before anything is stored.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { organisations, people, programmeRoles } from '../../../db/schema/index.js';
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
  await as('UANNA', 'whoami', { displayName: 'Anna' });
  await as('UKARIN', 'whoami', { displayName: 'Karin' });
  const person = async (userId: string) => (await opened.db.select().from(people).where(eq(people.programmeId, test.programme.id))).find((p) => p.userId === userId)!;
  return { test, as, person };
}

async function rolesOf(test: TestCore, personId: string) {
  const rows = await opened.db.select().from(programmeRoles).where(and(eq(programmeRoles.programmeId, test.programme.id), eq(programmeRoles.personId, personId)));
  return rows.map((r) => r.role).sort();
}

describe('profile', () => {
  it('Swedish keys and words store the English values: kön:kvinna is woman, språk:engelska is en', async () => {
    const { as, person } = await setup();
    const { text } = await as('UANNA', 'profil kön:kvinna språk:engelska');
    expect(text).toContain('Your profile has been updated.');
    expect(await person('UANNA')).toMatchObject({ gender: 'woman', language: 'en' });
  });

  it('gender:kvinna with the English key is stored as woman', async () => {
    const { as, person } = await setup();
    await as('UANNA', 'profile gender:kvinna');
    expect(await person('UANNA')).toMatchObject({ gender: 'woman', language: null });
    await as('UANNA', 'profile kön:ospecificerat');
    expect((await person('UANNA')).gender).toBe('unspecified');
  });

  it('organisation: names the organisation by its number, written any way', async () => {
    const { test, as, person } = await setup();
    await as('UPM', 'org add 556677-8899 "Norrbotten Space AB" typ:företag');
    const { text } = await as('UANNA', 'profile organisation:5566778899');
    expect(text).toContain('Organisation: Norrbotten Space AB (556677-8899)');
    const [org] = await opened.db.select().from(organisations).where(and(eq(organisations.programmeId, test.programme.id), eq(organisations.orgNumber, '556677-8899')));
    expect((await person('UANNA')).organisationId).toBe(org!.id);
  });

  it('a word left over after the values is refused and nothing is stored', async () => {
    const { as, person } = await setup();
    const { outcome, text } = await as('UANNA', 'profile kön:kvinna språk:en tack');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”tack”');
    expect(await person('UANNA')).toMatchObject({ gender: null, language: null });
  });

  it('a mistyped key is refused with the key it most likely meant', async () => {
    const { as, person } = await setup();
    const { outcome, text } = await as('UANNA', 'profile gendr:woman');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `kön:kvinna`?');
    expect((await person('UANNA')).gender).toBeNull();
  });

  it('a language that is neither Swedish nor English is refused with the choices', async () => {
    const { as, person } = await setup();
    const { outcome, text } = await as('UANNA', 'profile språk:fi');
    expect(errorCode(outcome)).toBe('args.enum_invalid');
    expect(text).toContain('”fi” är inget av `svenska`, `engelska`.');
    expect((await person('UANNA')).language).toBeNull();
  });
});

describe('role and board add', () => {
  it('Swedish role words give the programme role they name', async () => {
    const { test, as, person } = await setup();
    expect((await as('UPM', 'roll @Anna projektledare')).text).toBe('Anna är nu projektledare.');
    await as('UPM', 'role @Karin styrgrupp');
    expect(await rolesOf(test, (await person('UANNA')).id)).toEqual(['manager']);
    expect(await rolesOf(test, (await person('UKARIN')).id)).toEqual(['board']);
  });

  it('a role that does not exist is refused with the choices and nothing is granted', async () => {
    const { test, as, person } = await setup();
    const { outcome, text } = await as('UPM', 'role @Anna chef');
    expect(errorCode(outcome)).toBe('args.enum_invalid');
    expect(text).toContain('”chef” är inget av `projektledare`, `styrgrupp`.');
    expect(await rolesOf(test, (await person('UANNA')).id)).toEqual([]);
  });

  it('a word after the role is refused and nothing is granted', async () => {
    const { test, as, person } = await setup();
    const { outcome } = await as('UPM', 'role @Anna manager direkt');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(await rolesOf(test, (await person('UANNA')).id)).toEqual([]);
  });

  it('board add takes one person; a second word is refused and nobody joins the board', async () => {
    const { test, as, person } = await setup();
    const { outcome, text } = await as('UPM', 'board add @Karin ordförande');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”ordförande”');
    expect(await rolesOf(test, (await person('UKARIN')).id)).toEqual([]);
    expect((await as('UPM', 'styrgrupp ny @Karin')).text).toBe('Karin är nu ledamot i den rådgivande styrgruppen.');
    expect(await rolesOf(test, (await person('UKARIN')).id)).toEqual(['board']);
  });

  it('board add without a person says a person is missing', async () => {
    const { as } = await setup();
    const { outcome, text } = await as('UPM', 'board add');
    expect(errorCode(outcome)).toBe('args.missing');
    expect(text).toContain('Exempel: `styrgrupp lägg-till @karin`');
  });
});

describe('claim, whoami and programme invite', () => {
  it('claim takes exactly one code: a second word is refused and no role is granted', async () => {
    const { test, as, person } = await setup();
    const { outcome } = await as('UANNA', 'claim K7Q2-9XPM extra');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(await rolesOf(test, (await person('UANNA')).id)).toEqual([]);
    expect(errorCode((await as('UANNA', 'claim')).outcome)).toBe('args.missing');
  });

  it('whoami and programme invite take no words', async () => {
    const { as } = await setup();
    expect(errorCode((await as('UANNA', 'whoami please')).outcome)).toBe('args.leftover');
    expect(errorCode((await as('UPM', 'programme invite Kiruna')).outcome)).toBe('args.leftover');
    expect((await as('UPM', 'program bjud-in')).text).toContain('Inbjudningskod:');
  });
});

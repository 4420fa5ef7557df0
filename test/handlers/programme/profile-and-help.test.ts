import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { organisations, people } from '../../../db/schema/index.js';
import { managedProgramme, type TestCore } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function setup() {
  const { test, as } = await managedProgramme(opened.db);
  const person = async (userId: string) => (await opened.db.select().from(people).where(eq(people.programmeId, test.programme.id))).find((p) => p.userId === userId);
  return { test, as, person };
}

describe('organisations and profiles', () => {
  it('an organisation is stored once per org number, whatever way the number is written', async () => {
    const { test, as } = await setup();
    expect((await as('UPM', 'org add 5566778899 "Norrbotten Space AB" type:company')).text).toBe('Organisationen Norrbotten Space AB (556677-8899, företag) är tillagd.');
    expect((await as('UPM', 'org add 556677-8899 "Another Name" type:academia')).text).toBe('Organisationen 556677-8899 finns redan som Norrbotten Space AB. Inget ändrades.');
    const rows = await opened.db.select().from(organisations).where(eq(organisations.programmeId, test.programme.id));
    expect(rows.map((r) => [r.orgNumber, r.name, r.helixType])).toEqual([['556677-8899', 'Norrbotten Space AB', 'company']]);
  });

  it('an org number with a wrong check digit or an unknown type is refused with an example', async () => {
    const { test, as } = await setup();
    const bad = await as('UPM', 'org add 556677-8898 "X AB" type:company');
    expect(bad.text).toContain('”556677-8898” är inget giltigt organisationsnummer');
    expect(bad.text).toContain('Exempel: `org ny 556677-8899 "Norrbotten Space AB" typ:företag`');
    expect((await as('UPM', 'org add 556677-8899 "X AB" type:bank')).text).toContain('”bank” är inget av `företag`, `akademi`, `offentlig`, `forskningsinstitut`, `civilsamhälle`.');
    expect(await opened.db.select().from(organisations).where(eq(organisations.programmeId, test.programme.id))).toEqual([]);
  });

  it('a person declares organisation, gender and language; the reply switches to English at once', async () => {
    const { as, person } = await setup();
    await as('UPM', 'org add 556677-8899 "Norrbotten Space AB" type:company');
    const { text } = await as('UANNA', 'profile org:556677-8899 gender:woman lang:en', { displayName: 'Anna' });
    expect(text).toContain('Your profile has been updated.');
    expect(text).toContain('Organisation: Norrbotten Space AB (556677-8899)');
    expect(text).toContain('Gender (self-declared): woman');
    expect(await person('UANNA')).toMatchObject({ language: 'en', gender: 'woman' });
    expect((await as('UANNA', 'join Nowhere')).text).toContain('I cannot find a cluster called “Nowhere”.');
  });

  it('`språk engelska` and `language swedish` switch the reply language as people say it; an unknown language changes nothing', async () => {
    const { as, person } = await setup();
    const english = await as('UD', 'språk engelska', { displayName: 'Dora' });
    expect(english.text).toContain('Your profile has been updated.');
    expect(english.text).toContain('Language: English');
    expect(await person('UD')).toMatchObject({ language: 'en' });
    const unknown = await as('UD', 'language german');
    expect(unknown.text).toContain('“german” is none of `sv`, `en`.');
    expect(unknown.text).toContain('Example: `language sv`');
    expect(await person('UD')).toMatchObject({ language: 'en' });
    expect((await as('UD', 'language sv')).text).toContain('Språk: svenska');
    expect(await person('UD')).toMatchObject({ language: 'sv' });
  });

  it('a bad profile value changes nothing, not even the valid values beside it', async () => {
    const { as, person } = await setup();
    await as('UB', 'whoami', { displayName: 'Bo' });
    const { text } = await as('UB', 'profile lang:en gender:robot');
    expect(text).toContain('Kön anges som ett av `kvinna`, `man`, `annat`, `ospecificerat` – eller utelämnas. Det är frivilligt');
    expect(await person('UB')).toMatchObject({ language: null, gender: null });
  });

  it('an org number LOKET does not know points to org add', async () => {
    const { as } = await setup();
    expect((await as('UC', 'profile org:556677-8899')).text).toContain('Lägg till den med `org ny 556677-8899 <namn> typ:företag`');
  });
});

describe('help, whoami and unknown verbs', () => {
  it('help for one verb shows how to write it, an example and who may run it', async () => {
    const { as } = await setup();
    const { text } = await as('UX', 'hjälp cluster role');
    expect(text).toContain('Så skriver du: `kluster roll <kluster> @person ledare|ersättare|medlem`');
    expect(text).toContain('Exempel: `kluster roll Rymd @anna ersättare`');
    expect(text).toContain('Skrivs också: cluster role');
    expect(text).toContain('Vem: projektledare, klusterledare');
  });

  it('help names who may run a command its handler narrows: evaluate and rate are not for everyone', async () => {
    const { as } = await setup();
    expect((await as('UX', 'hjälp utvärdera')).text).toContain('Vem: den som loggade mötet, projektledare');
    expect((await as('UX', 'hjälp betygsätt')).text).toContain('Vem: de deltagare som fått frågan');
    await as('UE', 'språk engelska');
    expect((await as('UE', 'help evaluate')).text).toContain('Who: whoever logged the meeting, project manager');
  });

  it('a misspelt verb gets the closest known verb and its example', async () => {
    const { as } = await setup();
    const { outcome, text } = await as('UX', 'claster lst');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('verb.unknown');
    expect(text).toContain('Menade du `kluster lista`? Exempel: `kluster lista alla`');
  });

  it('a misspelt verb followed by a title is matched on the verb, not on the title', async () => {
    const { as } = await setup();
    const { text } = await as('UX', 'meting Styrgrupp mars');
    expect(text).toContain('Menade du `möte`? Exempel: `möte "Styrgrupp mars"');
  });

  it('an English Slack locale gets English replies until the person chooses otherwise', async () => {
    const { as } = await setup();
    expect((await as('UE', 'whoami', { locale: 'en-GB', displayName: 'Emma' })).text).toContain('You in LOKET');
    expect((await as('UE', 'profile lang:sv', { locale: 'en-GB' })).text).toContain('Profilen är uppdaterad.');
    expect((await as('UE', 'whoami', { locale: 'en-GB' })).text).toContain('Du i LOKET');
  });

  it('a decision line sent on its own explains how to keep it with its meeting', async () => {
    const { as } = await setup();
    for (const line of ['decision: Vi söker EU-medel', 'beslut: ja', 'note: en rad']) {
      const { outcome, text } = await as('UX', line);
      expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('verb.stray_line');
      expect(text).toContain('avslutar du raden före med `\\`');
    }
  });

  it('an empty message shows the help', async () => {
    const { as } = await setup();
    expect((await as('UX', '   ')).text).toContain('LOKET – vad vill du göra?');
  });

  it('help fits a phone screen: the areas, each with how to see it, in at most 15 lines', async () => {
    const { as } = await setup();
    const { text } = await as('UX', 'help');
    expect(text.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(15);
    expect(text).toContain('Möten och åtgärder: skriv `hjälp möten`');
    const group = (await as('UX', 'help möten')).text;
    expect(group).toContain('`möte` – ');
    expect(group).not.toContain('`exchange need`');
    expect((await as('UX', 'help meetings')).text).toBe(group);
  });

  it('an unknown help topic gets the closest commands, not the whole list', async () => {
    const { outcome, text } = await (await setup()).as('UX', 'help vacation');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('help.unknown_topic');
    expect(text).toContain('Jag hittar ingen hjälp om ”vacation”.');
    expect(text.split('\n').length).toBeLessThanOrEqual(4);
  });
});

// `profile org:<number>` for an organisation LOKET does not have yet says how to add it, in the reader's
// language, with an example that names what to replace. Found playing a programme's week in the console: the
// example was `org add 556677-8899 "…" type:company`, which adds an organisation called «…», and the Swedish
// reply used the English key and type.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { organisations, people } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('profile org: an organisation not added yet', () => {
  it('is refused in Swedish with Swedish keys and a name to replace; the profile is unchanged', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    const reply = await as('UNILS', 'profil org:556677-8899 kön:kvinna');
    expect(errorCode(reply)).toBe('profile.org_not_found');
    expect(reply.text).toBe(
      'Organisationen med nummer 556677-8899 finns inte ännu. Lägg till den med `org ny 556677-8899 <namn> typ:företag`.\nExempel: `org ny 556677-8899 "Organisationens namn" typ:företag`',
    );
    const [nils] = await opened.db.select().from(people).where(eq(people.programmeId, test.programme.id)).then((rows) => rows.filter((r) => r.displayName === 'Nils'));
    expect([nils?.organisationId, nils?.gender]).toEqual([null, null]);
  });

  it('in English names the English type, and the Swedish example works as written for someone who may add', async () => {
    const { test, as } = await meetingProgramme(opened.db);
    await as('UNILS', 'profile lang:en');
    const english = await as('UNILS', 'profile org:556677-8899');
    expect(english.text).toContain('Example: `org add 556677-8899 "Organisation name" type:company`');
    const example = /Exempel: `([^`]*)`/.exec((await as('UANNA', 'profil org:556677-8899')).text)?.[1];
    expect(errorCode(await as('UANNA', example!))).toBeUndefined();
    const rows = await opened.db.select().from(organisations).where(eq(organisations.programmeId, test.programme.id));
    expect(rows.map((r) => [r.orgNumber, r.name, r.helixType])).toEqual([['556677-8899', 'Organisationens namn', 'company']]);
  });
});

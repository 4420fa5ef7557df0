import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, none } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

// Every refusal names what was wrong and shows a correct example; the valid lines before the bad one are
// not stored either.
const badInputs: { what: string; text: string; code: string; says: string; example: string }[] = [
  { what: 'an unknown cluster', text: 'meeting Avstämning cluster:Rymd,Fordon\ndecision: ok', code: 'cluster.not_found', says: 'Jag hittar inget kluster som heter ”Fordon”. Finns: Rymd och Skog.', example: 'möte "Styrgrupp mars"' },
  { what: 'an unknown participant', text: 'meeting Avstämning with:@Okänd\ndecision: ok', code: 'person.not_found', says: 'Jag känner inte till ”@Okänd”', example: 'med:"@anna, Karin Ek (LTU)"' },
  { what: 'an unknown action owner', text: 'meeting Avstämning\ndecision: ok\naction: @Okänd Ring Vinnova', code: 'person.not_found', says: '”@Okänd”', example: 'åtgärd: @anna Boka lokal' },
  { what: 'a date that does not exist', text: 'meeting Avstämning date:2026-02-30\ndecision: ok', code: 'date.invalid', says: '”2026-02-30” är inget giltigt datum för `datum:`', example: 'datum:2026-03-02' },
  { what: 'a date in another format', text: 'meeting Avstämning date:2/3', code: 'date.invalid', says: 'Skriv datum som ÅÅÅÅ-MM-DD', example: 'möte "Styrgrupp mars"' },
  { what: 'a due date that does not exist', text: 'meeting Avstämning\naction: @Nils Boka due:2026-04-31', code: 'date.invalid', says: 'för `senast:`', example: 'åtgärd: @anna Boka lokal för workshopen senast:2026-03-16' }, // two weeks after the test clock's day
  { what: 'a due date before the meeting', text: 'meeting Avstämning date:2026-03-02\ndecision: ok\naction: @Nils Boka lokal due:2026-03-01', code: 'meeting.due_before_meeting', says: 'Slutdatumet 2026-03-01 ligger före mötets datum 2026-03-02', example: 'åtgärd: @anna Boka lokal' },
  { what: 'an empty title with other arguments', text: 'meeting date:2026-03-02 cluster:Rymd\ndecision: ok', code: 'args.missing', says: 'Det saknas en titel på mötet.', example: 'möte "Styrgrupp mars"' },
  { what: 'lines but no title', text: 'meeting\ndecision: ok', code: 'args.missing', says: 'Det saknas en titel på mötet.', example: 'möte "Styrgrupp mars"' },
  { what: 'an unknown kind', text: 'meeting Avstämning kind:fika', code: 'meeting.kind_invalid', says: 'Mötestypen ”fika” finns inte. Välj en av: kluster, nätverk, styrgrupp', example: 'typ:styrgrupp' },
  { what: 'an action with an owner but nothing to do', text: 'meeting Avstämning\naction: @Nils due:2026-03-20', code: 'args.missing', says: 'Det saknas vad som ska göras', example: 'åtgärd: @anna' },
  { what: 'an org number that is not registered', text: 'meeting Avstämning orgs:212000-0142', code: 'meeting.org_not_found', says: 'Organisationen 212000-0142 finns inte', example: 'org ny 212000-0142' },
  { what: 'something that is not an org number', text: 'meeting Avstämning orgs:LTU', code: 'org.number_invalid', says: '”LTU” är inget giltigt organisationsnummer', example: 'möte "Styrgrupp mars"' },
  { what: 'a guest at a registered-looking org that is unknown', text: 'meeting Avstämning with:"Karin Ek (212000-0142)"', code: 'meeting.org_not_found', says: 'Organisationen 212000-0142', example: 'org ny' },
];

describe('meeting with bad input', () => {
  it.each(badInputs)('$what is refused with an example, and nothing is stored', async ({ text, code, says, example }) => {
    const p = await meetingProgramme(opened.db);
    const reply = await p.as('UANNA', text);
    expect(errorCode(reply.outcome)).toBe(code);
    expect(reply.text).toContain(says);
    expect(reply.text).toContain(`Exempel: \``);
    expect(reply.text).toContain(example);
    expect(await p.counts()).toEqual(none);
  });

  it('a bad due date on an `åtgärd:` line names `senast:` and shows a Swedish example with a date ahead; `due:` in English', async () => {
    const p = await meetingProgramme(opened.db);
    const sv = await p.as('UANNA', 'möte Avstämning datum:2026-03-02 kluster:Rymd\nåtgärd: @Nils Boka lokal senast:fredag');
    expect(errorCode(sv)).toBe('date.invalid');
    expect(sv.text).toBe('”fredag” är inget giltigt datum för `senast:`. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-02.\nExempel: `åtgärd: @anna Boka lokal för workshopen senast:2026-03-16`');
    expect(await p.counts()).toEqual(none);

    await p.as('UERIK', 'profile lang:en');
    const en = await p.as('UERIK', 'meeting Check-in date:2026-03-02 cluster:Skog\naction: @Nils Book a room senast:friday');
    expect(errorCode(en)).toBe('date.invalid');
    expect(en.text).toBe('“friday” is not a valid date for `due:`. Write dates as YYYY-MM-DD, e.g. 2026-03-02.\nExample: `action: @anna Book a room for the workshop due:2026-03-16`');
    expect(await p.counts()).toEqual(none);
  });

  it('English speakers get the refusal in English with the kinds in English', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    const { text } = await p.as('UANNA', 'meeting Check-in kind:fika');
    expect(text).toContain('There is no meeting kind “fika”. Choose one of: cluster, network, board, study-trip, workshop, training, member, external.');
    expect(text).toContain('Example: `meeting "Board March" date:2026-03-02 cluster:Rymd kind:board`');
  });
});

describe('who may log a meeting', () => {
  it.each([
    ['a cluster member', 'UNILS'],
    ['a participant in no cluster', 'UOLLE'],
  ])('%s may not, and nothing is stored', async (_who, userId) => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as(userId, 'meeting Avstämning cluster:Rymd');
    expect(errorCode(outcome)).toBe('permission.denied');
    expect(text).toContain('Det kan: projektledare, klusterledare, ersättare.');
    expect(await p.counts()).toEqual(none);
  });

  it.each([
    ['the project manager', 'UPM'],
    ['its leader', 'UANNA'],
    ['its deputy', 'UDANA'],
  ])('%s may', async (_who, userId) => {
    const p = await meetingProgramme(opened.db);
    expect((await p.as(userId, 'meeting Avstämning cluster:Rymd')).text).toContain('Mötet M1 är sparat');
    expect((await p.counts()).meetings).toBe(1);
  });

  it("another cluster's leader may not log a meeting in a cluster they do not lead or deputise, and nothing is stored", async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UERIK', 'meeting Avstämning cluster:Rymd\ndecision: Vi bokar lokal');
    expect(errorCode(outcome)).toBe('meeting.cluster_not_allowed');
    expect(text).toContain('Du kan inte logga möten i Rymd: ett klusters möten loggas av dess ledare och ersättare eller en projektledare.');
    expect(text).toContain('Dina kluster: Skog.');
    expect(await p.counts()).toEqual(none);
  });

  it('a joint meeting that names the logger\'s own cluster beside another is logged once, in both', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UERIK', 'meeting "Gemensam workshop" cluster:Skog,Rymd');
    expect(text).toContain('Kluster: Rymd, Skog');
    expect(await p.counts()).toMatchObject({ meetings: 1, meetingClusters: 2 });
  });
});

describe('ids', () => {
  it('an id of another programme is not found, and the wrong kind of id is explained', async () => {
    const first = await meetingProgramme(opened.db);
    await first.as('UANNA', 'meeting Ett\ndecision: a');
    await first.as('UANNA', 'meeting Två\ndecision: b');
    const second = await meetingProgramme(opened.db);
    await second.as('UANNA', 'meeting Tre');
    for (const command of ['meeting show M2', 'meeting share M2', 'meeting edit M2 Ny', 'meeting delete M2']) {
      const { outcome, text } = await second.as('UPM', command);
      expect(errorCode(outcome)).toBe('meeting.not_found');
      expect(text).toContain('Jag hittar inget möte M2 i programmet.');
    }
    const wrongKind = await second.as('UPM', 'meeting show A1');
    expect(errorCode(wrongKind.outcome)).toBe('args.id_invalid');
    expect(wrongKind.text).toContain('”A1” är inget giltigt id här. Det ser ut så här: M12.');
    expect((await first.counts()).meetings).toBe(2);
    expect((await second.counts()).meetings).toBe(1);
  });
});

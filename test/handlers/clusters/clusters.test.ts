import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog, clusters, memberships } from '../../../db/schema/index.js';
import { managedProgramme, type TestCore } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const programmeWithManager = () => managedProgramme(opened.db, { managerName: 'Petra PM' });

async function clusterRows(test: TestCore) {
  return opened.db.select().from(clusters).where(eq(clusters.programmeId, test.programme.id));
}

describe('cluster add', () => {
  it('a project manager who adds a cluster with a quoted name sees it confirmed and stored', async () => {
    const { test, as } = await programmeWithManager();
    const { text } = await as('UPM', 'cluster add "Swedish Space Cluster" sector:space');
    expect(text).toContain('Klustret ”Swedish Space Cluster” (sektor: space) är tillagt');
    const rows = await clusterRows(test);
    expect(rows.map((r) => [r.name, r.sector])).toEqual([['Swedish Space Cluster', 'space']]);
    const audit = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, test.programme.id), eq(auditLog.action, 'cluster.add')));
    expect(audit).toHaveLength(1);
  });

  it('a cluster without a sector is refused with an example and nothing is stored', async () => {
    const { test, as } = await programmeWithManager();
    const { outcome, text } = await as('UPM', 'cluster add Rymd');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.missing');
    expect(text).toContain('Det saknas en sektor (sektor:…).');
    expect(text).toContain('Exempel: `kluster ny "Swedish Space Cluster" sektor:rymd`');
    expect(await clusterRows(test)).toEqual([]);
  });

  it('a sector of two words left unquoted is refused with the quoted form to use, and nothing is stored', async () => {
    const { test, as } = await programmeWithManager();
    const { outcome, text } = await as('UPM', 'cluster add "Vehicle Test Arena" sector:vehicle testing');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”testing”');
    expect(text).toContain('Menade du `sektor:"vehicle testing"`?');
    expect(await clusterRows(test)).toEqual([]);
  });

  it('Swedish keys are read like English ones, and a quoted sector is stored exactly as typed', async () => {
    const { test, as } = await programmeWithManager();
    await as('UPM', 'kluster ny "Vehicle Test Arena" sektor:"vehicle testing"');
    expect((await clusterRows(test)).map((r) => [r.name, r.sector])).toEqual([['Vehicle Test Arena', 'vehicle testing']]);
  });

  it('a mistyped key gets the key it most likely meant, and nothing is stored', async () => {
    const { test, as } = await programmeWithManager();
    const { outcome, text } = await as('UPM', 'cluster add Rymd secotr:space');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.unknown_key');
    expect(text).toContain('Menade du `sektor:space`?');
    expect(await clusterRows(test)).toEqual([]);
  });

  it.each([
    ['a straight quote inside', 'kluster ny Rym"d sektor:rymd', '"'],
    ['guillemets', 'kluster ny «Rymd» sektor:rymd', '« »'],
    ['a backtick', 'kluster ny Rymd`s sektor:rymd', '`'],
    ['quotes inside a quoted name', 'kluster ny "Space "X"" sektor:rymd', '"'],
  ])('a name with %s is refused, naming the marks, with a correct example, and nothing is stored', async (_what, command, quotes) => {
    const { test, as } = await programmeWithManager();
    const { outcome, text } = await as('UPM', command);
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('args.name_quotes');
    expect(text).toBe(`Ett klusternamn kan inte innehålla citattecken (här: ${quotes}). Skriv namnet utan dem; citattecken runt hela namnet går bra.\nExempel: \`kluster ny "Swedish Space Cluster" sektor:rymd\``);
    expect(await clusterRows(test)).toEqual([]);
  });

  it('an apostrophe is part of a name, and quotes around the whole name are the grammar’s, not the name’s', async () => {
    const { test, as } = await programmeWithManager();
    expect((await as('UPM', "kluster ny Europa's sektor:rymd")).text).toContain("Klustret ”Europa's” (sektor: rymd) är tillagt. Medlemmar går med genom `gå-med Europa's`.");
    await as('UPM', 'kluster ny Europa’s Hub sektor:rymd');
    await as('UPM', 'kluster ny “Norrskog” sektor:skog');
    expect((await clusterRows(test)).map((r) => r.name).sort()).toEqual(["Europa's", 'Europa’s Hub', 'Norrskog']);
    const joined = await as('UPM', "gå-med Europa's");
    expect(joined.outcome.kind === 'reply' && joined.outcome.reply.error).toBeUndefined();
  });

  it('a rename to a name with quote marks is refused in the reader’s language, and the name stays', async () => {
    const { test, as } = await programmeWithManager();
    await as('UPM', 'cluster add Rymd sector:space');
    const sv = await as('UPM', 'kluster byt-namn Rymd «Rymden»');
    expect(sv.outcome.kind === 'reply' && sv.outcome.reply.error?.code).toBe('args.name_quotes');
    expect(sv.text).toContain('Exempel: `kluster byt-namn Rymd "Swedish Space Cluster"`');
    await as('UPM', 'profile lang:en');
    const en = await as('UPM', 'cluster rename Rymd Rym"den');
    expect(en.text).toBe('A cluster name cannot contain quote marks (here: "). Write the name without them; quotes around the whole name are fine.\nExample: `cluster rename Rymd "Swedish Space Cluster"`');
    expect((await clusterRows(test)).map((r) => r.name)).toEqual(['Rymd']);
  });

  it('a second cluster with the same name in another case is refused', async () => {
    const { test, as } = await programmeWithManager();
    await as('UPM', 'cluster add Rymd sector:space');
    const { text } = await as('UPM', 'cluster add rymd sector:space');
    expect(text).toContain('Det finns redan ett kluster som heter ”rymd”');
    expect(await clusterRows(test)).toHaveLength(1);
  });

  it('a participant who is not a manager may not add a cluster', async () => {
    const { test, as } = await programmeWithManager();
    const { outcome, text } = await as('UNOBODY', 'cluster add Rymd sector:space', { displayName: 'Nils' });
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('permission.denied');
    expect(text).toContain('Du får inte köra `kluster ny`. Det kan: projektledare.');
    expect(await clusterRows(test)).toEqual([]);
  });
});

describe('cluster role and join', () => {
  it('several deputies are listed as a sentence in the reader\'s language', async () => {
    const { as } = await programmeWithManager();
    await as('UPM', 'cluster add Skog sector:forest');
    for (const [id, name] of [['UANNA', 'Anna'], ['USARA', 'Sara']]) await as(id!, 'whoami', { displayName: name });
    await as('UPM', 'cluster role Skog <@UANNA> deputy');
    // «ställföreträdare» is the word many write for a deputy.
    await as('UPM', 'kluster roll Skog <@USARA> ställföreträdare');
    expect((await as('UPM', 'cluster list')).text).toContain('ersättare: Anna och Sara');
    await as('UPM', 'profile lang:en');
    expect((await as('UPM', 'cluster list')).text).toContain('deputies: Anna and Sara');
  });

  it('a new leader turns the previous leader into a deputy, and the list shows both', async () => {
    const { test, as } = await programmeWithManager();
    await as('UPM', 'cluster add Skog sector:forest');
    await as('UANNA', 'whoami', { displayName: 'Anna' });
    await as('UERIK', 'whoami', { displayName: 'Erik' });
    expect((await as('UPM', 'cluster role Skog <@UANNA> leader')).text).toContain('Anna är nu klusterledare i Skog.');
    const second = await as('UPM', 'cluster role skog <@UERIK|erik> leader');
    expect(second.text).toContain('Anna var ledare och är nu ersättare.');
    const list = await as('UANNA', 'cluster list');
    expect(list.text).toContain('Skog – forest – ledare: Erik, ersättare: Anna – 2 medlemmar');
    const rows = await opened.db.select().from(memberships).where(eq(memberships.programmeId, test.programme.id));
    expect(rows.map((r) => r.role).sort()).toEqual(['deputy', 'leader']);
  });

  it('anyone can join a cluster once', async () => {
    const { test, as } = await programmeWithManager();
    await as('UPM', 'cluster add Turism sector:tourism');
    expect((await as('UX', 'join turism', { displayName: 'Xena' })).text).toBe('Du är nu medlem i Turism.');
    expect((await as('UX', 'join Turism')).text).toBe('Du är redan med i Turism (som medlem).');
    const rows = await opened.db.select().from(memberships).where(eq(memberships.programmeId, test.programme.id));
    expect(rows).toHaveLength(1);
  });

  it('joining a cluster that does not exist names the clusters there are', async () => {
    const { as } = await programmeWithManager();
    await as('UPM', 'cluster add Rymd sector:space');
    const { text } = await as('UX', 'join Fordon');
    expect(text).toContain('Jag hittar inget kluster som heter ”Fordon”. Finns: Rymd.');
    expect(text).not.toContain('Menade du');
  });

  it('a word that begins one cluster\'s name is asked about, never taken: nothing is joined', async () => {
    const { test, as } = await programmeWithManager();
    await as('UPM', 'cluster add "Mat & Dryck Norr" sector:food');
    await as('UPM', 'cluster add Rymd sector:space');
    await as('UPM', 'cluster add Matematik sector:education');
    const dryck = await as('UX', 'gå-med dryck');
    expect(dryck.text).toContain('Jag hittar inget kluster som heter ”dryck”.');
    expect(dryck.text).toContain('Menade du ”Mat & Dryck Norr”?');
    // «mat» begins two names: no guess.
    expect((await as('UX', 'gå-med mat')).text).not.toContain('Menade du');
    const joined = await test.db.select().from(memberships).where(eq(memberships.programmeId, test.programme.id));
    expect(joined).toHaveLength(0);
  });
});

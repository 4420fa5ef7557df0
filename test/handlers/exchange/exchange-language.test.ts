import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { exchangeProposals } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('exchange reasons in the reader’s language', () => {
  it('a proposal made by an English reader reads in Swedish for the Swedish side, and the other way round', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    await p.as('UERIK', 'exchange offer Vi har skrivit tre Interreg-ansökningar och delar mallar tags:"eu projects"');
    const need = await p.as('UANNA', 'exchange need Help with an Interreg application tags:"eu projects"');
    expect(need.text).toContain("X1 · with Erik – both about eu projects; Erik's offer (Skog): Vi har skrivit tre Interreg-ansökningar och delar mallar; another sector");

    const swedish = await p.as('UERIK', 'exchange list mine');
    expect(swedish.text).toContain('X1 · Anna (Rymd) · föreslaget – båda om eu projects; Eriks erbjudande (Skog)');
    expect(swedish.text).toContain('annan sektor');
    expect(swedish.text).not.toMatch(/both about|'s offer|another sector/);

    const english = await p.as('UANNA', 'exchange list mine');
    expect(english.text).toContain("both about eu projects; Erik's offer (Skog)");
    expect(english.text).not.toMatch(/båda om|erbjudande \(|annan sektor/);

    // What is stored is the match's facts, not one language's sentence.
    const [stored] = await opened.db.select({ reason: exchangeProposals.reason }).from(exchangeProposals).where(eq(exchangeProposals.programmeId, p.test.programme.id));
    expect(JSON.parse(stored!.reason)).toMatchObject({ sharedTags: ['eu projects'], personName: 'Erik', clusterName: 'Skog', otherSector: true });
  });
});

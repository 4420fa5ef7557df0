// A leader, deputy or member whose only cluster was retired is told the cluster is retired, since when and
// what they can do, not «Du får inte köra `anteckning`» (found by a leader of a retired cluster, who read the
// permission text as a broken role and asked the project manager to give it back). Nothing is stored.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { plannedMeetings, planGaps, progressNotes } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, none } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const retiredSv = (role: string) => `Du är ${role} i Rymd, och klustret är avvecklat sedan 2026-03-02: det som sparats finns kvar, men inget nytt läggs till där. Ska arbetet fortsätta i ett annat kluster, be projektledaren om en roll där.\nExempel: \`kluster lista alla\``;

describe('new work in a retired cluster', () => {
  it("is refused to the cluster's own people by saying it is retired and since when, and nothing is stored", async () => {
    const p = await meetingProgramme(opened.db);
    const id = p.test.programme.id;
    expect(errorCode(await p.as('UPM', 'kluster avveckla Rymd'))).toBeUndefined();

    for (const [user, role, command] of [
      ['UANNA', 'klusterledare', 'anteckning Rymd Testbädden i Kiruna bokas sex veckor i förväg.'],
      ['UANNA', 'klusterledare', 'möte Uppföljning datum:2026-03-02 kluster:Rymd\nåtgärd: Boka testbädden @Anna'],
      ['UANNA', 'klusterledare', 'plan brist Rymd område:finansiering Ingen basfinansiering'],
      ['UANNA', 'klusterledare', 'möte planera "Styrgrupp april" datum:2026-04-02 kluster:Rymd'],
      ['UDANA', 'ersättare', 'veckorapport Rymd gjort: Ansökan skickad'],
      ['UNILS', 'medlem', 'anteckning Rymd Hej'],
    ] as const) {
      const reply = await p.as(user, command);
      expect(errorCode(reply), command).toBe('cluster.retired_role');
      expect(reply.text, command).toBe(retiredSv(role));
    }
    expect(await p.counts()).toEqual(none);
    expect(await opened.db.select().from(planGaps).where(eq(planGaps.programmeId, id))).toEqual([]);
    expect(await opened.db.select().from(plannedMeetings).where(eq(plannedMeetings.programmeId, id))).toEqual([]);
    expect(await opened.db.select().from(progressNotes).where(eq(progressNotes.programmeId, id))).toEqual([]);

    // In English for an English reader.
    await p.as('UDANA', 'profile lang:en');
    const english = await p.as('UDANA', 'note Rymd The test bed in Kiruna is booked six weeks ahead.');
    expect(errorCode(english)).toBe('cluster.retired_role');
    expect(english.text).toBe(
      'You are deputy in Rymd, and the cluster has been retired since 2026-03-02: what was stored stays, but nothing new is added there. If the work goes on in another cluster, ask the project manager for a role there.\nExample: `cluster list all`',
    );
    expect(await p.counts()).toEqual(none);
  });

  it('names the day it was retired to the project manager too, and someone with no role there still reads the permission text', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', 'kluster avveckla Rymd');
    const manager = await p.as('UPM', 'anteckning Rymd Något nytt');
    expect(errorCode(manager)).toBe('cluster.retired');
    expect(manager.text).toContain('Klustret Rymd är avvecklat sedan 2026-03-02: det som sparats finns kvar, men inget nytt läggs till där.');
    const olle = await p.as('UOLLE', 'anteckning Rymd Något nytt');
    expect(errorCode(olle)).toBe('permission.denied');
    expect(await p.counts()).toEqual(none);
  });
});

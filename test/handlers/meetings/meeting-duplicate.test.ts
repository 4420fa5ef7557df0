// A meeting with the title and date of a live meeting of the same clusters is stored (two meetings may
// share a title) but the confirmation says which meeting already has them and how to remove the new one
// (found by a leader: the same steering group logged twice, by her and by her deputy, without a word).
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, meetingClusters, meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** The programme's live meetings as `M<n> <title> <day> <clusters>`, oldest number first. */
async function liveMeetings(programmeId: string): Promise<string[]> {
  const rows = await opened.db
    .select({ number: meetings.number, title: meetings.title, heldOn: meetings.heldOn, cluster: clusters.name })
    .from(meetings)
    .leftJoin(meetingClusters, eq(meetingClusters.meetingId, meetings.id))
    .leftJoin(clusters, eq(clusters.id, meetingClusters.clusterId))
    .where(and(eq(meetings.programmeId, programmeId), isNull(meetings.deletedAt)))
    .orderBy(asc(meetings.number), asc(clusters.name));
  const byNumber = new Map<number, string>();
  for (const r of rows) byNumber.set(r.number, byNumber.has(r.number) ? `${byNumber.get(r.number)},${r.cluster}` : `M${r.number} ${r.title} ${r.heldOn} ${r.cluster ?? '-'}`);
  return [...byNumber.values()];
}

const warningSv = (existing: string, title: string, date: string, added: string) =>
  `Obs: mötet ${existing} har redan titeln ”${title}” och datumet ${date}. Var det samma möte, ta bort det nya med \`möte radera ${added}\`.`;

describe('a meeting logged twice', () => {
  it('is stored again, and the confirmation names the meeting that already has its title and date and the command that removes the new one', async () => {
    const p = await meetingProgramme(opened.db);
    const id = p.test.programme.id;
    const first = await p.as('UANNA', 'möte "Styrgrupp mars" datum:2026-03-02 kluster:Rymd');
    expect(first.text).not.toContain('Obs:');
    const second = await p.as('UDANA', 'möte "styrgrupp mars" datum:2026-03-02 kluster:Rymd\nbeslut: Budgeten godkänns');
    expect(errorCode(second)).toBeUndefined();
    expect(second.text).toContain('Mötet M2 är sparat');
    expect(second.text).toContain(warningSv('M1', 'styrgrupp mars', '2026-03-02', 'M2'));
    expect(await liveMeetings(id)).toEqual(['M1 Styrgrupp mars 2026-03-02 Rymd', 'M2 styrgrupp mars 2026-03-02 Rymd']);

    // The first meeting is named, not the last: a third copy points at M1 too.
    expect((await p.as('UANNA', 'möte "Styrgrupp mars" datum:2026-03-02 kluster:Rymd')).text).toContain(warningSv('M1', 'Styrgrupp mars', '2026-03-02', 'M3'));

    // The command works: the new one goes, the first stays.
    expect((await p.as('UDANA', 'möte radera M2')).text).toContain('Mötet M2 ”styrgrupp mars” är borttaget');
    expect(await liveMeetings(id)).toEqual(['M1 Styrgrupp mars 2026-03-02 Rymd', 'M3 Styrgrupp mars 2026-03-02 Rymd']);

    // In English for an English reader.
    await p.as('UANNA', 'profile lang:en');
    const english = await p.as('UANNA', 'meeting "Styrgrupp mars" date:2026-03-02 cluster:"Rymd, Skog"');
    expect(english.text).toContain('Meeting M4 is saved');
    expect(english.text).toContain('Note: meeting M1 already has the title “Styrgrupp mars” and the date 2026-03-02. If it is the same meeting, remove the new one with `meeting delete M4`.');
    expect(await liveMeetings(id)).toEqual(['M1 Styrgrupp mars 2026-03-02 Rymd', 'M3 Styrgrupp mars 2026-03-02 Rymd', 'M4 Styrgrupp mars 2026-03-02 Rymd,Skog']);
  });

  it('says nothing for another day, another cluster, a deleted meeting or another title', async () => {
    const p = await meetingProgramme(opened.db);
    const id = p.test.programme.id;
    await p.as('UANNA', 'möte "Styrgrupp mars" datum:2026-03-02 kluster:Rymd');
    await p.as('UANNA', 'möte radera M1');
    const replies = [
      await p.as('UANNA', 'möte "Styrgrupp mars" datum:2026-03-02 kluster:Rymd'),
      await p.as('UANNA', 'möte "Styrgrupp mars" datum:2026-03-01 kluster:Rymd'),
      await p.as('UERIK', 'möte "Styrgrupp mars" datum:2026-03-02 kluster:Skog'),
      await p.as('UANNA', 'möte "Styrgrupp april" datum:2026-03-02 kluster:Rymd'),
      await p.as('UPM', 'möte "Styrgrupp mars" datum:2026-03-02'),
    ];
    for (const reply of replies) {
      expect(errorCode(reply)).toBeUndefined();
      expect(reply.text).not.toContain('Obs:');
    }
    expect(await liveMeetings(id)).toEqual([
      'M2 Styrgrupp mars 2026-03-02 Rymd',
      'M3 Styrgrupp mars 2026-03-01 Rymd',
      'M4 Styrgrupp mars 2026-03-02 Skog',
      'M5 Styrgrupp april 2026-03-02 Rymd',
      'M6 Styrgrupp mars 2026-03-02 -',
    ]);
    // A programme-wide meeting is compared with the programme-wide ones.
    expect((await p.as('UPM', 'möte "Styrgrupp mars" datum:2026-03-02')).text).toContain(warningSv('M6', 'Styrgrupp mars', '2026-03-02', 'M7'));
  });

  it('a planned meeting logged on the day of one already logged under its title says so too', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'möte planera Klustermöte datum:2026-03-10 tid:10:00 kluster:Rymd');
    p.test.clock.set(new Date('2026-03-10T11:00:00Z'));
    await p.as('UDANA', 'möte Klustermöte datum:2026-03-10 kluster:Rymd');
    const logged = await p.as('UANNA', 'möte logga M1');
    expect(errorCode(logged)).toBeUndefined();
    expect(logged.text).toContain(warningSv('M2', 'Klustermöte', '2026-03-10', 'M1'));
    expect(await liveMeetings(p.test.programme.id)).toEqual(['M1 Klustermöte 2026-03-10 Rymd', 'M2 Klustermöte 2026-03-10 Rymd']);
  });

  it("is noticed when the title differs only by a phone's double space or a closing full stop, for a Swedish and an English reader", async () => {
    const p = await meetingProgramme(opened.db);
    const id = p.test.programme.id;
    await p.as('UANNA', 'möte "Styrgrupp mars" datum:2026-03-02 kluster:Rymd');
    const spaced = await p.as('UDANA', 'möte "Styrgrupp  mars" datum:2026-03-02 kluster:Rymd');
    expect(errorCode(spaced)).toBeUndefined();
    expect(spaced.text).toContain('Obs: mötet M1 har redan titeln ”Styrgrupp mars” och datumet 2026-03-02. Var det samma möte, ta bort det nya med `möte radera M2`.');
    await p.as('UDANA', 'profile lang:en');
    const stopped = await p.as('UDANA', 'meeting Styrgrupp mars. date:2026-03-02 cluster:Rymd');
    expect(errorCode(stopped)).toBeUndefined();
    expect(stopped.text).toContain('Note: meeting M1 already has the title “Styrgrupp mars.” and the date 2026-03-02. If it is the same meeting, remove the new one with `meeting delete M3`.');
    // Stored all the same: the person may mean it.
    expect((await liveMeetings(id)).map((m) => m.replace(/ +/g, ' '))).toEqual(['M1 Styrgrupp mars 2026-03-02 Rymd', 'M2 Styrgrupp mars 2026-03-02 Rymd', 'M3 Styrgrupp mars. 2026-03-02 Rymd']);
    // Other words are another meeting.
    expect((await p.as('UDANA', 'meeting Styrgrupp mars extra date:2026-03-02 cluster:Rymd')).text).not.toContain('Note:');
  });
});

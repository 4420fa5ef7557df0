// `meeting` and its neighbours read their words against their declarations (handlers/meetings/commands.ts):
// Swedish and English keys and kinds store exactly what was meant, and words that fit nowhere are refused
// before anything is stored, never glued onto a title.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { createRepositories } from '../../../db/repositories.js';
import { actionItems, meetings } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, none, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** The meeting programme plus the clusters of the examples. */
async function withSpaceClusters() {
  const p = await meetingProgramme(opened.db);
  for (const command of ['cluster add "Swedish Space Cluster" sector:space', 'cluster add Norrskog sector:forest']) {
    const { outcome } = await p.as('UPM', command);
    expect(errorCode(outcome)).toBeUndefined();
  }
  return p;
}

/** M1 as stored: title, day, kind, cluster names, participants (people and guests) and organisations. */
async function stored(p: MeetingProgramme, number = 1) {
  const repos = createRepositories(opened.db);
  const { meeting } = await repos.meetings.findByNumber(p.test.programme.id, number);
  if (!meeting) return undefined;
  const details = await repos.meetings.details(p.test.programme.id, meeting.id);
  return { title: meeting.title, heldOn: meeting.heldOn, kind: meeting.kind, clusters: details.clusters.map((c) => c.name).sort(), details };
}

describe('meeting', () => {
  it('a title typed without quotes and two clusters, one quoted, are stored as two clusters and the whole title', async () => {
    const p = await withSpaceClusters();
    const { outcome } = await p.as('UPM', 'meeting Workshop satellitdata för skogen cluster:"Swedish Space Cluster",Norrskog');
    expect(errorCode(outcome)).toBeUndefined();
    expect(await stored(p)).toMatchObject({ title: 'Workshop satellitdata för skogen', kind: 'cluster', clusters: ['Norrskog', 'Swedish Space Cluster'] });
  });

  it('`with:` takes a person and a quoted guest with their organisation', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome } = await p.as('UERIK', 'meeting Avstämning with:@anna,"Per Nilsson (Norrbotten Space AB)"');
    expect(errorCode(outcome)).toBeUndefined();
    const participants = (await stored(p))!.details.participants;
    expect(participants.map((x) => x.name).sort()).toEqual(['Anna', 'Erik', 'Per Nilsson']);
    expect(participants.find((x) => x.name === 'Per Nilsson')).toMatchObject({ organisation: 'Norrbotten Space AB' });
  });

  it('Swedish keys and a Swedish kind store the quoted title, the date, the cluster and the kind', async () => {
    const p = await withSpaceClusters();
    const { outcome } = await p.as('UPM', 'möte "Svenska fält" datum:2026-02-12 kluster:Norrskog typ:workshop');
    expect(errorCode(outcome)).toBeUndefined();
    expect(await stored(p)).toMatchObject({ title: 'Svenska fält', heldOn: '2026-02-12', kind: 'workshop', clusters: ['Norrskog'] });
  });

  it('`med:`, `org:` and an action line with `senast:` are read like `with:`, `orgs:` and `due:`, also for an English reader', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UPM', 'org add 556677-8899 "Norrbotten Space AB" type:company');
    await p.as('UANNA', 'profile lang:en');
    const { outcome } = await p.as('UANNA', 'möte Uppföljning kluster:Rymd typ:styrgrupp med:@Nils org:5566778899\nåtgärd: @Nils Boka lokal senast:2026-03-20');
    expect(errorCode(outcome)).toBeUndefined();
    const meeting = await stored(p);
    expect(meeting).toMatchObject({ title: 'Uppföljning', kind: 'board', clusters: ['Rymd'] });
    expect(meeting!.details.participants.map((x) => x.name)).toEqual(['Anna', 'Nils']);
    expect(meeting!.details.organisations.map((o) => o.orgNumber)).toEqual(['556677-8899']);
    const [action] = await opened.db.select().from(actionItems).where(eq(actionItems.programmeId, p.test.programme.id));
    expect(action).toMatchObject({ text: 'Boka lokal', dueOn: '2026-03-20' });
  });

  it('a word after a one-word option is refused with a hint, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', 'möte Avstämning kluster:Rymd extra\nbeslut: ok');
    expect(errorCode(outcome)).toBe('args.leftover');
    expect(text).toContain('Jag förstod inte ”extra”');
    expect(text).toContain('Menade du `kluster:"Rymd extra"`?');
    expect(text).toContain('Exempel: `möte "Styrgrupp mars" datum:2026-03-02 kluster:Rymd typ:styrgrupp`');
    expect(await p.counts()).toEqual(none);
  });

  it('a mistyped key is refused with «Menade du», not stored as part of the title', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', 'möte Avstämning kluser:Rymd');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `kluster:Rymd`?');
    expect(await p.counts()).toEqual(none);
  });

  it('a `word:` that is no key of the command stays in the title', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting R&D-möte: budget https://www.esa.int cluster:Rymd');
    expect(await stored(p)).toMatchObject({ title: 'R&D-möte: budget https://www.esa.int', clusters: ['Rymd'] });
  });
});

describe('meeting edit, meetings, done', () => {
  it('`möte ändra` takes `titel:`, `datum:` and `typ:`', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp date:2026-03-02 cluster:Rymd');
    const { outcome } = await p.as('UANNA', 'möte ändra M1 titel:"Styrgrupp i mars" datum:2026-03-03 typ:styrgrupp');
    expect(errorCode(outcome)).toBeUndefined();
    expect(await stored(p)).toMatchObject({ title: 'Styrgrupp i mars', heldOn: '2026-03-03', kind: 'board' });
  });

  it('a mistyped key of `meeting edit` gets «Menade du» and changes nothing', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp date:2026-03-02 cluster:Rymd');
    const { outcome, text } = await p.as('UANNA', 'möte ändra M1 datun:2026-03-05');
    expect(errorCode(outcome)).toBe('args.unknown_key');
    expect(text).toContain('Menade du `datum:2026-03-05`?');
    expect(await stored(p)).toMatchObject({ title: 'Styrgrupp', heldOn: '2026-03-02' });
  });

  it('`möten` takes `från:` and `till:`', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Januari date:2026-01-15 cluster:Rymd');
    await p.as('UANNA', 'meeting Februari date:2026-02-20 cluster:Rymd');
    const { text } = await p.as('UOLLE', 'möten Rymd från:2026-02-01 till:2026-02-28');
    expect(text).toContain('Möten (1)');
    expect(text).toContain('M2 · 2026-02-20 · Februari');
  });

  it('an id of the wrong kind for `done` is refused and the item stays open', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Avstämning\naction: @Nils Boka lokal');
    const { outcome } = await p.as('UNILS', 'klar M1 Bokat');
    expect(errorCode(outcome)).toBe('args.id_invalid');
    const [action] = await opened.db.select().from(actionItems).where(and(eq(actionItems.programmeId, p.test.programme.id), eq(actionItems.number, 1)));
    expect(action?.doneAt).toBeNull();
    expect((await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id))).map((m) => m.deletedAt)).toEqual([null]);
  });
});

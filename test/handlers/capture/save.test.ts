// `save` as the core runs it for every platform: the form the message opens in, and each kind it becomes,
// with the source link and the original author stored beside the record.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { actionItems, decisions, exchangePosts, messageSources, notes, people } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { createRepositories } from '../../../db/repositories.js';
import { retentionPolicy } from '../../../db/retention-policy.js';
import { runRetention } from '../../../handlers/privacy/retention.js';
import { silentLogger } from '../../support/test-core.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const LINK = 'https://loket-test.slack.com/archives/C0123ABC/p1767002400000100';

async function sources(p: MeetingProgramme) {
  return opened.db
    .select({ subject: messageSources.subjectType, subjectId: messageSources.subjectId, link: messageSources.link, author: people.displayName, guest: messageSources.authorName })
    .from(messageSources)
    .leftJoin(people, eq(people.id, messageSources.authorId))
    .where(eq(messageSources.programmeId, p.test.programme.id));
}

let shared: Promise<MeetingProgramme> | undefined;
/** The programme the refusals share, with one meeting of Rymd (M1). */
function refusals(): Promise<MeetingProgramme> {
  shared ??= meetingProgramme(opened.db).then(async (p) => {
    await p.as('UANNA', 'meeting Styrgrupp date:2026-02-27 cluster:Rymd');
    return p;
  });
  return shared;
}

describe('save', () => {
  it('without a choice it answers with the form, pre-filled with the text, the author and the link', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome } = await p.as('UNILS', `save author:"<@UANNA>" link:"${LINK}"\nnote: Kontakt på IRF: Lena.\nnote: Boka sex veckor "i förväg".`);
    const form = outcome.kind === 'reply' ? outcome.reply.form : undefined;
    expect(form?.verb).toBe('save');
    const field = (key: string) => form?.fields.find((f) => f.key === key);
    expect(field('note')?.initial).toBe('Kontakt på IRF: Lena.\nBoka sex veckor "i förväg".');
    expect(field('author')).toMatchObject({ kind: 'select', initial: '<@UANNA|Anna>', options: [{ value: '<@UANNA|Anna>', label: 'Anna' }] });
    expect(field('link')?.initial).toBe(LINK);
    expect(field('cluster')?.initial).toBe('Rymd');
    expect(field('as')?.options?.map((o) => o.value)).toEqual(['note', 'decision', 'action', 'need', 'offer']);
    expect(await sources(p)).toEqual([]);
  });

  it('a message longer than a form field holds is shortened in the form and says so; the link stays', async () => {
    const p = await meetingProgramme(opened.db);
    const long = Array.from({ length: 700 }, (_, i) => `ord${i}`).join(' ');
    const { outcome } = await p.as('UNILS', `save link:"${LINK}"\nnote: ${long}`);
    const reply = outcome.kind === 'reply' ? outcome.reply : undefined;
    const text = reply?.form?.fields.find((f) => f.key === 'note')?.initial ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
    expect(reply?.form?.fields.find((f) => f.key === 'link')?.initial).toBe(LINK);
    expect(reply?.blocks[0]).toMatchObject({ text: expect.stringContaining('förkortat') });
  });

  it('a member saves a message as a note of their cluster, keeping its lines, its link and its author', async () => {
    const p = await meetingProgramme(opened.db);
    const { text, outcome } = await p.as('UNILS', `save as:note cluster:Rymd author:"<@UANNA|Anna>" link:"${LINK}"\nnote: Kontakt på IRF: Lena.\nnote: Boka sex veckor i förväg.`);
    expect(text).toContain('Sparat som anteckning N1 i Rymd.');
    expect(text).toContain('Skrivet av Anna');
    expect(outcome.kind === 'reply' && outcome.reply.visibility).toBe('private');
    expect(outcome.kind === 'reply' && outcome.reply.links).toEqual([{ label: 'Originalmeddelandet', url: LINK }]);
    const [note] = await opened.db.select().from(notes).where(eq(notes.programmeId, p.test.programme.id));
    expect(note?.text).toBe('Kontakt på IRF: Lena.\nBoka sex veckor i förväg.');
    expect(await sources(p)).toEqual([{ subject: 'note', subjectId: note!.id, link: LINK, author: 'Anna', guest: null }]);
  });

  it('a leader saves a decision and an action item of a meeting; an author LOKET never met is a named guest', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp date:2026-02-27 cluster:Rymd');
    const decided = await p.as('UANNA', `spara som:beslut möte:M1 av:"Karin Ek (LTU)" länk:"${LINK}"\nnote: Vi söker Interreg-medel.`);
    expect(decided.text).toContain('Sparat som beslut i M1 ”Styrgrupp”.');
    expect(decided.text).toContain('Skrivet av Karin Ek (LTU)');
    const acted = await p.as('UANNA', `save as:action meeting:M1 owner:<@UDANA> due:2026-03-20 link:"${LINK}"\nnote: Boka testbädden.`);
    expect(acted.text).toContain('Sparat som åtgärd A1 i M1, ansvarig Dana, senast 2026-03-20.');
    const [decision] = await opened.db.select().from(decisions).where(eq(decisions.programmeId, p.test.programme.id));
    const [action] = await opened.db.select().from(actionItems).where(eq(actionItems.programmeId, p.test.programme.id));
    expect(decision?.text).toBe('Vi söker Interreg-medel.');
    expect(action).toMatchObject({ text: 'Boka testbädden.', dueOn: '2026-03-20' });
    expect(await sources(p)).toEqual(expect.arrayContaining([
      { subject: 'decision', subjectId: decision!.id, link: LINK, author: null, guest: 'Karin Ek (LTU)' },
      { subject: 'action_item', subjectId: action!.id, link: LINK, author: 'Anna', guest: null },
    ]));
    expect((await p.as('UANNA', 'meeting show M1')).text).toContain('Vi söker Interreg-medel.');
  });

  it('an author named the way Teams names one is the one person of that name, else a named guest', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UNILS', `save as:note cluster:Rymd author:"@Anna" link:"${LINK}"\nnote: Första.`);
    const { text } = await p.as('UNILS', `save as:note cluster:Rymd author:"@Lena Ek" link:"${LINK}"\nnote: Andra.`);
    expect(text).toContain('Skrivet av Lena Ek');
    expect((await sources(p)).map((s) => [s.author, s.guest])).toEqual(expect.arrayContaining([['Anna', null], [null, 'Lena Ek']]));
  });

  it('retention makes a saved message’s guest author «Guest» and keeps the link, as it does a meeting’s guest', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UNILS', `save as:note cluster:Rymd author:"Karin Ek (LTU)" link:"${LINK}"\nnote: Kontakt.`);
    p.test.clock.set(new Date('2032-01-02T09:00:00Z'));
    const privacy = { retention: retentionPolicy({ programmeEnd: '2026-12-31', yearsAfterEnd: 5 }) };
    await runRetention({ repos: createRepositories(opened.db), clock: p.test.clock, logger: silentLogger, privacy, only: [p.test.programme.id] });
    expect((await sources(p)).map((s) => [s.guest, s.link])).toEqual([['Guest', LINK]]);
  });

  it('typed without a link, it is saved without one and the confirmation does not claim one', async () => {
    const p = await meetingProgramme(opened.db);
    const { text, outcome } = await p.as('UNILS', 'save Testbädden bokas via IRF. as:note cluster:Rymd');
    expect(text).toContain('Sparat som anteckning N1 i Rymd.');
    expect(text).toContain('Skrivet av Nils. Bara du ser den här bekräftelsen.');
    expect(outcome.kind === 'reply' && outcome.reply.links).toBeUndefined();
    expect(await sources(p)).toEqual([expect.objectContaining({ subject: 'note', link: null, author: 'Nils' })]);
  });

  it('a leader saves a need; it is an exchange post of their cluster', async () => {
    const p = await meetingProgramme(opened.db);
    const { text } = await p.as('UANNA', `save as:need link:"${LINK}"\nnote: Hjälp med en EU-ansökan`);
    expect(text).toContain('Rymd');
    const [post] = await opened.db.select().from(exchangePosts).where(eq(exchangePosts.programmeId, p.test.programme.id));
    expect(post).toMatchObject({ kind: 'need', topic: 'Hjälp med en EU-ansökan' });
    expect(await sources(p)).toEqual([{ subject: 'exchange_post', subjectId: post!.id, link: LINK, author: 'Anna', guest: null }]);
  });

  it.each([
    ['someone in no cluster', 'UOLLE', `save as:note cluster:Rymd\nnote: hej`, 'permission.denied'],
    ['a member adding to a meeting of a cluster they do not lead', 'UNILS', `save as:decision meeting:M1\nnote: Vi beslutar`, 'save.meeting_not_yours'],
    ['a member posting a need', 'UNILS', `save as:need cluster:Rymd\nnote: Hjälp`, 'exchange.not_your_cluster'],
    ['a link that is no web link', 'UANNA', `save as:note link:"javascript:alert(1)"\nnote: hej`, 'save.link_invalid'],
    ['a decision without a meeting', 'UANNA', `save as:decision\nnote: Vi beslutar`, 'save.meeting_needed'],
    ['a need longer than a topic', 'UANNA', `save as:need\nnote: ${'x'.repeat(201)}`, 'args.too_long'],
    ['no text', 'UANNA', 'save as:note cluster:Rymd', 'args.missing'],
  ])('%s is refused and nothing is stored', async (_what, user, command, code) => {
    // One programme for all refusals: each is checked against the counts just before it.
    const p = await refusals();
    const before = await p.counts();
    const { outcome, text } = await p.as(user, command);
    expect(errorCode(outcome)).toBe(code);
    expect(text).toMatch(/Exempel|Det kan/);
    expect(await p.counts()).toEqual(before);
    expect(await sources(p)).toEqual([]);
  });
});

describe('save in Swedish', () => {
  it('refusals name Swedish commands and keys, and nothing is stored', async () => {
    const p = await refusals();
    const english = /`(?:\/loket )?(?:meeting|meetings|join)\b|\b(?:author|meeting|cluster|as):/;
    const missing = await p.as('UANNA', 'spara Vi bokar lokalen. som:beslut möte:M9');
    expect(errorCode(missing)).toBe('save.meeting_not_found');
    expect(missing.text).toContain('Se `möten` för programmets möten.');
    const twoAuthors = await p.as('UANNA', 'spara Vi bokar lokalen. som:anteckning kluster:Rymd författare:"@Nils, @Erik"');
    expect(errorCode(twoAuthors)).toBe('save.one_author');
    expect(twoAuthors.text).toContain('gäst med namn i författare:.');
    const notMember = await p.as('UNILS', 'spara Vi bokar lokalen. som:anteckning kluster:Skog');
    expect(errorCode(notMember)).toBe('note.not_member');
    expect(notMember.text).toContain('`gå-med Skog`');
    const notYours = await p.as('UERIK', 'spara Vi bokar lokalen. som:beslut möte:M1');
    expect(errorCode(notYours)).toBe('save.meeting_not_yours');
    expect(notYours.text).toContain('`möte visa M1`');
    for (const { text } of [missing, twoAuthors, notMember, notYours]) expect(text).not.toMatch(english);
    expect(await opened.db.select().from(decisions).where(eq(decisions.programmeId, p.test.programme.id))).toHaveLength(0);
    expect(await opened.db.select().from(notes).where(eq(notes.programmeId, p.test.programme.id))).toHaveLength(0);
  });
});

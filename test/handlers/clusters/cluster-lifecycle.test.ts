// Issue 20, "Loose ends after a handover" and "Missing everyday commands": leaving a cluster, renaming and
// retiring one, and what a handover does with the old leader's open exchange needs.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { auditLog, clusters, exchangePosts, meetings, memberships, notes, people } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { errorCode, meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

/** Who holds which role in which cluster, by name. */
async function roles(p: MeetingProgramme) {
  const rows = await opened.db
    .select({ cluster: clusters.name, person: people.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(clusters, eq(clusters.id, memberships.clusterId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.programmeId, p.test.programme.id));
  return rows.map((r) => `${r.cluster}:${r.person}:${r.role}`).sort();
}

async function posts(p: MeetingProgramme) {
  const rows = await opened.db
    .select({ kind: exchangePosts.kind, topic: exchangePosts.topic, person: people.displayName, closed: exchangePosts.closedAt })
    .from(exchangePosts)
    .innerJoin(people, eq(people.id, exchangePosts.personId))
    .where(eq(exchangePosts.programmeId, p.test.programme.id))
    .orderBy(exchangePosts.kind, exchangePosts.topic);
  return rows.map((r) => ({ kind: r.kind, topic: r.topic, person: r.person, open: r.closed === null }));
}

const audits = (p: MeetingProgramme, action: string) =>
  opened.db.select({ detail: auditLog.detail }).from(auditLog).where(and(eq(auditLog.programmeId, p.test.programme.id), eq(auditLog.action, action)));

describe('leave <cluster>', () => {
  it('a member leaves with `leave`, and a deputy with the Swedish `lämna`', async () => {
    const p = await meetingProgramme(opened.db);
    expect((await p.as('UNILS', 'leave Rymd')).text).toBe('Du har lämnat Rymd.');
    expect((await p.as('UDANA', 'lämna rymd')).text).toBe('Du har lämnat Rymd.');
    expect(await roles(p)).toEqual(['Rymd:Anna:leader', 'Skog:Erik:leader']);
    expect(await audits(p, 'cluster.leave')).toHaveLength(2);
  });

  it('the only leader is refused and told the handover command, and stays leader', async () => {
    const p = await meetingProgramme(opened.db);
    const { outcome, text } = await p.as('UANNA', 'leave Rymd');
    expect(errorCode(outcome)).toBe('leave.leader');
    expect(text).toContain('Du är ledare för Rymd, och ett kluster ska alltid ha en ledare. Lämna över först med `överlämna Rymd till:@…`');
    expect(await roles(p)).toContain('Rymd:Anna:leader');
    expect(await audits(p, 'cluster.leave')).toEqual([]);
  });

  it('someone not in the cluster is told so and nothing changes', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await roles(p);
    const { outcome, text } = await p.as('UOLLE', 'leave Rymd');
    expect(errorCode(outcome)).toBe('leave.not_member');
    expect(text).toContain('Du är inte med i Rymd');
    expect(await roles(p)).toEqual(before);
  });

  it('a deputy who leaves hands their open needs to the leader and closes their offers', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UDANA', 'exchange need Testbädd för drönare');
    await p.as('UDANA', 'exchange offer Mallar för budget');
    const { text } = await p.as('UDANA', 'leave Rymd');
    expect(text).toBe('Du har lämnat Rymd.\nDina öppna behov i klustret ligger nu hos Anna: ”Testbädd för drönare”\nDina öppna erbjudanden i klustret är stängda: ”Mallar för budget”');
    expect(await posts(p)).toEqual([
      { kind: 'need', topic: 'Testbädd för drönare', person: 'Anna', open: true },
      { kind: 'offer', topic: 'Mallar för budget', person: 'Dana', open: false },
    ]);
  });
});

describe('handover ties its loose ends', () => {
  it("moves the old leader's open exchange needs to the new leader, names the leave command, and the old leader can then leave", async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'exchange need Hjälp med en Interreg-ansökan');
    await p.as('UANNA', 'exchange offer Testbäddar i Kiruna');
    const { text } = await p.as('UANNA', 'handover Rymd to:@Dana');
    expect(text).toContain('Anna är kvar som ersättare och kan lämna klustret med `lämna Rymd` när överlämningen är klar.');
    expect(text).toContain('Öppna behov av erfarenhetsutbyte, som nu föreslås med den nya ledaren (1)\n  • Hjälp med en Interreg-ansökan');
    expect(await posts(p)).toEqual([
      { kind: 'need', topic: 'Hjälp med en Interreg-ansökan', person: 'Dana', open: true },
      { kind: 'offer', topic: 'Testbäddar i Kiruna', person: 'Anna', open: true },
    ]);
    // The named command works: Anna, now deputy, leaves; her offer goes, Dana keeps leading.
    expect((await p.as('UANNA', 'leave Rymd')).text).toContain('Du har lämnat Rymd.');
    expect(await roles(p)).toEqual(['Rymd:Dana:leader', 'Rymd:Nils:member', 'Skog:Erik:leader']);
  });
});

describe('cluster rename and cluster retire', () => {
  it('a rename keeps the cluster, its members and its records under the new name', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'note Rymd Testbädden bokas sex veckor i förväg.');
    const { text } = await p.as('UPM', 'kluster byt-namn Rymd "Swedish Space Cluster"');
    expect(text).toBe('Klustret Rymd heter nu Swedish Space Cluster. Möten, anteckningar, veckorapporter, planer och utbyten följer med.');
    expect(await roles(p)).toEqual(['Skog:Erik:leader', 'Swedish Space Cluster:Anna:leader', 'Swedish Space Cluster:Dana:deputy', 'Swedish Space Cluster:Nils:member']);
    const [note] = await opened.db.select({ cluster: clusters.name }).from(notes).innerJoin(clusters, eq(clusters.id, notes.clusterId)).where(eq(notes.programmeId, p.test.programme.id));
    expect(note?.cluster).toBe('Swedish Space Cluster');
    expect(await audits(p, 'cluster.rename')).toEqual([{ detail: { from: 'Rymd', to: 'Swedish Space Cluster' } }]);
  });

  it("a rename to another cluster's name is refused, and a leader may not rename", async () => {
    const p = await meetingProgramme(opened.db);
    expect(errorCode((await p.as('UPM', 'cluster rename Rymd skog')).outcome)).toBe('cluster.exists');
    expect(errorCode((await p.as('UANNA', 'cluster rename Rymd Rymden')).outcome)).toBe('permission.denied');
    expect((await opened.db.select({ name: clusters.name }).from(clusters).where(eq(clusters.programmeId, p.test.programme.id))).map((c) => c.name).sort()).toEqual(['Rymd', 'Skog']);
  });

  it('a retired cluster keeps its records, leaves the list (all shows it, marked) and takes no new work', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'meeting Styrgrupp date:2026-02-02 cluster:Rymd');
    const { text } = await p.as('UPM', 'kluster avveckla Rymd');
    expect(text).toContain('Klustret Rymd är avvecklat. Allt som sparats finns kvar');
    const [row] = await opened.db.select({ retiredAt: clusters.retiredAt }).from(clusters).where(and(eq(clusters.programmeId, p.test.programme.id), eq(clusters.name, 'Rymd')));
    expect(row?.retiredAt).toEqual(p.test.clock.now());
    expect(await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id))).toHaveLength(1);
    expect(await roles(p)).toContain('Rymd:Anna:leader');

    // The programme's overview is about the clusters at work: a retired one needs no attention.
    const status = await p.as('UPM', 'status');
    expect(status.text).toContain('Kluster: 1');
    expect(status.text).not.toMatch(/• Rymd \(/);
    expect((await p.as('UPM', 'status Rymd')).text).toContain('Rymd');

    const list = await p.as('UOLLE', 'cluster list');
    expect(list.text).toContain('Kluster (1)');
    expect(list.text).not.toContain('Rymd –');
    expect(list.text).toContain('Avvecklade kluster: 1. Visa dem med `kluster lista alla`.');
    const all = await p.as('UOLLE', 'kluster lista alla');
    expect(all.text).toContain('Kluster (1 aktivt, 1 avvecklat)');
    expect(all.text).toContain('Rymd (avvecklat 2026-03-02) – space – 3 medlemmar');

    // No new joins, notes, exchanges or meetings there, from its own leader or the project manager.
    expect(errorCode((await p.as('UOLLE', 'join Rymd')).outcome)).toBe('cluster.retired');
    expect(errorCode((await p.as('UPM', 'exchange need Hjälp med budget cluster:Rymd')).outcome)).toBe('cluster.retired');
    // Anna's role in a retired cluster grants nothing new: she leads no cluster that takes work, and is told why.
    expect(errorCode((await p.as('UANNA', 'exchange need Hjälp med budget')).outcome)).toBe('cluster.retired_role');
    expect(errorCode((await p.as('UPM', 'cluster role Rymd @Olle member')).outcome)).toBe('cluster.retired');
    expect(errorCode((await p.as('UPM', 'meeting Uppföljning date:2026-03-02 cluster:Rymd')).outcome)).toBe('cluster.retired');
    expect(errorCode((await p.as('UERIK', 'meeting Gemensamt date:2026-03-02 cluster:Skog,Rymd')).outcome)).toBe('cluster.retired');
    const note = await p.as('UPM', 'note Rymd Något nytt');
    expect(errorCode(note.outcome)).toBe('cluster.retired');
    expect(note.text).toContain('Klustret Rymd är avvecklat sedan 2026-03-02: det som sparats finns kvar, men inget nytt läggs till där.');
    expect(errorCode((await p.as('UPM', 'plan gap Rymd area:financing Ingen basfinansiering')).outcome)).toBe('cluster.retired');
    expect(await opened.db.select().from(meetings).where(eq(meetings.programmeId, p.test.programme.id))).toHaveLength(1);
    expect(await opened.db.select().from(notes).where(eq(notes.programmeId, p.test.programme.id))).toEqual([]);
    expect(await roles(p)).not.toContain('Rymd:Olle:member');
    expect(await posts(p)).toEqual([]);
    expect((await p.as('UPM', 'cluster retire Rymd')).text).toBe('Klustret Rymd är redan avvecklat sedan 2026-03-02.');
  });
});

describe('org list', () => {
  it('lists the organisations by name, and by helix type with the Swedish word', async () => {
    const p = await meetingProgramme(opened.db);
    expect((await p.as('UOLLE', 'org list')).text).toContain('Inga organisationer ännu.');
    await p.as('UPM', 'org add 556677-8899 "Norrbotten Space AB" typ:företag');
    await p.as('UPM', 'org add 202100-2841 "Luleå tekniska universitet" typ:lärosäte');
    const all = await p.as('UOLLE', 'org lista');
    expect(all.text).toBe('Organisationer (2)\n\n  • Luleå tekniska universitet – org.nr 202100-2841 – akademi\n  • Norrbotten Space AB – org.nr 556677-8899 – företag');
    const companies = await p.as('UOLLE', 'org list företag');
    expect(companies.text).toBe('Organisationer, företag (1)\n\n  • Norrbotten Space AB – org.nr 556677-8899 – företag');
    expect((await p.as('UOLLE', 'org list civil')).text).toBe('Inga organisationer av typen civilsamhälle ännu. Alla: `org lista`.');
  });
});

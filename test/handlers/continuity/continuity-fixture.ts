// Two clusters with hand-counted person dependency (docs/continuity.md has the method).
import type { Database } from '../../../db/database.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

export const orgNumbers = { A: '556677-8899', B: '202100-2841', C: '212000-0142' } as const;

/**
 * Clock 2026-03-02. Rymd is well shared (Anna leads, Dana deputises, Nils is a member):
 *   M1 Anna + Dana, org A, one decision   → meeting, decision, org A touched by {Anna, Dana}
 *   M2 Dana + Nils, org B                 → meeting, org B by {Dana, Nils}
 *   M3 Anna + Nils                        → {Anna, Nils}
 *   notes: Nils ×3, Anna, Dana; progress note Anna; gap Dana; P1 owned by Nils, P2 owned by Gunnar (in no
 *   cluster, no role: gone); Nils is away today. An old meeting (2025-01-10, logged by Petra) is outside
 *   the 12 months.
 * Last 12 months, by set of people: {A,D} 3, {D,N} 2, {A,N} 1, {N} 4, {A} 2, {D} 2, {Gunnar} 1 = 15.
 * Greedy: Dana and Nils cover 7 each (Dana first by name), less than half of 15; Nils then adds 5 → 12 of
 * 15: bus factor 2.
 * Ensam rests on Olle alone: two meetings with a guest from org C, one decision, a note, a gap and a plan
 * action, all Olle's → 7 of 7: bus factor 1, and org C is a contact only Olle has met.
 */
export async function continuityProgramme(db: Database): Promise<MeetingProgramme> {
  const p = await meetingProgramme(db);
  const run = async (user: string, text: string, name?: string) => {
    const r = await p.as(user, text, name);
    if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`fixture failed: ${text}: ${r.text}`);
  };
  await run('UGUNNAR', 'whoami', 'Gunnar');
  await run('UPM', `org add ${orgNumbers.A} "Rymdbolaget AB" type:company`);
  await run('UPM', `org add ${orgNumbers.B} "Luleå tekniska universitet" type:academia`);
  await run('UPM', `org add ${orgNumbers.C} "Region Norrbotten" type:public`);
  // Logged back then, so it counts neither for the last 12 months nor as recent recording.
  p.test.clock.set(new Date('2025-01-10T10:00:00Z'));
  await run('UPM', 'meeting Gammalt date:2025-01-10 cluster:Rymd');
  p.test.clock.set(new Date('2026-03-02T09:00:00Z'));
  await run('UANNA', `meeting Styrgrupp date:2026-02-02 cluster:Rymd with:@Dana orgs:${orgNumbers.A}\ndecision: Vi söker Vinnova`);
  await run('UDANA', `meeting Labbesök date:2026-02-09 cluster:Rymd with:@Nils orgs:${orgNumbers.B}`);
  await run('UANNA', 'meeting Planering date:2026-02-16 cluster:Rymd with:@Nils');
  await run('UNILS', 'note Rymd Nyckeln finns i receptionen.');
  await run('UNILS', 'note Rymd Labbet stänger 16.');
  await run('UNILS', 'note Rymd Larmkoden byts varje kvartal.');
  await run('UANNA', 'note Rymd Testbädden bokas via IRF.');
  await run('UDANA', 'note Rymd Budgeten ligger i delade mappen.');
  await run('UANNA', 'progress done: Ansökan skickad');
  await run('UDANA', 'plan gap Rymd area:services Saknar testbäddstjänst');
  await run('UANNA', 'plan action G1 Kartlägg testbäddar owner:@Nils due:2026-06-30');
  await run('UANNA', 'plan action G1 Prata med kommunen owner:@Gunnar due:2026-06-30');
  await run('UNILS', 'away 2026-03-01 2026-03-10');
  await run('UPM', 'cluster add Ensam sector:tourism');
  await run('UPM', 'cluster role Ensam @Olle leader');
  await run('UOLLE', `meeting Uppstart date:2026-02-03 cluster:Ensam with:"Kalle Karlsson (Region)" orgs:${orgNumbers.C}\ndecision: Vi startar`);
  await run('UOLLE', 'meeting Uppföljning date:2026-02-17 cluster:Ensam');
  await run('UOLLE', 'note Ensam Allt finns i min mejl.');
  await run('UOLLE', 'plan gap Ensam area:strategy Ingen strategi');
  await run('UOLLE', 'plan action G2 Skriv strategi owner:@Olle due:2026-06-30');
  return p;
}

// A seeded Q1 2026 with figures computed by hand (see the comments), shared by the status and export tests.
import type { Database } from '../../../db/database.js';
import { progressNotes } from '../../../db/schema/index.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

export const orgs = { A: '556677-8899', B: '202100-2841', C: '212000-0142', D: '556012-3456' } as const;

/**
 * On top of the meeting fixture (Anna leads Rymd, Erik leads Skog, Dana is Rymd's deputy, Nils a Rymd
 * member, Olle in no cluster): Karin on the advisory board; organisations A and D (companies), B
 * (academia), C (public). Q1 2026 has three live meetings:
 *   M1 2026-01-15 Rymd, cluster:   Anna, Nils                         orgs A
 *   M2 2026-02-10 Skog, training:  Erik, Olle                         orgs A, B
 *   M3 2026-03-31 Rymd+Skog, network, logged 23:30 Stockholm time:    Anna, Karin, guest Gustav (Sandvik), orgs A
 * and a deleted meeting, one on 2025-12-31 and one on 2026-04-01 (00:30 local time) outside it.
 * Company A takes part three times in two clusters and counts once. Hand-computed for Q1, whole programme:
 * activities 3 (cluster 1, network 1, training 1), competence 1; organisations reached 4 = A, B, C taking
 * part + D through Dana's membership (companies 2, others 2), participated 3; participants 7 = Anna, Nils,
 * Erik, Olle, Karin + 1 guest, and Petra who logged them; gender woman 2 (Anna, Karin), man 2 (Erik, Olle),
 * unknown 3 (Nils, Petra, guest); role manager 1, leader 2, member 1, participant 1 (Olle), board 1, guest 1.
 */
export async function statusProgramme(db: Database): Promise<MeetingProgramme> {
  const p = await meetingProgramme(db);
  const run = async (user: string, text: string, name?: string) => {
    const r = await p.as(user, text, name);
    if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`fixture failed: ${text}: ${r.text}`);
  };
  await run('UKARIN', 'whoami', 'Karin');
  await run('UPM', 'board add @Karin');
  await run('UPM', `org add ${orgs.A} "Rymdbolaget AB" type:company`);
  await run('UPM', `org add ${orgs.B} "Luleå tekniska universitet" type:academia`);
  await run('UPM', `org add ${orgs.C} "Region Norrbotten" type:public`);
  await run('UPM', `org add ${orgs.D} "Skogsteknik AB" type:company`);
  await run('UANNA', `profile org:${orgs.A} gender:woman`);
  await run('UERIK', `profile org:${orgs.B} gender:man`);
  await run('UOLLE', `profile org:${orgs.A} gender:man`);
  await run('UKARIN', `profile org:${orgs.C} gender:woman`);
  await run('UDANA', `profile org:${orgs.D} gender:unspecified`);
  await run('UPM', `meeting "Före perioden" date:2025-12-31 cluster:Rymd with:@Nils orgs:${orgs.D}`);
  await run('UPM', `meeting "Klusterträff" date:2026-01-15 cluster:Rymd kind:cluster with:"@Anna, @Nils" orgs:${orgs.A}`);
  await run('UPM', `meeting "Utbildning GIS" date:2026-02-10 cluster:Skog kind:training with:"@Erik, @Olle" orgs:${orgs.A},${orgs.B}`);
  await run('UPM', `meeting "Raderas" date:2026-02-11 cluster:Skog kind:training with:"@Dana" orgs:${orgs.D}`);
  await run('UPM', 'meeting delete M4');
  p.test.clock.set(new Date('2026-03-31T21:30:00Z'));
  await run('UPM', `meeting "Ledarnätverk" cluster:Rymd,Skog kind:network with:"@Anna, @Karin, Gustav Gustavsson (Sandvik)" orgs:${orgs.A}`);
  p.test.clock.set(new Date('2026-03-31T22:30:00Z'));
  await run('UPM', `meeting "Studieresa Kiruna" cluster:Rymd kind:study-trip with:@Dana orgs:${orgs.D}`);
  p.test.clock.set(new Date('2026-03-31T21:45:00Z'));
  return p;
}

export async function addProgressNote(db: Database, p: MeetingProgramme, clusterId: string, isoWeek: string) {
  await db.insert(progressNotes).values({ programmeId: p.test.programme.id, clusterId, isoWeek, done: 'x' });
}

// A Rymd cluster with open and closed work owned by different people, so a handover's effect can be told
// apart from everything it must leave alone.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { actionItems, auditLog, exportFiles, memberships, notes, planActions } from '../../../db/schema/index.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

/**
 * On top of the meeting fixture (Anna leads Rymd, Dana deputises, Nils is a member, Erik leads Skog):
 *   M1 Rymd (Anna), 2026-02-02: A1 Anna "Boka lokal" (open), A2 Nils "Skicka inbjudan" (open), A3 Anna (done)
 *   M2 Skog (Erik): A4 Anna "Skogsärende" (open, another cluster)
 *   G1 Rymd: P1 Anna (open), P2 Dana (open), P3 Anna (done); G2 Skog: P4 Anna (open, another cluster)
 *   N1 Rymd by Anna, N2 Rymd by Nils, N3 Skog by Anna (Anna is made a Skog member for it)
 * What a handover of Rymd from Anna to Dana must move: A1, P1, N1 — and nothing else.
 */
export async function handoverProgramme(db: Database): Promise<MeetingProgramme> {
  const p = await meetingProgramme(db);
  const run = async (user: string, text: string) => {
    const r = await p.as(user, text);
    if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`fixture failed: ${text}: ${r.text}`);
  };
  await run('UPM', 'org add 556677-8899 "Rymdbolaget AB" type:company');
  await run('UANNA', 'meeting Styrgruppsmöte date:2026-02-02 cluster:Rymd with:"@Nils, Gustav Gustavsson (Sandvik)" orgs:556677-8899\ndecision: Vi söker Vinnova\naction: @Anna Boka lokal due:2026-04-01\naction: @Nils Skicka inbjudan\naction: @Anna Redan gjort');
  await run('UANNA', 'done A3');
  await run('UERIK', 'meeting Skogsmöte date:2026-02-10 cluster:Skog\naction: @Anna Skogsärende due:2026-04-15');
  await run('UANNA', 'plan gap Rymd area:financing Ingen basfinansiering');
  await run('UANNA', 'plan action G1 Ansök om Vinnova-medel owner:@Anna due:2026-06-30');
  await run('UANNA', 'plan action G1 Skriv budget owner:@Dana due:2026-05-01');
  await run('UANNA', 'plan action G1 Ring regionen owner:@Anna due:2026-04-30');
  await run('UANNA', 'plan done P3');
  await run('UERIK', 'plan gap Skog area:strategy Ingen strategi');
  await run('UERIK', 'plan action G2 Skriv strategi owner:@Anna due:2026-06-30');
  await run('UANNA', 'note Rymd Testbädden i Kiruna bokas via IRF, sex veckor i förväg.');
  await run('UNILS', 'note Rymd Nyckeln till labbet finns i receptionen.');
  await run('UPM', 'cluster role Skog @Anna member');
  await run('UANNA', 'note Skog Skogsdata finns hos SLU.');
  return p;
}

/** Who owns every action item, plan action and note, and who holds which role: compared before and after. */
export async function ownership(db: Database, programmeId: string) {
  const actions = await db.select({ n: actionItems.number, owner: sql<string>`(select display_name from people where id = ${actionItems.ownerId})` }).from(actionItems).where(eq(actionItems.programmeId, programmeId)).orderBy(asc(actionItems.number));
  const plans = await db.select({ n: planActions.number, owner: sql<string>`(select display_name from people where id = ${planActions.ownerId})` }).from(planActions).where(eq(planActions.programmeId, programmeId)).orderBy(asc(planActions.number));
  const noteOwners = await db.select({ n: notes.number, owner: sql<string | null>`(select display_name from people where id = ${notes.ownerId})` }).from(notes).where(eq(notes.programmeId, programmeId)).orderBy(asc(notes.number));
  const roles = await db.select({ person: sql<string>`(select display_name from people where id = ${memberships.personId})`, role: memberships.role, cluster: sql<string>`(select name from clusters where id = ${memberships.clusterId})` }).from(memberships).where(eq(memberships.programmeId, programmeId));
  return {
    actions: Object.fromEntries(actions.map((a) => [`A${a.n}`, a.owner])),
    planActions: Object.fromEntries(plans.map((a) => [`P${a.n}`, a.owner])),
    notes: Object.fromEntries(noteOwners.map((a) => [`N${a.n}`, a.owner])),
    roles: roles.map((r) => `${r.cluster}:${r.person}:${r.role}`).sort(),
  };
}

export async function auditActions(db: Database, programmeId: string, prefix: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.programmeId, programmeId), sql`${auditLog.action} like ${`${prefix}%`}`)).orderBy(asc(auditLog.id));
}

export async function storedFiles(db: Database, programmeId: string) {
  return db.select().from(exportFiles).where(eq(exportFiles.programmeId, programmeId)).orderBy(asc(exportFiles.name));
}

// A programme with two clusters and their people, shared by the meeting, action, note and search tests.
import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/database.js';
import { actionItems, decisions, meetingClusters, meetingOrganisations, meetingParticipants, meetings, notes } from '../../db/schema/index.js';
import type { Outcome } from '../../handlers/core/incoming.js';
import { createTestCore, say, uniqueWorkspaceId, type TestCore } from './test-core.js';

export interface MeetingProgramme {
  test: TestCore;
  workspaceId: string;
  /** Runs one message as a Slack user of the programme's workspace. */
  as(userId: string, text: string, displayName?: string): Promise<{ outcome: Outcome; text: string }>;
  counts(): Promise<Record<string, number>>;
}

/**
 * Petra (UPM) is project manager; Anna (UANNA) leads Rymd, Erik (UERIK) leads Skog, Dana (UDANA) is Rymd's
 * deputy, Nils (UNILS) is a member of Rymd and Olle (UOLLE) belongs to no cluster. The clock says
 * 2026-03-02 10:00 in Stockholm.
 */
export async function meetingProgramme(db: Database): Promise<MeetingProgramme> {
  const test = await createTestCore({ db });
  const workspaceId = uniqueWorkspaceId();
  await test.connectWorkspace('slack', workspaceId);
  await test.makeManager('slack', workspaceId, 'UPM', 'Petra');
  const as = (userId: string, text: string, displayName?: string) => say(test.core, { platform: 'slack', workspaceId, userId, displayName }, text);
  for (const [id, name] of [['UANNA', 'Anna'], ['UERIK', 'Erik'], ['UDANA', 'Dana'], ['UNILS', 'Nils'], ['UOLLE', 'Olle']] as const) await as(id, 'whoami', name);
  for (const command of [
    'cluster add Rymd sector:space',
    'cluster add Skog sector:forest',
    'cluster role Rymd @Anna leader',
    'cluster role Skog @Erik leader',
    'cluster role Rymd @Dana deputy',
    'cluster role Rymd @Nils member',
  ]) {
    const { outcome } = await as('UPM', command);
    if (outcome.kind !== 'reply' || outcome.reply.error) throw new Error(`fixture failed: ${command}`);
  }
  return { test, workspaceId, as, counts: () => countRows(db, test.programme.id) };
}

const tables: Record<string, [PgTable, PgColumn]> = {
  meetings: [meetings, meetings.programmeId],
  meetingClusters: [meetingClusters, meetingClusters.programmeId],
  participants: [meetingParticipants, meetingParticipants.programmeId],
  organisations: [meetingOrganisations, meetingOrganisations.programmeId],
  decisions: [decisions, decisions.programmeId],
  actions: [actionItems, actionItems.programmeId],
  notes: [notes, notes.programmeId],
};

/** Rows of each meeting table in the programme: "nothing stored" means all zero. */
export async function countRows(db: Database, programmeId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, [table, programmeColumn]] of Object.entries(tables)) {
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table).where(eq(programmeColumn, programmeId));
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

export const none = { meetings: 0, meetingClusters: 0, participants: 0, organisations: 0, decisions: 0, actions: 0, notes: 0 };

/** The refusal's code of an outcome, or of what `say`/`as` returned. */
export function errorCode(of: Outcome | { outcome: Outcome }): string | undefined {
  const outcome = 'outcome' in of ? of.outcome : of;
  return outcome.kind === 'reply' ? outcome.reply.error?.code : undefined;
}

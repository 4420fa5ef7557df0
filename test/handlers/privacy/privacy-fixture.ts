// A programme where Zelda Quist (Slack UZQ7701, deputy of Skog, replies in English) has left traces in
// every kind of record, for the privacy, export and erasure tests. Other people mention her by name.
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.js';
import { rowsOf } from '../../../db/migrate.js';
import * as schema from '../../../db/schema/index.js';
import type { IncomingConversation } from '../../../handlers/core/incoming.js';
import { say as send } from '../../support/test-core.js';
import { meetingProgramme, type MeetingProgramme } from '../../support/programme-fixture.js';

export const ZELDA = { userId: 'UZQ7701', name: 'Zelda Quist' } as const;

export interface PrivacyProgramme extends MeetingProgramme {
  zelda(text: string): ReturnType<MeetingProgramme['as']>;
  zeldaId: string;
}

export async function privacyProgramme(db: Database): Promise<PrivacyProgramme> {
  const p = await meetingProgramme(db);
  const ok = async (r: Awaited<ReturnType<MeetingProgramme['as']>>, what: string) => {
    if (r.outcome.kind !== 'reply' || r.outcome.reply.error) throw new Error(`fixture failed: ${what}: ${r.text}`);
    return r;
  };
  const conversation: IncomingConversation = { id: 'DZQ7701', type: 'personal', reference: { user: { id: ZELDA.userId, name: ZELDA.name }, channel: 'DZQ7701' } };
  const zelda = (text: string) => say(p, text, conversation);
  await ok(await zelda('whoami'), 'whoami');
  await ok(await p.as('UPM', `cluster role Skog <@${ZELDA.userId}> deputy`), 'deputy');
  await ok(await zelda('profile gender:woman lang:en'), 'profile');
  await ok(await zelda(`meeting "Skogsdag med ${ZELDA.name}" date:2026-02-20 cluster:Skog with:@Anna\ndecision: ${ZELDA.name} leder arbetsgruppen\naction: @me Boka lokal due:2026-03-20\nnote: Drönare kan kartlägga skogen`), 'meeting');
  await ok(await p.as('UANNA', `note Rymd Ring ${ZELDA.name} om drönarna`), 'note');
  await ok(await zelda('progress cluster:Skog done: Workshop med kommunen next: Ansökan'), 'progress');
  await ok(await zelda('away 2026-04-01 2026-04-10'), 'away');
  await ok(await zelda('plan gap Skog area:financing Saknar medfinansiering'), 'gap');
  const rows = rowsOf<{ id: string }>(await db.execute(sql`select id::text as id from people where programme_id = ${p.test.programme.id} and user_id = ${ZELDA.userId}`));
  // Written directly, not through `exchange need`, so this fixture does not follow the exchange rules.
  await db.execute(sql`insert into exchange_posts (programme_id, kind, cluster_id, person_id, topic, tags)
    select ${p.test.programme.id}, 'need', c.id, ${rows[0]!.id}, ${`Hjälp med Interreg, fråga ${ZELDA.name}`}, 'eu' from clusters c where c.programme_id = ${p.test.programme.id} and c.name = 'Skog'`);
  return { ...p, zelda, zeldaId: rows[0]!.id };
}

function say(p: MeetingProgramme, text: string, conversation: IncomingConversation) {
  return send(p.test.core, { platform: 'slack', workspaceId: p.workspaceId, userId: ZELDA.userId, displayName: ZELDA.name, conversation }, text);
}

/** Every (table, column, row) whose text, varchar or JSON value contains one of the strings, found by a
 *  query generated from the Drizzle schema — independent of the privacy code's own declaration. Tables
 *  with a programme are searched in that programme (tests share a database); the others everywhere. */
export async function findIdentifiers(db: Database, programmeId: string, needles: string[]): Promise<{ table: string; column: string; key: string }[]> {
  const found: { table: string; column: string; key: string }[] = [];
  for (const table of Object.values(schema) as unknown[]) {
    if (!is(table, PgTable)) continue;
    const config = getTableConfig(table);
    const key = config.columns.some((c) => c.name === 'id') ? sql`id::text` : sql`ctid::text`;
    const scope = config.columns.some((c) => c.name === 'programme_id') ? sql`programme_id = ${programmeId}` : sql`true`;
    for (const column of config.columns.filter((c) => /^(text|varchar|character varying|json|jsonb)/.test(c.getSQLType()))) {
      const patterns = needles.map((n) => `%${n}%`);
      const result = await db.execute(sql`select ${key} as key from ${sql.identifier(config.name)} where ${scope} and ${sql.identifier(column.name)}::text ilike any(array[${sql.join(patterns.map((x) => sql`${x}`), sql`, `)}])`);
      for (const row of rowsOf<{ key: string }>(result)) found.push({ table: config.name, column: column.name, key: row.key });
    }
  }
  return found;
}

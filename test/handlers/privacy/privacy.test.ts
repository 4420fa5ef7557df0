import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { rowsOf } from '../../../db/migrate.js';
import { retentionPolicy } from '../../../db/retention-policy.js';
import { auditLog, exportFiles } from '../../../db/schema/index.js';
import { createRepositories } from '../../../db/repositories.js';
import { t } from '../../../handlers/i18n/index.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { say, silentLogger, testSettings } from '../../support/test-core.js';
import { openTestDatabase } from '../../support/test-database.js';
import { privacyProgramme, ZELDA } from './privacy-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const count = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await opened.db.execute(query))[0]!.n);

describe('privacy', () => {
  it('opens with five lines a phone shows at once – stored, why, how long, who sees it, rights – and the full text one command or button away', async () => {
    const p = await privacyProgramme(opened.db);
    const reply = await p.zelda('privacy');
    const id = p.zeldaId;
    const { counts } = await createRepositories(opened.db).personalData.countRows({ programmeId: p.test.programme.id, personId: id, userId: ZELDA.userId });
    const records = counts.filter((c) => c.table !== 'people').reduce((sum, c) => sum + c.count, 0);
    expect(records).toBeGreaterThanOrEqual(5);
    const summary = reply.outcome.kind === 'reply' ? reply.outcome.reply.blocks[0] : undefined;
    expect(summary?.type === 'list' && summary.items).toEqual([
      t('en', 'privacy.summary_stored', { records }),
      t('en', 'privacy.summary_why'),
      t('en', 'privacy.summary_kept_no_end', { max: 5 }),
      t('en', 'privacy.summary_who'),
      t('en', 'privacy.summary_rights', { export: '`/loket export me`', forget: '`/loket forget-me`' }),
    ]);
    expect(reply.text).toContain('`export me`');
    expect(reply.text).toContain('`privacy all`');
    expect(reply.outcome.kind === 'reply' && reply.outcome.reply.buttons?.map((b) => b.command)).toEqual(['privacy all']);
    expect(reply.text.split('\n').length).toBeLessThanOrEqual(12);
    expect(reply.text).not.toContain('Profile: name');
  });

  it('privacy all tells a person in their language what is stored about them, with the counts from the database', async () => {
    const p = await privacyProgramme(opened.db);
    const reply = await p.zelda('privacy all');
    expect(reply.text).toContain('Your data in LOKET');
    expect(reply.text).toContain(`Profile: name ${ZELDA.name}, user id slack:${ZELDA.userId}, organisation not given, gender woman, language en`);
    const id = p.zeldaId;
    const meetingRows = await count(sql`select (select count(*) from meetings where author_id = ${id} or deleted_by = ${id})
      + (select count(*) from meeting_participants where person_id = ${id})
      + (select count(*) from action_items where owner_id = ${id} or done_by = ${id})
      + (select count(*) from notes where author_id = ${id} or owner_id = ${id}) as n`);
    expect(meetingRows).toBeGreaterThanOrEqual(3);
    expect(reply.text).toContain(`Meetings, attendance, actions and notes that name you: ${meetingRows}`);
    expect(reply.text).toContain('Weekly notes you wrote: 1');
    expect(reply.text).toContain('Development plans (gaps, actions, reviews): 1');
    expect(reply.text).toContain('regional development fund');
    expect(reply.text).toContain('No end date is set for the programme yet');
    expect(reply.text).toContain('Profile facts: 5 years after the programme ends');
    expect(reply.text).toContain('Operational data: 0 years after the programme ends');
    expect(reply.text).toContain('Every participant of the programme can read and search');
    expect(reply.text).toContain('Replies to your own commands are private to you');
    expect(reply.text).toContain('cannot be recalled by LOKET');
    expect(reply.outcome.kind === 'reply' && reply.outcome.reply.visibility).toBe('private');
  });

  it('answers the Swedish alias in Swedish and states the configured retention', async () => {
    const p = await privacyProgramme(opened.db);
    const privacy = { retention: retentionPolicy({ programmeEnd: '2028-12-31', yearsAfterEnd: 7, categoryYears: { audit: 10 } }) };
    const core = createLoketCore({ db: opened.db, clock: p.test.clock, logger: silentLogger, settings: { ...testSettings, privacy } });
    const as = (text: string) => say(core, { platform: 'slack', workspaceId: p.workspaceId, userId: 'UANNA', displayName: 'Anna' }, text);
    const short = await as('integritet');
    expect(short.text).toContain('Hur länge: programmet slutar 2028-12-31; därefter pseudonymiseras personuppgifterna inom 10 år');
    expect(short.text).toContain('[Läs allt: integritet allt]');
    const reply = await as('integritet allt');
    expect(reply.text).toContain('Dina uppgifter i LOKET');
    expect(reply.text).toContain('Programmet slutar 2028-12-31.');
    expect(reply.text).toContain('Profiluppgifter: 7 år efter programmets slut');
    expect(reply.text).toContain('Logg: 10 år efter programmets slut');
    expect(reply.text).toContain('kan LOKET inte ta tillbaka');
  });
});

describe('export me', () => {
  it('gives everything about the person as one JSON file and a CSV per table, as expiring files', async () => {
    const p = await privacyProgramme(opened.db);
    const reply = await p.zelda('my-data');
    const files = await opened.db.select().from(exportFiles).where(and(eq(exportFiles.programmeId, p.test.programme.id), eq(exportFiles.createdBy, p.zeldaId)));
    const json = files.find((f) => f.name.endsWith('.json'))!;
    const data = JSON.parse(json.content) as { tables: Record<string, Record<string, unknown>[]> };
    const tables = Object.keys(data.tables);
    expect(tables).toEqual(expect.arrayContaining(['people', 'memberships', 'meetings', 'action_items', 'notes', 'progress_notes', 'plan_gaps', 'absences', 'exchange_posts', 'conversations', 'audit_log']));
    expect(data.tables.people).toHaveLength(1);
    expect(data.tables.people![0]).toMatchObject({ display_name: ZELDA.name, user_id: ZELDA.userId, gender: 'woman' });
    // Search vectors are derived data, not the person's.
    expect(Object.keys(data.tables.meetings![0]!)).not.toContain('search_vector');
    expect(files.filter((f) => f.name.endsWith('.csv')).map((f) => f.name.replace(/^loket-my-data-\d{4}-\d{2}-\d{2}-/, '')).sort()).toEqual(tables.map((t) => `${t}.csv`).sort());
    for (const table of tables) {
      const csv = files.find((f) => f.name.endsWith(`-${table}.csv`))!;
      expect(parse(csv.content, { delimiter: ';', columns: true })).toHaveLength(data.tables[table]!.length);
    }
    // CSV headers are words in the reader's language, every column named; the JSON keeps the column names.
    const headers = files.filter((f) => f.name.endsWith('.csv')).flatMap((f) => f.content.split('\r\n')[0]!.split(';'));
    expect(headers).toContain('display name');
    expect(headers.filter((h) => h.includes('_'))).toEqual([]);
    expect(files.every((f) => f.expiresAt.getTime() - p.test.clock.now().getTime() === 7 * 86_400_000)).toBe(true);
    const rows = Object.values(data.tables).reduce((sum, r) => sum + r.length, 0);
    expect(reply.text).toContain(`Your data (${rows} rows from ${tables.length} tables) is ready`);
    expect(reply.outcome.kind === 'reply' && reply.outcome.reply.links?.length).toBe(tables.length + 1);
    const audit = await opened.db.select().from(auditLog).where(and(eq(auditLog.programmeId, p.test.programme.id), eq(auditLog.action, 'privacy.export')));
    expect(audit[0]?.detail).toEqual({ tables: tables.length, rows });
  });

  it('contains no other person\'s profile', async () => {
    const p = await privacyProgramme(opened.db);
    await p.zelda('export me');
    const [json] = await opened.db.select().from(exportFiles).where(and(eq(exportFiles.programmeId, p.test.programme.id), sql`${exportFiles.name} like '%.json'`));
    expect(json!.content).not.toContain('UANNA');
    expect(json!.content).not.toContain('"Anna"');
  });
});

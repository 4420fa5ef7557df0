// The schema walk: a table that refers to a person and is not declared in db/personal-data.ts fails here,
// so a new table cannot silently escape `export me`, `forget-me` or retention.
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { rowsOf } from '../../db/migrate.js';
import { personalData } from '../../db/personal-data.js';
import { createRepositories } from '../../db/repositories.js';
import * as schema from '../../db/schema/index.js';
import { openTestDatabase } from '../support/test-database.js';
import { privacyProgramme } from '../handlers/privacy/privacy-fixture.js';

/** Walked here from the Drizzle schema itself, not from the code under test. */
function schemaTables() {
  return (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable)).map((t) => getTableConfig(t));
}

const personLike = /(^|_)(person|people|author|owner|user|actor|reviewer|member|creator|editor|assignee|recipient)(_|$)|_by$/;

function personColumns(config: ReturnType<typeof getTableConfig>) {
  const viaForeignKey = config.foreignKeys.flatMap((fk) => {
    const ref = fk.reference();
    return getTableConfig(ref.foreignTable).name === 'people' ? ref.columns.map((c) => c.name) : [];
  });
  const byName = config.columns.filter((c) => personLike.test(c.name) && c.name !== 'programme_id').map((c) => c.name);
  return [...new Set([...viaForeignKey, ...byName])];
}

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

describe('personal data coverage', () => {
  it('every table that refers to a person is declared, with how to export it, how to erase it and why', () => {
    const missing = schemaTables()
      .filter((c) => c.name === 'people' || personColumns(c).length > 0)
      .filter((c) => !personalData[c.name])
      .map((c) => `${c.name} (${personColumns(c).join(', ')})`);
    expect(missing).toEqual([]);
    for (const [table, rule] of Object.entries(personalData)) {
      expect(['pseudonymise', 'keep', 'delete'], table).toContain(rule.erase);
      expect(rule.why.length, table).toBeGreaterThan(10);
      if (rule.export !== 'rows') expect(rule.export.skip.length, table).toBeGreaterThan(10);
    }
  });

  it('declares only tables and identity columns that exist', () => {
    const tables = new Map(schemaTables().map((c) => [c.name, new Set(c.columns.map((col) => col.name))]));
    for (const [table, rule] of Object.entries(personalData)) {
      expect(tables.has(table), table).toBe(true);
      for (const identity of rule.identity ?? []) expect(tables.get(table)!.has(identity.column), `${table}.${identity.column}`).toBe(true);
    }
  });

  it('a column named like a person without a foreign key is matched by a declared identity column', () => {
    const unmatched = schemaTables().flatMap((c) => {
      const fks = new Set(c.foreignKeys.flatMap((fk) => fk.reference().columns.map((col) => col.name)));
      const rule = personalData[c.name];
      const declared = new Set([...(rule?.identity ?? []).map((i) => i.column), ...(rule?.notPerson ?? [])]);
      return personColumns(c).filter((col) => !fks.has(col) && !declared.has(col) && c.name !== 'people').map((col) => `${c.name}.${col}`);
    });
    expect(unmatched).toEqual([]);
  });

  it('export me holds every row that refers to the person by a foreign key, in every table', async () => {
    const p = await privacyProgramme(opened.db);
    const repos = createRepositories(opened.db);
    const { tables } = await repos.personalData.exportRows({ programmeId: p.test.programme.id, personId: p.zeldaId, userId: 'UZQ7701' });
    const exported = new Map(tables.map((t) => [t.table, t.rows.length]));
    let checked = 0;
    for (const config of schemaTables()) {
      const columns = personColumns(config).filter((col) => config.foreignKeys.some((fk) => fk.reference().columns.some((c) => c.name === col)));
      if (!columns.length || personalData[config.name]?.export !== 'rows') continue;
      const where = sql.join(columns.map((c) => sql`${sql.identifier(c)} = ${p.zeldaId}`), sql` or `);
      const n = Number(rowsOf<{ n: number }>(await opened.db.execute(sql`select count(*)::int as n from ${sql.identifier(config.name)} where programme_id = ${p.test.programme.id} and (${where})`))[0]!.n);
      expect(exported.get(config.name) ?? 0, config.name).toBeGreaterThanOrEqual(n);
      checked += n;
    }
    // The fixture left rows in many tables, or this test could not fail.
    expect(checked).toBeGreaterThan(8);
  });

  it('after erasure no row of a delete-rule table refers to the person', async () => {
    const p = await privacyProgramme(opened.db);
    const asked = await p.zelda('forget-me');
    await p.zelda(asked.outcome.kind === 'reply' ? asked.outcome.reply.buttons![0]!.command : '');
    for (const config of schemaTables()) {
      if (personalData[config.name]?.erase !== 'delete') continue;
      const fks = personColumns(config).filter((col) => config.foreignKeys.some((fk) => fk.reference().columns.some((c) => c.name === col)));
      if (!fks.length) continue;
      const where = sql.join(fks.map((c) => sql`${sql.identifier(c)} = ${p.zeldaId}`), sql` or `);
      const left = rowsOf<{ n: number }>(await opened.db.execute(sql`select count(*)::int as n from ${sql.identifier(config.name)} where ${where}`))[0]!.n;
      expect(Number(left), config.name).toBe(0);
    }
  });
});

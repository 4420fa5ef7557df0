// The Swedish text search configuration must behave the same on PGlite and on Postgres: the same
// migrations create the same generated columns, and both must stem and keep å/ä/ö alike.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../db/client.js';
import { rowsOf } from '../../db/migrate.js';
import { createRepositories } from '../../db/repositories.js';
import { compoundQuery } from '../../db/search.repository.js';
import { textAfterWords } from '../../handlers/core/free-text.js';
import { openTestDatabase } from '../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await opened.db.execute(query))[0]!;
}

describe('the swedish configuration', () => {
  it('stems Swedish words and keeps å, ä and ö', async () => {
    const { v } = await one<{ v: string }>(sql`select to_tsvector('swedish', 'Mötet om mötena, möten och åtgärderna; får och far') as v`);
    expect(v).toBe("'far':9 'får':7 'möt':4 'möten':3 'mötet':1 'åtgärd':6");
  });

  it('turns user words into prefix queries, with the definite -et also matching its bare stem', async () => {
    const { search } = createRepositories(opened.db);
    expect((await search.toQuery('möte')).query).toBe("'möt':*");
    expect((await search.toQuery('mötet beslut')).query).toBe("('mötet':* | 'möt':*) & 'beslut':*");
    expect((await search.toQuery('"två möten" -kaffe or te')).query).toBe("'två':* <-> 'möt':* & !'kaff':* | 'te':*");
    expect((await search.toQuery('och att')).query).toBeNull();
    // One letter is a word of its own, not the start of every word with it: `R&D` is not «rakt dit».
    expect((await search.toQuery('"R&D"')).query).toBe("'r' <-> 'd'");
    expect((await search.toQuery("it's: (&|!) <->")).query).toBe("'it':* <-> 's'");
  });

  it('a query also looks for each stem at the end of compounds; a phrase or only short stems do not', async () => {
    const { search } = createRepositories(opened.db);
    expect((await search.toQuery('möte')).compound).toBe("('möt':* | '~töm':*)");
    expect((await search.toQuery('mötet rekrytering -budget')).compound)
      .toBe("('mötet':* | 'möt':* | '~tetöm':* | '~töm':*) & ('rekrytering':* | '~gniretyrker':*) & !('budget':* | 'budg':* | '~tegdub':* | '~gdub':*)");
    expect((await search.toQuery('möte or eu')).compound).toBe("('möt':* | '~töm':*) | 'eu':*");
    for (const words of ['"två möten"', "o'brien", 'eu it', 'och att']) expect((await search.toQuery(words)).compound, words).toBeNull();
    expect(compoundQuery("'a\\\\b' & 'c''d'")).toBe("('a\\\\b':* | '~b\\\\a':*) & ('c''d':* | '~d''c':*)");
  });

  it('compound_vector holds the lexemes and each reversed with ~, also without a one- or two-letter ending', async () => {
    const { v } = await one<{ v: string }>(sql`select compound_vector(to_tsvector('swedish', 'Styrgruppsmötet om medlemsrekryteringen'))::text as v`);
    const lexemes = v.split(' ').map((l) => l.replace(/'/g, '').replace(/:\d+$/, '')).map((l) => (l.startsWith('~') ? `~${[...l.slice(1)].reverse().join('')}` : l));
    expect(lexemes.sort()).toEqual(['medlemsrekrytering', 'styrgruppsmötet', '~medlemsrekryteri', '~medlemsrekryterin', '~medlemsrekrytering', '~styrgruppsmöt', '~styrgruppsmöte', '~styrgruppsmötet'].sort());
  });

  it('any words a user types become a query that runs, or none at all', async () => {
    const { programme } = await createRepositories(opened.db).programmes.create('Search fuzz');
    const { search } = createRepositories(opened.db);
    const typed = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'möte "-or|&!():*\\\'<>ÅÄÖ \u0000\n'.split('')), maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(typed, async (input) => {
        const { query, compound } = await search.toQuery(textAfterWords(`search ${input}`, 1) || 'x');
        if (query) await search.search({ programmeId: programme.id, query, compound, timezone: 'Europe/Stockholm', limit: 10 });
      }),
      { numRuns: 60 },
    );
  });

  it('a query text with quotes and backslashes stays one literal', async () => {
    const { programme } = await createRepositories(opened.db).programmes.create('Search literal');
    const { search } = createRepositories(opened.db);
    expect((await search.search({ programmeId: programme.id, query: "'o''brien':*", timezone: 'UTC', limit: 10 })).total).toBe(0);
    // Not tsquery syntax, so it fails as a query error; the SQL around it is never broken out of.
    for (const query of ["x'; drop table notes; --", "'a\\'; drop table notes; --"]) {
      await expect(search.search({ programmeId: programme.id, query, timezone: 'UTC', limit: 10 })).rejects.toThrow();
    }
    expect(rowsOf(await opened.db.execute(sql`select count(*) from notes`))).toHaveLength(1);
  });

  it('every searchable table has a generated Swedish search vector with a GIN index', async () => {
    const tables = ['meetings', 'decisions', 'action_items', 'notes'];
    const { generated } = await one<{ generated: number }>(sql`select count(*)::int as generated from information_schema.columns
      where table_name in ${tables} and column_name = 'search_vector' and is_generated = 'ALWAYS'`);
    expect(generated).toBe(4);
    const { indexed } = await one<{ indexed: number }>(sql`select count(*)::int as indexed from pg_indexes
      where tablename in ${tables} and indexdef like '%USING gin (search_vector)%'`);
    expect(indexed).toBe(4);
  });
});

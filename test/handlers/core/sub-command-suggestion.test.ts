// A mistyped sub-command (`cluster lsit`, `exchange nede fel`) is answered with the sub-command it most likely
// meant, not read as a value of the one-word command; values that really are values still work.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { clusters, exchangePosts } from '../../../db/schema/index.js';
import { openTestDatabase } from '../../support/test-database.js';
import { meetingProgramme } from '../../support/programme-fixture.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => opened.close());

const rowsOf = async (programmeId: string) => ({
  clusters: (await opened.db.select().from(clusters).where(eq(clusters.programmeId, programmeId))).length,
  posts: (await opened.db.select().from(exchangePosts).where(eq(exchangePosts.programmeId, programmeId))).length,
});

describe('a mistyped sub-command', () => {
  it('`cluster lsit` and `exchange nede fel` suggest the sub-command in Swedish, and nothing is stored', async () => {
    const p = await meetingProgramme(opened.db);
    const before = await rowsOf(p.test.programme.id);

    const list = await p.as('UANNA', 'cluster lsit');
    expect(list.outcome.kind === 'reply' && list.outcome.reply.error?.code).toBe('verb.unknown');
    expect(list.text).toContain('Jag känner inte igen ”cluster lsit”.');
    expect(list.text).toContain('Menade du `cluster list`?');
    expect(list.text).not.toContain('är inget av');

    const need = await p.as('UANNA', 'exchange nede fel');
    expect(need.outcome.kind === 'reply' && need.outcome.reply.error?.code).toBe('verb.unknown');
    expect(need.text).toContain('Menade du `exchange need`?');
    expect(need.text).not.toContain('är inget av');

    const swedishVerb = await p.as('UANNA', 'kluster lsita');
    expect(swedishVerb.text).toContain('Menade du `cluster list`?');

    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('answers in English for an English reader', async () => {
    const p = await meetingProgramme(opened.db);
    await p.as('UANNA', 'profile lang:en');
    const before = await rowsOf(p.test.programme.id);
    const { outcome, text } = await p.as('UANNA', 'exchange ofer Vi delar mallar');
    expect(outcome.kind === 'reply' && outcome.reply.error?.code).toBe('verb.unknown');
    expect(text).toContain("I don't recognise “exchange ofer”.");
    expect(text).toContain('Did you mean `exchange offer`?');
    expect(await rowsOf(p.test.programme.id)).toEqual(before);
  });

  it('values of the one-word command are still values, and a far-off word is still refused as a value', async () => {
    const p = await meetingProgramme(opened.db);
    const all = await p.as('UANNA', 'kluster alla');
    expect(all.outcome.kind === 'reply' && all.outcome.reply.error).toBeUndefined();
    expect(all.text).toContain('Rymd');
    const mine = await p.as('UANNA', 'utbyte mina');
    expect(mine.outcome.kind === 'reply' && mine.outcome.reply.error).toBeUndefined();
    const far = await p.as('UANNA', 'cluster xyzzy');
    expect(far.outcome.kind === 'reply' && far.outcome.reply.error?.code).toBe('args.enum_invalid');
    expect(far.text).toContain('”xyzzy” är inget av `alla`');
  });
});

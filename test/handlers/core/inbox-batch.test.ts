// Group commit for the inbox (handlers/core/inbox-batch.ts): which commands share a statement, how many
// statements run at once, and that a statement's failure reaches exactly the commands it carried.
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../handlers/core/inbox-batch.js';

/** A write that records each statement and holds it until the test releases it. */
function heldWrites() {
  const statements: { items: string[]; release(fail?: Error): void }[] = [];
  const write = (items: string[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve, reject) => {
      const stored = items.map((item) => ({ status: 'fulfilled' as const, value: `stored ${item}` }));
      statements.push({ items, release: (fail) => (fail ? reject(fail) : resolve(stored)) });
    });
  return { statements, write };
}

// Two turns of the event loop: a finished statement schedules the next one for the turn after its own.
const turn = async () => {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('group commit of inbox writes', () => {
  it('commands that arrive in the same turn are written by one statement, and each learns its own result', async () => {
    const { statements, write } = heldWrites();
    const batch = createGroupCommit({ write, maxBatch: 64, maxInFlight: 2 });
    const submitted = ['a', 'b', 'c', 'd', 'e'].map((item) => batch.submit(item));
    await turn();
    expect(statements.map((s) => s.items)).toEqual([['a', 'b', 'c', 'd', 'e']]);
    expect(batch.pending).toBe(5);

    statements[0]!.release();
    expect(await Promise.all(submitted.map((s) => s.result))).toEqual(['stored a', 'stored b', 'stored c', 'stored d', 'stored e']);
    expect(batch.pending).toBe(0);
  });

  it('commands arriving while the statements in flight are at their limit wait, then go together in the next one', async () => {
    const { statements, write } = heldWrites();
    const batch = createGroupCommit({ write, maxBatch: 64, maxInFlight: 1 });
    const first = batch.submit('a');
    await turn();
    const later = ['b', 'c', 'd'].map((item) => batch.submit(item));
    await turn();
    expect(statements.map((s) => s.items)).toEqual([['a']]);

    statements[0]!.release();
    expect(await first.result).toBe('stored a');
    await turn();
    expect(statements.map((s) => s.items)).toEqual([['a'], ['b', 'c', 'd']]);
    statements[1]!.release();
    expect(await Promise.all(later.map((s) => s.result))).toEqual(['stored b', 'stored c', 'stored d']);
  });

  it('a statement carries at most maxBatch commands', async () => {
    const { statements, write } = heldWrites();
    const batch = createGroupCommit({ write, maxBatch: 2, maxInFlight: 3 });
    for (const item of ['a', 'b', 'c', 'd', 'e']) batch.submit(item);
    await turn();
    expect(statements.map((s) => s.items)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('a statement that fails fails every command it carried and no other', async () => {
    const { statements, write } = heldWrites();
    const batch = createGroupCommit({ write, maxBatch: 2, maxInFlight: 2 });
    const submitted = ['a', 'b', 'c'].map((item) => batch.submit(item));
    await turn();
    statements[0]!.release(new Error('connection lost'));
    statements[1]!.release();
    const results = await Promise.allSettled(submitted.map((s) => s.result));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ reason: { message: 'connection lost' } });
  });

  it('a command withdrawn before its statement was sent is never written; one already sent cannot be withdrawn', async () => {
    const { statements, write } = heldWrites();
    const batch = createGroupCommit({ write, maxBatch: 64, maxInFlight: 1 });
    const sent = batch.submit('a');
    await turn();
    const waiting = batch.submit('b');
    const kept = batch.submit('c');
    expect(waiting.withdraw()).toBe(true);
    expect(sent.withdraw()).toBe(false);
    await expect(waiting.result).rejects.toThrow('withdrawn');

    statements[0]!.release();
    await sent.result;
    await turn();
    expect(statements.map((s) => s.items)).toEqual([['a'], ['c']]);
    statements[1]!.release();
    expect(await kept.result).toBe('stored c');
  });
});

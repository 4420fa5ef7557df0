// Turns for stored commands (handlers/core/inbox-turns.ts): acknowledgements owed go first, a floor of
// commands still runs under a flood, and commands start in the order they arrived.
import { describe, expect, it } from 'vitest';
import { createTurns } from '../../../handlers/core/inbox-turns.js';

function heldCommands() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const command = (name: string) => async () => {
    started.push(name);
    await new Promise<void>((resolve) => finish.set(name, resolve));
    return name;
  };
  return { started, finish: (name: string) => finish.get(name)!(), command };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('turns for stored commands', () => {
  it('while acknowledgements are owed only the floor runs; the rest start in arrival order once none is owed', async () => {
    let owed = 3;
    const turns = createTurns({ size: 3, floor: 1, urgent: () => owed });
    const { started, finish, command } = heldCommands();
    const runs = ['a', 'b', 'c', 'd'].map((name) => turns.run(command(name)));
    await settle();
    expect(started).toEqual(['a']);
    expect(turns.waiting).toBe(3);

    owed = 0;
    turns.wake();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);

    finish('a');
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    for (const name of ['b', 'c', 'd']) finish(name);
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a command finishing under a flood hands its turn to the next in line, so answers keep coming', async () => {
    const turns = createTurns({ size: 10, floor: 1, urgent: () => 50 });
    const { started, finish, command } = heldCommands();
    const runs = ['a', 'b', 'c'].map((name) => turns.run(command(name)));
    await settle();
    expect(started).toEqual(['a']);
    finish('a');
    await settle();
    expect(started).toEqual(['a', 'b']);
    finish('b');
    await settle();
    finish('c');
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
  });

  it('a newcomer does not overtake commands already waiting, even when a turn is free', async () => {
    let owed = 1;
    const turns = createTurns({ size: 2, floor: 0, urgent: () => owed });
    const { started, finish, command } = heldCommands();
    const first = turns.run(command('first'));
    await settle();
    expect(started).toEqual([]);
    owed = 0;
    const second = turns.run(command('second'));
    await settle();
    expect(started).toEqual([]);
    turns.wake();
    await settle();
    expect(started).toEqual(['first', 'second']);
    finish('first');
    finish('second');
    await Promise.all([first, second]);
  });
});

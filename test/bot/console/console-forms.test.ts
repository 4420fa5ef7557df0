// The console has no modal: a form is shown as the keys to type. A Swedish reader is shown the Swedish
// command and keys (`möte`, `datum:…`, `beslut:…`), an English reader the English ones, and what is shown
// can be typed back as it stands.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../bot/console/console-chat.js';
import type { OpenedDatabase } from '../../../db/client.js';
import { meetings } from '../../../db/schema/index.js';
import { createLoketCore } from '../../../handlers/registry.js';
import { createTestClock, silentLogger, testSettings } from '../../support/test-core.js';
import { openFreshDatabase } from '../../support/test-database.js';

let opened: OpenedDatabase;
beforeAll(async () => {
  opened = await openFreshDatabase();
});
afterAll(async () => opened.close());

async function chat(core: ReturnType<typeof createLoketCore>, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const done = runConsoleChat({ core, input, output, user: { userId: 'me', displayName: 'Petra' }, interactive: false });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return printed;
}

describe('forms in the console', () => {
  it('shows the command and keys in the reader\'s words, and the shown form typed back is stored', async () => {
    const core = createLoketCore({ db: opened.db, clock: createTestClock(), logger: silentLogger, settings: { ...testSettings, admins: [{ platform: 'console', userId: 'me' }] } });
    const sv = await chat(core, ['cluster add Rymd sector:space', 'möte']);
    expect(sv).toMatch(/\nmöte\n {2}"…" {2}/);
    expect(sv).toContain('  datum:…');
    expect(sv).toContain('  kluster:…');
    expect(sv).toContain('  beslut:…');
    expect(sv).toContain('  åtgärd:…');
    expect(sv).not.toMatch(/^ {2}(date|cluster|decision|action):…/m);

    const typed = await chat(core, ['möte "Styrgrupp mars" datum:2026-03-01 kluster:Rymd \\', 'beslut: Testbädden först']);
    expect(typed).toContain('Styrgrupp mars');
    const stored = await opened.db.select({ title: meetings.title, heldOn: meetings.heldOn }).from(meetings);
    expect(stored).toEqual([{ title: 'Styrgrupp mars', heldOn: '2026-03-01' }]);

    const en = await chat(core, ['profile lang:en', 'meeting']);
    expect(en).toMatch(/\nmeeting\n {2}"…" {2}/);
    expect(en).toContain('  date:…');
    expect(en).toContain('  decision:…');
    expect(en).not.toContain('  datum:…');
  });
});

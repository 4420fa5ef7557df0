// Fuzzing the console's line reader: any bytes on stdin — control characters, lone carriage returns,
// right-to-left marks, emoji, `\` continuations, `as @name` prefixes, no final newline — become exactly the
// messages a person typed, each answered once, and the chat ends cleanly at end of input. The core is
// fuzzed on its own (core-commands.property.test.ts); here it records what reaches it.
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../bot/console/console-chat.js';
import type { IncomingMessage, ProcessIncoming } from '../../../handlers/core/incoming.js';
import { commandText, fuzzOptions, hostileFragments, numRuns } from './arbitraries.js';

const line = fc.oneof(
  { weight: 6, arbitrary: commandText.map((t) => t.replace(/\r\n|\r|\n/g, ' ')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\\', 'meeting x \\', 'as @anna whoami', 'as @ cluster list', 'as @anna', ...hostileFragments.filter((f) => !/[\r\n]/.test(f))) },
);

/** What the reader should hand to the core for these lines: `\` joins a line to the next; blanks are skipped. */
function expectedMessages(lines: string[]): string[] {
  const messages: string[] = [];
  let pending = '';
  for (const l of lines) {
    if (l.endsWith('\\')) {
      pending += `${l.slice(0, -1)}\n`;
      continue;
    }
    const text = (pending + l).trim();
    pending = '';
    if (text) messages.push(text);
  }
  if (pending.trim()) messages.push(pending.trim());
  return messages;
}

async function run(lines: string[], finalNewline: boolean) {
  const received: IncomingMessage[] = [];
  const core: ProcessIncoming = async (message) => {
    received.push(message);
    return { kind: 'reply', language: 'sv', reply: { visibility: 'private', blocks: [{ type: 'text', text: `svar ${received.length}` }] } };
  };
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const done = runConsoleChat({ core, input, output, user: { userId: 'pm', displayName: 'PM' }, interactive: false });
  input.end(lines.join('\n') + (finalNewline ? '\n' : ''));
  await done;
  return { received, printed };
}

describe('the console line reader under fuzzing', () => {
  it(`turns ${numRuns} hostile inputs into exactly the typed messages, one answer each`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), async (typed, finalNewline) => {
        // stdin carries UTF-8 bytes: a lone surrogate cannot be typed and arrives as U+FFFD.
        const lines = typed.map((l) => Buffer.from(l, 'utf8').toString('utf8'));
        const { received, printed } = await run(lines, finalNewline);
        const expected = expectedMessages(lines);
        expect(received).toHaveLength(expected.length);
        received.forEach((message, i) => {
          const as = /^as\s+@(\S+)\s+([\s\S]*)$/i.exec(expected[i]!);
          expect(message.platform).toBe('console');
          expect(message.userId).toBe(as ? as[1] : 'pm');
          expect(message.text).toBe(as ? as[2] : expected[i]);
        });
        for (let n = 1; n <= expected.length; n += 1) expect(printed).toContain(`svar ${n}\n\n`);
      }),
      fuzzOptions,
    );
  });
});

// A pino logger whose JSON lines are kept as objects, for tests that assert what was (or was not) logged.
// No redaction on purpose: a test of a secret-handling path must see what that path itself writes.
import { Writable } from 'node:stream';
import pino from 'pino';

export function capturingLogger(level: pino.Level = 'debug') {
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level }, stream), logs };
}

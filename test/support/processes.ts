// Helpers for tests and benchmarks that run LOKET (or another server) as a child process on a port of its own.
// Free of vitest imports, so bench scripts can use them outside the test runner.
import { createServer } from 'node:net';

/** A port nobody listens on right now (the OS picks it; the probe closes before the server takes it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it holds; throws with `what` (a function, to include output gathered meanwhile). */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string | (() => string), intervalMs = 200): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${typeof what === 'function' ? what() : what}: not within ${timeoutMs} ms`);
}

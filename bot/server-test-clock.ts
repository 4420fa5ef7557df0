// The test-only clock override of a running server (docs/operations.md "Test-only clock override"). A test
// that runs real server processes cannot move their clock from outside, yet must run "this week's"
// scheduled jobs on a known week (not in the summer break, at the hour a digest is due). With
// NODE_ENV=test and LOKET_TEST_CLOCK=<ISO instant>, the server's clock starts at that instant and runs on
// in real time; `<ISO instant>@<epoch ms>` says which real moment the instant stands for, so that servers
// started one after the other share one clock (leases compare times written by different processes); and the weekly rhythm ticks every TEST_TICK_MS besides node-cron's every five minutes, so
// the week's jobs run within seconds. Without NODE_ENV=test the variable is refused at start: a production
// server never runs on a made-up time. Not in .env.example or README's configuration on purpose.
import { systemClock, type Clock } from '../handlers/core/context.js';

export const TEST_CLOCK_VARIABLE = 'LOKET_TEST_CLOCK';
/** How often the weekly rhythm ticks under the test clock. */
export const TEST_TICK_MS = 2_000;

export interface ServerClock {
  clock: Clock;
  /** Set when the test clock is in use: the instant it started from. */
  testStart?: Date;
}

/** The system clock, or the test clock when the environment asks for it (and may). Throws a message for
 *  the operator when the override is set where it must not be, or is not an instant. */
export function serverClock(env: NodeJS.ProcessEnv): ServerClock {
  const value = env[TEST_CLOCK_VARIABLE]?.trim();
  if (!value) return { clock: systemClock };
  if (env.NODE_ENV !== 'test') throw new Error(`${TEST_CLOCK_VARIABLE} is for tests only and needs NODE_ENV=test; unset it`);
  const [instant = '', anchor] = value.split('@');
  const start = new Date(instant);
  const realStart = anchor === undefined ? Date.now() : Number(anchor);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(start.getTime()) || !Number.isSafeInteger(realStart)) {
    throw new Error(`${TEST_CLOCK_VARIABLE} must be an ISO instant such as 2026-03-06T14:00:30+01:00, optionally followed by @ and the real time in epoch milliseconds it stands for`);
  }
  return { clock: { now: () => new Date(start.getTime() + (Date.now() - realStart)) }, testStart: start };
}

/** Runs `tick` now and every TEST_TICK_MS until stopped (only under the test clock). */
export function startTestTicks(tick: () => Promise<unknown>): { stop(): void } {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void tick().finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, TEST_TICK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

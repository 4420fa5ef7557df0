// Simulated weeks of the weekly rhythm: two scheduler instances (each with its own database handle)
// tick on one database while leaders post notes now and then; the result says what reached which
// channel, so a test can check "exactly one digest per channel per week".
import type { Database } from '../../db/database.js';
import { isoWeekOf, instantOf, daysOfWeek } from '../../handlers/core/weeks.js';
import { addDays } from '../../handlers/core/dates.js';
import { createFakeNotifier } from './fake-notifier.js';
import { inChannel, weeklyProgramme } from './weekly-fixture.js';
import { weeklyRunner } from './weekly-runner.js';

export interface SimulationOptions {
  dbA: Database;
  dbB: Database;
  firstWeek: string;
  weeks: number;
  tickMinutes: number;
  seed: number;
}

/** A small deterministic generator (mulberry32), so a failing run can be repeated exactly. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function simulateWeeks(options: SimulationOptions) {
  const zone = 'Europe/Stockholm';
  const start = instantOf(daysOfWeek(options.firstWeek).monday, '00:00', zone);
  const p = await weeklyProgramme(options.dbA, { clusters: ['Rymd', 'Skog'], start });
  const suffix = p.workspaceId.slice(-6);
  const channels = { friday: `CFRI${suffix}`, monday: `CMON${suffix}`, sundayNight: `CSUN${suffix}` };
  await p.as('UPM', 'digest here', inChannel(channels.friday));
  await p.as('UPM', 'digest here day:mon time:08:30 lang:en', inChannel(channels.monday));
  await p.as('UPM', 'digest here day:sun time:02:30', inChannel(channels.sundayNight));
  const notifier = createFakeNotifier();
  const runA = weeklyRunner(options.dbA, p.test.clock, notifier, p.test.programme.id);
  const runB = weeklyRunner(options.dbB, p.test.clock, notifier, p.test.programme.id);
  const next = random(options.seed);
  const end = instantOf(addDays(daysOfWeek(options.firstWeek).monday, 7 * options.weeks), '00:00', zone);
  let tick = 0;
  for (let now = start.getTime(); now < end.getTime(); now += options.tickMinutes * 60_000, tick++) {
    p.test.clock.set(new Date(now));
    // Wednesday noon: Anna posts most weeks, Bo some weeks.
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).format(new Date(now));
    if (local === 'Wed 12') {
      if (next() < 0.7) await p.as('UANNA', `progress done: Vecka ${isoWeekOf(new Date(now), zone)}`);
      if (next() < 0.3) await p.as('UBO', `progress cluster:Skog done: Vecka ${isoWeekOf(new Date(now), zone)}`);
    }
    // Instance B is sometimes down (deploys, crashes); A sometimes lags behind B within the tick.
    if (next() < 0.1) await runA();
    else await Promise.all([runA(), runB()]);
  }
  const weeks = Array.from({ length: options.weeks }, (_, i) => isoWeekOf(instantOf(addDays(daysOfWeek(options.firstWeek).monday, 7 * i + 3), '12:00', zone), zone));
  const digestsPerWeek = (channel: string) => {
    const counts: Record<string, number> = {};
    for (const m of notifier.to(channel)) {
      const week = /20\d\d-W\d\d/.exec(m.text)![0];
      counts[week] = (counts[week] ?? 0) + 1;
    }
    return counts;
  };
  return { p, channels, notifier, weeks, ticks: tick, digestsPerWeek };
}

/** What a correct run looks like: every channel got one digest in every simulated week. */
export function oncePerWeek(weeks: string[]): Record<string, number> {
  return Object.fromEntries(weeks.map((w) => [w, 1]));
}

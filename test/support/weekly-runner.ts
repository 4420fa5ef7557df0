// Runs weekly ticks the way a scheduler instance would, scoped to one test's programme.
import type { Database } from '../../db/database.js';
import type { Clock } from '../../handlers/core/context.js';
import type { Notifier } from '../../handlers/core/notifier.js';
import { defaultRhythm, type RhythmSettings } from '../../handlers/weekly/weekly-rhythm.js';
import { runWeeklyTick } from '../../handlers/weekly/weekly-tick.js';
import { silentLogger } from './test-core.js';

export const testRhythm: RhythmSettings = { ...defaultRhythm, timezone: 'Europe/Stockholm', defaultLanguage: 'sv' };

export function weeklyRunner(db: Database, clock: Clock, notifier: Notifier, programmeId: string, rhythm: Partial<RhythmSettings> = {}) {
  return () => runWeeklyTick({ db, clock, logger: silentLogger, notifier, rhythm: { ...testRhythm, ...rhythm }, programmeIds: [programmeId] });
}

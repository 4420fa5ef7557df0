// `--profile` part two (issue 21): CPU per `note` through the core alone — no HTTP, no Bolt, no inbox, no
// answer POST — one command after another on a scratch Postgres, in this process. It is the part of a note's
// cost the command itself owns (parse, actor, transaction with its statements, audit row, rendering), so it
// bounds from below what any server around it can reach: the answered-throughput goal needs the whole note,
// server included, at about 2 ms of CPU (docs/benchmarks.md "The floors").
import pino from 'pino';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../handlers/core/context.js';
import { createLoketCore } from '../handlers/registry.js';
import { onScratchPostgres } from './bench-databases.js';
import { seedProgramme } from './seed.js';

export async function runCoreCpu(options: { notes: number; rounds: number; seedRows: number; log: (line: string) => void }): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    options.log('  skipped: set DATABASE_URL');
    return;
  }
  await onScratchPostgres(url, async (opened) => {
    await migrate(opened.db);
    const seeded = await seedProgramme(opened.db, { rows: options.seedRows });
    const cluster = seeded.clusterNames[0]!;
    const core = createLoketCore({ db: opened.db, clock: systemClock, logger: pino({ level: 'silent' }), settings: { timezone: 'Europe/Stockholm', defaultLanguage: 'sv', admins: [], defaultProgrammeName: 'Bench' } });
    let turn = 0;
    // With a delivery key, as a stored command has: its claim and stored answer are part of the command's cost.
    const note = () => core({ platform: 'slack', workspaceId: seeded.workspaceId, userId: seeded.managerUserId, text: `note "${cluster}" Bänkanteckning ${turn}: testbädden i Kiruna bokas via IRF, sex veckor i förväg.`, deliveryKey: { source: 'bench-core', key: String(turn++) } });
    for (let i = 0; i < Math.min(300, options.notes); i++) await note();
    const perNote: { cpu: number; wall: number }[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < options.notes; i++) await note();
      const used = process.cpuUsage(cpu);
      perNote.push({ cpu: (used.user + used.system) / 1000 / options.notes, wall: (performance.now() - started) / options.notes });
    }
    const sorted = [...perNote].sort((a, b) => a.cpu - b.cpu);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    options.log(`  ${options.rounds} rounds of ${options.notes} notes, one after another: CPU per note ${perNote.map((r) => r.cpu.toFixed(2)).join(', ')} ms (median ${median.cpu.toFixed(2)} ms), wall ${median.wall.toFixed(2)} ms`);
  });
}

// Timing helpers shared by the benchmarks: percentiles over repeated runs, and the figures' formatting.

export interface Timings {
  median: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export function percentiles(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank percentiles: with 50 samples p99 is the largest, which is what a reader expects.
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN, count: sorted.length };
}

/** Runs `fn` `warmup` times unmeasured (caches, prepared plans), then `runs` times measured. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup = Math.min(5, runs)): Promise<Timings> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const started = performance.now();
    await fn();
    if (i >= warmup) samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : '–');
export const ratio = (ours: number, floor: number) => (floor > 0 && Number.isFinite(ours) ? `${(ours / floor).toFixed(2)}×` : '–');
export const rows = (n: number) => n.toLocaleString('en-US');

/** A fixed-width table for the console; docs/benchmarks.md takes the same rows. */
export function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

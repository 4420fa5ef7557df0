// The bus factor, computed greedily (docs/continuity.md). Pure: the repository hands in groups of records
// that share one set of people, and this picks people until they cover at least half of the records.

export interface TouchGroup {
  /** Everyone who touched these records. */
  people: string[];
  /** How many records and contacts have exactly this set of people. */
  n: number;
}

export interface BusFactor {
  /** The smallest number of people (found greedily) who together touched at least half; 0 when empty. */
  factor: number;
  /** The people picked, in the order picked, with what each added. */
  chosen: { personId: string; added: number }[];
  covered: number;
  total: number;
}

/**
 * Greedy set cover, most-covering person first: exact minimum cover is NP-hard, and greedy is what a
 * reader can check by hand ("Anna alone touched 14 of 20"). Ties go to the person with the lower `order`
 * (e.g. the alphabetical name), so the answer does not depend on row order.
 */
export function greedyBusFactor(groups: TouchGroup[], order: (a: string, b: string) => number = (a, b) => a.localeCompare(b)): BusFactor {
  const live = groups.filter((g) => g.n > 0 && g.people.length > 0);
  const total = live.reduce((sum, g) => sum + g.n, 0);
  const uncovered = new Set(live.map((_, i) => i));
  const chosen: BusFactor['chosen'] = [];
  let covered = 0;
  while (covered * 2 < total && uncovered.size > 0) {
    const gain = new Map<string, number>();
    for (const i of uncovered) for (const person of live[i]!.people) gain.set(person, (gain.get(person) ?? 0) + live[i]!.n);
    const [best, added] = [...gain].sort(([a, x], [b, y]) => y - x || order(a, b))[0]!;
    for (const i of [...uncovered]) if (live[i]!.people.includes(best)) uncovered.delete(i);
    chosen.push({ personId: best, added });
    covered += added;
  }
  return { factor: chosen.length, chosen, covered, total };
}

/** Whole percent, rounded down, so "100 %" is only ever said of everything. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * 100) / whole);
}

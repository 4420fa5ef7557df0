// The retention policy: how long personal data stays readable after the programme ends, per data
// category. Records of a public-sector programme are kept (public-records law, the fund's audit rules);
// what retention does when a category is due is pseudonymise or delete the personal data in them.

/** Data categories, each with its own period (README "Data and privacy"). */
export const retentionCategories = ['profile', 'meetings', 'progress', 'exchanges', 'plans', 'audit', 'operational'] as const;
export type RetentionCategory = (typeof retentionCategories)[number];

export interface RetentionPolicy {
  /** The programme's last day (YYYY-MM-DD); without it nothing is ever due. */
  programmeEnd?: string;
  /** Whole years after the programme's end, per category. */
  years: Record<RetentionCategory, number>;
}

/** The fund's audit trail runs for years after the last payment; 5 years after the end is the default
 *  for everything but operational data (absences, chat references, files), which has no use afterwards. */
export const DEFAULT_YEARS_AFTER_END = 5;

export function retentionPolicy(input: { programmeEnd?: string; yearsAfterEnd?: number; categoryYears?: Partial<Record<RetentionCategory, number>> }): RetentionPolicy {
  const base = input.yearsAfterEnd ?? DEFAULT_YEARS_AFTER_END;
  const years = Object.fromEntries(retentionCategories.map((c) => [c, c === 'operational' ? 0 : base])) as Record<RetentionCategory, number>;
  return { programmeEnd: input.programmeEnd, years: { ...years, ...input.categoryYears } };
}

/** `audit:10,operational:0` → { audit: 10, operational: 0 }; an unknown category or a bad number is a
 *  problem named in the message, for the configuration's boot-time check. */
export function parseCategoryYears(value: string): { years: Partial<Record<RetentionCategory, number>>; problems: string[] } {
  const years: Partial<Record<RetentionCategory, number>> = {};
  const problems: string[] = [];
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, n] = entry.split(':').map((s) => s.trim());
    const category = retentionCategories.find((c) => c === name);
    if (!category || !n || !/^\d{1,3}$/.test(n)) {
      problems.push(`"${entry}" should look like audit:10 (categories: ${retentionCategories.join(', ')})`);
      continue;
    }
    years[category] = Number(n);
  }
  return { years, problems };
}

/** The instant a category falls due: midnight UTC on the programme end's anniversary N years on. */
export function dueAt(policy: RetentionPolicy, category: RetentionCategory): Date | undefined {
  if (!policy.programmeEnd) return undefined;
  const [y, m, d] = policy.programmeEnd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + policy.years[category], m - 1, d + 1));
}

export function dueCategories(policy: RetentionPolicy, now: Date): RetentionCategory[] {
  return retentionCategories.filter((c) => {
    const at = dueAt(policy, c);
    return at !== undefined && at.getTime() <= now.getTime();
  });
}

// Person-dependency signals per cluster (issue 11), gathered for `status` and `status <cluster>`.
import type { ClusterScope } from '../../db/status.repository.js';
import type { Repositories } from '../../db/repositories.js';
import { addDays } from '../core/dates.js';
import { greedyBusFactor, type BusFactor } from './continuity-measure.js';

// Eight weeks: two months of silence from everyone but one person is a pattern, not a holiday.
export const ACTIVE_DAYS = 56;
// The bus factor looks at one year: older records matter less to who can carry the cluster today.
export const BUS_FACTOR_DAYS = 365;

export type ShareKind = 'meeting' | 'decision' | 'org' | 'plan_action';
export const shareKinds: ShareKind[] = ['meeting', 'decision', 'org', 'plan_action'];

export interface Person {
  personId: string;
  name: string;
}

export interface ContinuitySignals {
  clusterId: string;
  leader?: Person;
  deputies: Person[];
  recorders: Person[];
  shares: Record<ShareKind, { total: number; single: number }>;
  soleContacts: { organisation: string; personId: string; person: string; lastMet: string }[];
  ownersAwayOrGone: { number: number; text: string; owner: string; reason: 'away' | 'gone' }[];
  bus: BusFactor & { names: string[] };
}

/** Every cluster in scope, with each signal computed by one query across all of them.
 *  `detail` adds the all-time shares and the contacts only one person has met (`status <cluster>`); the
 *  overview leaves them out, since it shows neither and they cost a pass over every record. */
export async function continuitySignals(repos: Repositories, programmeId: string, scope: ClusterScope, today: string, detail = true): Promise<Map<string, ContinuitySignals>> {
  const c = repos.continuity;
  const { groups } = await c.touchGroups(programmeId, scope, addDays(today, -BUS_FACTOR_DAYS));
  const { shares, contacts } = detail ? await c.singleTouched(programmeId, scope) : { shares: [], contacts: [] };
  const { recorders } = await c.recentRecorders(programmeId, scope, addDays(today, -ACTIVE_DAYS));
  const { roles } = await c.roles(programmeId, scope);
  const { actions } = await c.ownersAwayOrGone(programmeId, scope, today);
  const { names } = await c.names(programmeId, [...new Set(groups.flatMap((g) => g.people))]);
  const byName = (a: string, b: string) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b) || a.localeCompare(b);
  const ids = new Set([...groups, ...shares, ...contacts, ...recorders, ...roles, ...actions].map((r) => r.clusterId));
  const result = new Map<string, ContinuitySignals>();
  for (const clusterId of ids) {
    const bus = greedyBusFactor(groups.filter((g) => g.clusterId === clusterId), byName);
    const leader = roles.find((r) => r.clusterId === clusterId && r.role === 'leader');
    result.set(clusterId, {
      clusterId,
      leader: leader && { personId: leader.personId, name: leader.name },
      deputies: roles.filter((r) => r.clusterId === clusterId && r.role === 'deputy').map(({ personId, name }) => ({ personId, name })),
      recorders: recorders.filter((r) => r.clusterId === clusterId).map(({ personId, name }) => ({ personId, name })),
      shares: Object.fromEntries(shareKinds.map((k) => [k, pick(shares.find((s) => s.clusterId === clusterId && s.kind === k))])) as ContinuitySignals['shares'],
      soleContacts: contacts.filter((s) => s.clusterId === clusterId),
      ownersAwayOrGone: actions.filter((a) => a.clusterId === clusterId),
      bus: { ...bus, names: bus.chosen.map((p) => names.get(p.personId) ?? '?') },
    });
  }
  return result;
}

function pick(row: { total: number; single: number } | undefined) {
  return { total: row?.total ?? 0, single: row?.single ?? 0 };
}

/** A cluster with no records at all still gets signals (all empty), so `status` can say so. */
export function emptySignals(clusterId: string): ContinuitySignals {
  return {
    clusterId,
    deputies: [],
    recorders: [],
    shares: { meeting: pick(undefined), decision: pick(undefined), org: pick(undefined), plan_action: pick(undefined) },
    soleContacts: [],
    ownersAwayOrGone: [],
    bus: { factor: 0, chosen: [], covered: 0, total: 0, names: [] },
  };
}

/** Who could co-own what one person holds: a deputy first, then the leader, then whoever recorded lately. */
export function coOwnerFor(s: ContinuitySignals, personId: string): Person | undefined {
  const candidates = [...s.deputies, ...(s.leader ? [s.leader] : []), ...s.recorders];
  return candidates.find((p) => p.personId !== personId);
}

/** Brings the continuity cache of every cluster of the programme up to date for `today`'s 12-month window
 *  (the nightly job in continuity-warm.ts), so the day's first `status` reads it instead of recomputing it.
 *  Returns how many cluster rows had to be recomputed. */
export async function warmContinuity(repos: Repositories, programmeId: string, today: string): Promise<number> {
  const c = repos.continuity;
  const { recomputed: groups } = await c.touchGroups(programmeId, undefined, addDays(today, -BUS_FACTOR_DAYS));
  const { recomputed: single } = await c.singleTouched(programmeId, undefined);
  return groups.length + single.length;
}
